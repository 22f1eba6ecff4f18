from django.urls import path

from . import views

urlpatterns = [
    path(
        "clusters/<int:cluster_pk>/commission/",
        views.cluster_commission,
        name="cluster-commission",
    ),
    path("projects/<int:pk>/steering-committee/", views.project_steering, name="project-steering"),
    # A body is created with its first member or meeting: until then these add to the
    # cluster's Commission or the project's Steering Committee by their owner.
    path(
        "clusters/<int:cluster_pk>/commission/members/new/",
        views.commission_member_create,
        name="commission-member-create",
    ),
    path(
        "clusters/<int:cluster_pk>/commission/meetings/new/",
        views.commission_meeting_create,
        name="commission-meeting-create",
    ),
    path(
        "projects/<int:pk>/steering-committee/members/new/",
        views.steering_member_create,
        name="steering-member-create",
    ),
    path(
        "projects/<int:pk>/steering-committee/meetings/new/",
        views.steering_meeting_create,
        name="steering-meeting-create",
    ),
    path("bodies/<int:body_pk>/members/new/", views.member_create, name="member-create"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("bodies/<int:body_pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting-minutes"),
    path(
        "meetings/<int:meeting_pk>/decisions/new/",
        views.decision_create,
        name="decision-create",
    ),
    path("meeting-decisions/<int:pk>/status/", views.decision_status, name="decision-status"),
    path(
        "clusters/<int:cluster_pk>/open-decisions/",
        views.cluster_decisions,
        name="cluster-decisions",
    ),
    path("projects/<int:pk>/open-decisions/", views.project_decisions, name="project-decisions"),
]
