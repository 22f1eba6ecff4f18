from django.urls import path

from . import views

urlpatterns = [
    path("clusters/<int:cluster_pk>/activities/", views.activity_list, name="activity-list"),
    path(
        "clusters/<int:cluster_pk>/activities/new/",
        views.activity_create,
        name="activity-create",
    ),
]
