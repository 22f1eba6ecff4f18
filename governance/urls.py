from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("projects/<int:pk>/people/", views.project_people, name="project-people"),
    path(
        "projects/<int:pk>/people/<int:assignment_pk>/end/",
        views.role_assignment_end,
        name="role-assignment-end",
    ),
    # Phase 2: CDA appointments, Commission and Steering Committee, hand-over
    path(
        "clusters/<int:cluster_pk>/appointments/",
        views.cluster_appointments,
        name="cluster-appointments",
    ),
    path("appointments/<int:pk>/end/", views.appointment_end, name="appointment-end"),
    path("appointments/<int:pk>/terms/", views.appointment_terms, name="appointment-terms"),
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
    path("clusters/<int:cluster_pk>/hand-over/", views.cluster_hand_over, name="cluster-hand-over"),
    path(
        "history/<str:app_label>/<str:model_name>/<int:pk>/",
        views.object_history,
        name="object-history",
    ),
]
