from django.urls import path

from ..routing import under
from . import views

urlpatterns = [
    # A body is created with its first member or meeting: until then these add to the
    # cluster's Commission or the project's Steering Committee by their owner.
    *under(
        "clusters/<int:cluster_pk>/commission/",
        ("", views.cluster_commission, "cluster-commission"),
        ("members/new/", views.commission_member_create, "commission-member-create"),
        ("meetings/new/", views.commission_meeting_create, "commission-meeting-create"),
    ),
    *under(
        "projects/<int:pk>/steering-committee/",
        ("", views.project_steering, "project-steering"),
        ("members/new/", views.steering_member_create, "steering-member-create"),
        ("meetings/new/", views.steering_meeting_create, "steering-meeting-create"),
    ),
    path("bodies/<int:body_pk>/members/new/", views.member_create, name="member-create"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("bodies/<int:body_pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    *under(
        "meetings/<int:pk>/",
        ("", views.meeting_detail, "meeting-detail"),
        ("edit/", views.meeting_edit, "meeting-edit"),
        ("minutes/", views.meeting_minutes, "meeting-minutes"),
    ),
    path("meetings/<int:meeting_pk>/decisions/new/", views.decision_create, name="decision-create"),
    path("meeting-decisions/<int:pk>/status/", views.decision_status, name="decision-status"),
    path(
        "clusters/<int:cluster_pk>/open-decisions/",
        views.cluster_decisions,
        name="cluster-decisions",
    ),
    path("projects/<int:pk>/open-decisions/", views.project_decisions, name="project-decisions"),
]
