from django.urls import path

from . import views

urlpatterns = [
    path("projects/<int:pk>/dashboard/", views.project_dashboard, name="project-dashboard"),
]
