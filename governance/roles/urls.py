from ..routing import under
from . import views

urlpatterns = under(
    "projects/<int:pk>/people/",
    ("", views.project_people, "project-people"),
    ("<int:assignment_pk>/end/", views.role_assignment_end, "role-assignment-end"),
)
