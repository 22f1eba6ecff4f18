from django.urls import include, path

from . import views

urlpatterns = [
    path("projects/<int:pk>/monitoring/", views.me_overview, name="me-overview"),
    path("", include("monitoring.dashboards.urls")),
    path("", include("monitoring.reports.urls")),
    path("", include("monitoring.results.urls")),
    path("", include("monitoring.indicators.urls")),
    path("", include("monitoring.values.urls")),
    path("", include("monitoring.evaluations.urls")),
    path("", include("monitoring.iati.urls")),
    path("", include("monitoring.countries.urls")),
    path("", include("monitoring.reminders.urls")),
]
