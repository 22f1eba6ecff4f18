from django.urls import path

from . import views

urlpatterns = [
    path("projects/<int:pk>/reports/", views.report_list, name="report-list"),
    path(
        "projects/<int:pk>/reports/schedule/",
        views.report_schedule_edit,
        name="report-schedule-edit",
    ),
    path("reports/<int:pk>/status/", views.report_job_status, name="report-job-status"),
    path("reports/<int:pk>/retry/", views.report_job_retry, name="report-job-retry"),
    path("reports/<int:pk>/download/", views.report_job_download, name="report-job-download"),
    path(
        "clusters/<int:cluster_pk>/reports/",
        views.cluster_report_list,
        name="cluster-report-list",
    ),
    path("reports/<int:pk>/endorsement/", views.report_endorsement, name="report-endorsement"),
]
