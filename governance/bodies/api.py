"""The API of Commissions and Steering Committees: bodies, members, meetings and
decisions. Explicit serializers; every write goes through
``governance.bodies.services``."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from clusters.models import Cluster, Project

from ..access import Action
from ..api_base import ServiceEditViewSet, document_field, scoped_related
from ..drf import ScopedFieldsMixin
from ..models import NO_USER_IN_PROJECT, Body, BodyMember, Decision, Meeting, User
from ..roles import selectors as role_selectors
from . import selectors, services


class BodySerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"cluster": Cluster, "project": Project}
    project = scoped_related(Project, optional=True)
    cluster = scoped_related(Cluster, optional=True)

    class Meta:
        model = Body
        fields = ["id", "kind", "project", "cluster"]
        read_only_fields = ["id", "kind"]

    def validate(self, attrs: dict) -> dict:
        if bool(attrs.get("cluster")) == bool(attrs.get("project")):
            raise ValidationError(
                {
                    "cluster": _(
                        "Give a cluster (its Commission) or a project (its Steering "
                        "Committee), not both."
                    )
                }
            )
        return attrs


class HealthSerializer(serializers.Serializer):
    meetings = serializers.IntegerField(
        help_text=gettext_lazy("Meetings held (future dates not counted).")
    )
    average_attendance = serializers.FloatField(allow_null=True)
    women_share = serializers.IntegerField(
        allow_null=True, help_text=gettext_lazy("Women's share of attendance, in per cent.")
    )
    decisions = serializers.IntegerField()
    decisions_done = serializers.IntegerField()
    decisions_dropped = serializers.IntegerField()
    decisions_done_share = serializers.IntegerField(
        allow_null=True,
        help_text=gettext_lazy(
            "Decisions done, in per cent of those open or done (dropped ones left out)."
        ),
    )


class BodyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Cluster Commissions and Steering Committees. POST returns the cluster's Commission
    or the project's Steering Committee, creating it on first use."""

    queryset = Body.objects.select_related("project", "cluster").order_by("pk")
    serializer_class = BodySerializer
    write_action = Action.MANAGE
    filterset_fields = ["kind", "project", "cluster"]

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        if data.get("cluster"):  # the services authorize (404 / 403)
            body = services.commission_ensure(actor=self.request.user, cluster=data["cluster"])
        else:
            body = services.steering_committee_ensure(
                actor=self.request.user, project=data["project"]
            )
        serializer.instance = body

    @extend_schema(responses=HealthSerializer)
    @action(detail=True, methods=["get"])
    def health(self, request: Any, pk: Any = None) -> Response:
        """Governance health of the body: for a Commission, the figures of its cluster's
        page."""
        body = self.get_object()
        return Response(HealthSerializer(selectors.body_health(body=body)).data)


class _ProjectUsernameField(serializers.CharField):
    """A username, resolved among the people holding a role in the body's project (in
    ``BodyMemberSerializer.validate``); shown as the username."""

    def to_representation(self, value: Any) -> str:
        return value.username if isinstance(value, User) else str(value)


class BodyMemberSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"body": Body}
    fixed_on_update = ("body",)
    body = scoped_related(Body)
    user = _ProjectUsernameField(
        required=False,
        allow_null=True,
        allow_blank=True,
        max_length=150,
        help_text=gettext_lazy("The username of someone holding a role in the body's project."),
    )

    class Meta:
        model = BodyMember
        fields = [
            "id",
            "body",
            "name",
            "represents",
            "role",
            "sex",
            "user",
            "starts_on",
            "ends_on",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        if "user" in attrs:
            attrs["user"] = self._project_user(attrs["user"], attrs.get("body"))
        return attrs

    def _project_user(self, username: str | None, body: Body | None) -> User | None:
        """Unknown and out-of-project usernames get the same answer (no probing)."""
        if not username:
            return None
        current = getattr(self.instance, "user", None)
        if current is not None and current.username.lower() == username.lower():
            return current  # an unchanged link stays
        body = body or self.instance.body
        user = role_selectors.project_user_by_username(project=body.project, username=username)
        if user is None:
            raise ValidationError({"user": [NO_USER_IN_PROJECT]})
        return user


class BodyMemberViewSet(ServiceEditViewSet):
    """Members of a Commission (managed by its CDA or the coordinator) or of the
    Steering Committee (coordinator). Send ``updated_at`` with an update: a stale edit
    is refused."""

    queryset = BodyMember.objects.select_related("body", "user").order_by("pk")
    serializer_class = BodyMemberSerializer
    write_action = Action.WORK
    filterset_fields = ["body", "role", "sex"]
    create_service = staticmethod(services.body_member_create)
    update_service = staticmethod(services.body_member_update)
    update_kwarg = "member"


class DecisionSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"meeting": Meeting}
    fixed_on_update = ("meeting",)
    meeting = scoped_related(Meeting)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "meeting",
            "text",
            "responsible",
            "due_on",
            "status",
            "overdue",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    def get_overdue(self, obj: Decision) -> bool:
        return obj.is_overdue()


class NestedDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "text", "responsible", "due_on", "status"]
        read_only_fields = fields


class MeetingSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"body": Body, "members_present": BodyMember}
    fixed_on_update = ("body",)
    body = scoped_related(Body)
    members_present = serializers.PrimaryKeyRelatedField(
        many=True, queryset=BodyMember.objects.none(), required=False
    )
    decisions = NestedDecisionSerializer(many=True, read_only=True)
    minutes_file = document_field()
    minutes_file_url = serializers.SerializerMethodField()
    other_women = serializers.IntegerField(min_value=0, required=False)
    other_men = serializers.IntegerField(min_value=0, required=False)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "held_on",
            "place",
            "agenda",
            "minutes",
            "minutes_file",
            "minutes_file_url",
            "members_present",
            "other_women",
            "other_men",
            "decisions",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    def get_minutes_file_url(self, obj: Meeting) -> str | None:
        return reverse("meeting-minutes", args=[obj.pk]) if obj.minutes_file else None


class MeetingViewSet(ServiceEditViewSet):
    """Meetings with attendance (``members_present``: ids of the body's members; other
    participants counted by sex) and their decisions (read here; written under
    /api/meeting-decisions/). The minutes file (``minutes_file``) is uploaded as
    multipart/form-data on create or update (send ``members_present`` once per id) and
    downloaded through ``minutes_file_url`` (permission-checked). A meeting's date cannot
    be in the future."""

    queryset = (
        Meeting.objects.select_related("body")
        .prefetch_related("decisions", "members_present")
        .order_by("-held_on", "-pk")
    )
    serializer_class = MeetingSerializer
    write_action = Action.WORK
    filterset_fields = ["body", "held_on"]
    create_service = staticmethod(services.meeting_create)
    update_service = staticmethod(services.meeting_update)
    update_kwarg = "meeting"


class DecisionViewSet(ServiceEditViewSet):
    """Decisions of Commission and Steering Committee meetings and their follow-up,
    listed like the open-decisions pages: open and overdue first (by due date), then
    open (by due date, undated last), then done and dropped. Filter with
    ``?status=open`` (or ``done``, ``dropped``) and ``?meeting=<id>``."""

    queryset = Decision.objects.select_related("meeting").order_by("pk")
    serializer_class = DecisionSerializer
    write_action = Action.WORK
    filterset_fields = ["meeting", "status"]
    create_service = staticmethod(services.decision_create)
    update_service = staticmethod(services.decision_update)
    update_kwarg = "decision"

    def get_queryset(self) -> Any:
        # today's date is read per request, not when the module loads
        return selectors.decisions_overdue_first(Decision.objects.select_related("meeting"))
