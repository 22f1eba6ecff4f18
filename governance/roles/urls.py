from django.urls import path

from . import views

urlpatterns = [
    path("projects/<int:pk>/people/", views.project_people, name="project-people"),
    path(
        "projects/<int:pk>/people/<int:assignment_pk>/end/",
        views.role_assignment_end,
        name="role-assignment-end",
    ),
]
