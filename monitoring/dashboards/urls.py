from django.urls import path

from . import views

urlpatterns = [
    path("projects/<int:pk>/dashboard/", views.project_dashboard, name="project-dashboard"),
    path("clusters/<int:pk>/dashboard/", views.cluster_dashboard, name="cluster-dashboard"),
]
