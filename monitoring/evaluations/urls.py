from django.urls import path

from . import views

urlpatterns = [
    path("projects/<int:pk>/evaluations/", views.evaluation_list, name="evaluation-list"),
    path("projects/<int:pk>/evaluations/new/", views.evaluation_create, name="evaluation-create"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation-detail"),
    path("evaluations/<int:pk>/edit/", views.evaluation_edit, name="evaluation-edit"),
    path("evaluations/<int:pk>/report/", views.evaluation_report, name="evaluation-report"),
    path(
        "evaluations/<int:pk>/report/download/",
        views.evaluation_report_download,
        name="evaluation-report-download",
    ),
    path("evaluations/<int:pk>/points/new/", views.point_create, name="evaluation-point-create"),
    path("evaluation-points/<int:pk>/edit/", views.point_edit, name="evaluation-point-edit"),
    path(
        "evaluation-points/<int:pk>/response/",
        views.point_response,
        name="evaluation-point-response",
    ),
    path("evaluation-points/<int:pk>/delete/", views.point_delete, name="evaluation-point-delete"),
]
