from ..routing import under
from . import views

urlpatterns = under(
    "projects/<int:pk>/people/",
    ("", views.project_people, "project-people"),
    ("search/", views.people_search, "people-search"),
    ("<int:assignment_pk>/end/", views.role_assignment_end, "role-assignment-end"),
)
