from governance.routing import under

from . import views

urlpatterns = under(
    "clusters/<int:cluster_pk>/activities/",
    ("", views.activity_list, "activity-list"),
    ("new/", views.activity_create, "activity-create"),
)
