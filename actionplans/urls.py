from django.urls import path

from governance.routing import under

from . import views

urlpatterns = [
    *under(
        "clusters/<int:cluster_pk>/activities/",
        ("", views.activity_list, "activity-list"),
        ("new/", views.activity_create, "activity-create"),
        ("<int:pk>/edit/", views.activity_edit, "activity-edit"),
        ("<int:pk>/withdraw/", views.activity_withdraw, "activity-withdraw"),
    ),
    path("sw.js", views.service_worker, name="service-worker"),
]
