from django.urls import path

from ..owner_pages import owner_paths
from . import plan_views, views

urlpatterns = [
    # The project's pool and M&E calendar
    path("projects/<int:pk>/indicator-pool/", views.pool, name="indicator-pool"),
    path(
        "projects/<int:pk>/indicator-pool/starter/",
        views.pool_starter,
        name="indicator-pool-starter",
    ),
    path(
        "projects/<int:pk>/indicator-pool/new/",
        views.definition_create,
        name="indicator-definition-create",
    ),
    path(
        "indicator-definitions/<int:pk>/edit/",
        views.definition_edit,
        name="indicator-definition-edit",
    ),
    path(
        "projects/<int:pk>/monitoring/settings/",
        views.monitoring_settings,
        name="monitoring-settings",
    ),
    # Indicators adopted by a cluster, or by the project as a whole (the same views)
    *owner_paths("indicators/", plan_views.indicator_list, "indicators"),
    *owner_paths("indicators/adopt/", plan_views.indicators_adopt, "indicators-adopt"),
    path("indicators/<int:pk>/plan/", plan_views.indicator_plan, name="indicator-plan"),
    path("indicators/<int:pk>/targets/", plan_views.indicator_targets, name="indicator-targets"),
]
