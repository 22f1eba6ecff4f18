from django.urls import path

from . import review_views, views

urlpatterns = [
    path("values/due/", views.values_due, name="values-due"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator-detail"),
    path("indicators/<int:pk>/values/<str:period>/", views.value_enter, name="value-enter"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="value-evidence-download"),
    path("projects/<int:pk>/values/queue/", review_views.approval_queue, name="values-queue"),
    path(
        "projects/<int:pk>/values/approve/",
        review_views.values_approve_selected,
        name="values-approve-selected",
    ),
    path("values/<int:pk>/approve/", review_views.value_approve, name="value-approve"),
    path("values/<int:pk>/return/", review_views.value_return, name="value-return"),
    path("projects/<int:pk>/periods/lock/", review_views.period_lock, name="period-lock"),
    path(
        "projects/<int:pk>/values/completeness/",
        review_views.completeness,
        name="values-completeness",
    ),
]
