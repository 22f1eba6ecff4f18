"""The phase 2 API: CDA appointments, bodies, members, meetings, decisions, hand-overs.

Kept apart from ``governance.api`` because DRF imports that module (the default
permission and filter classes) while ``rest_framework.views`` itself loads, so it
must not import DRF's views or viewsets. Explicit serializers; every write goes
through ``governance.services``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from clusters.models import Cluster, Project

from . import selectors, services
from .access import Action, authorize, can, visible
from .api import as_drf_error
from .models import (
    NO_USER_IN_PROJECT,
    Body,
    BodyMember,
    CDAAppointment,
    Decision,
    HandOver,
    Meeting,
    User,
)
from .uploads import DOCUMENT_UPLOAD_VALIDATORS

# Explicit serializers; every write goes through governance.services.


class _ScopedFieldsMixin:
    """Restrict related-field choices to what the user may see (another project's id
    reads as "does not exist"). A value is a model or queryset (scoped for VIEW), or a
    ``(model_or_queryset, action)`` pair."""

    scoped_fields: dict[str, Any] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        for name, scope in self.scoped_fields.items():
            field = self.fields.get(name)
            if field is None or field.read_only:
                continue
            model, scope_action = scope if isinstance(scope, tuple) else (scope, Action.VIEW)
            target = (
                field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
            )
            target.queryset = (
                visible(request.user, model, scope_action)
                if request
                else visible(None, model, scope_action)
            )


def _username_field() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        # The pages' words, for an unknown username and one outside the caller's reach.
        error_messages={"does_not_exist": gettext_lazy("No active user has this username.")},
    )


def _document_field() -> serializers.FileField:
    """An attached document sent as multipart/form-data: PDF, Word, ODT, JPG or PNG, at
    most 10 MB (the page forms' limits)."""
    return serializers.FileField(
        write_only=True,
        required=False,
        allow_null=True,
        validators=DOCUMENT_UPLOAD_VALIDATORS,
        help_text=gettext_lazy(
            "PDF, Word, ODT, JPG or PNG; at most 10 MB. Send as multipart/form-data."
        ),
    )


class CDAAppointmentSerializer(_ScopedFieldsMixin, serializers.ModelSerializer):
    # A username outside the coordinator's reach (another project's people) answers
    # exactly as an unknown one: "No active user has this username."
    scoped_fields = {
        "cluster": Cluster,
        "user": (User.objects.filter(is_active=True), Action.MANAGE),
    }
    cluster = serializers.PrimaryKeyRelatedField(queryset=Cluster.objects.none())
    user = _username_field()
    terms_file = _document_field()
    terms_file_url = serializers.SerializerMethodField()
    active = serializers.SerializerMethodField()

    class Meta:
        model = CDAAppointment
        fields = [
            "id",
            "cluster",
            "kind",
            "user",
            "organisation_name",
            "starts_on",
            "ends_on",
            "terms_of_reference",
            "terms_file",
            "terms_file_url",
            "role_assignment",
            "active",
            "created_at",
        ]
        read_only_fields = ["id", "role_assignment", "created_at"]

    def get_terms_file_url(self, obj: CDAAppointment) -> str | None:
        return reverse("appointment-terms", args=[obj.pk]) if obj.terms_file else None

    def get_active(self, obj: CDAAppointment) -> bool:
        return obj.is_active()


class AppointmentEndSerializer(serializers.Serializer):
    ends_on = serializers.DateField(required=False, allow_null=True)


class _ServiceWritesMixin:
    """perform_create / perform_update call services; Django errors become 400s."""

    create_service: Any = None
    update_service: Any = None
    update_kwarg = "obj"

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = type(self).create_service(
                actor=self.request.user, **self.create_kwargs(serializer.validated_data)
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc

    def create_kwargs(self, data: dict) -> dict:
        return dict(data)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = type(self).update_service(
                actor=self.request.user,
                seen_updated_at=self.request.data.get("updated_at"),
                **{self.update_kwarg: serializer.instance},
                **serializer.validated_data,
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc


class CDAAppointmentViewSet(
    _ServiceWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """CDA appointments. The coordinator appoints (to a selected cluster) and ends them.
    The terms-of-reference file (``terms_file``) is uploaded with the appointment as
    multipart/form-data and downloaded through ``terms_file_url``."""

    queryset = CDAAppointment.objects.select_related("cluster", "user").order_by("pk")
    serializer_class = CDAAppointmentSerializer
    write_action = Action.MANAGE
    filterset_fields = ["cluster", "kind"]
    create_service = staticmethod(services.cda_appointment_create)

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        # A visible cluster without the role answers 403 before any field is checked, so
        # the username (looked up among the people within a coordinator's reach) cannot
        # be probed by someone who may not appoint at all.
        cluster_id = request.data.get("cluster") if hasattr(request.data, "get") else None
        if str(cluster_id or "").isdigit():
            cluster = visible(request.user, Cluster, Action.VIEW).filter(pk=cluster_id).first()
            if cluster is not None and not can(request.user, Action.MANAGE, cluster):
                raise PermissionDenied()
        return super().create(request, *args, **kwargs)

    @extend_schema(request=AppointmentEndSerializer, responses=CDAAppointmentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Any, pk: Any = None) -> Response:
        appointment = self.get_object()
        payload = AppointmentEndSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        appointment = services.cda_appointment_end(
            actor=request.user,
            appointment=appointment,
            ends_on=payload.validated_data.get("ends_on"),
        )
        return Response(self.get_serializer(appointment).data)


class BodySerializer(_ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"cluster": Cluster, "project": Project}
    project = serializers.PrimaryKeyRelatedField(
        queryset=Project.objects.none(), required=False, allow_null=True
    )
    cluster = serializers.PrimaryKeyRelatedField(
        queryset=Cluster.objects.none(), required=False, allow_null=True
    )

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
        if data.get("cluster"):
            authorize(self.request.user, Action.WORK, data["cluster"])
            body = services.commission_ensure(actor=self.request.user, cluster=data["cluster"])
        else:
            authorize(self.request.user, Action.MANAGE, data["project"])
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


class BodyMemberSerializer(_ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"body": Body}
    body = serializers.PrimaryKeyRelatedField(queryset=Body.objects.none())
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["body"].read_only = True

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
        user = selectors.project_user_by_username(project=body.project, username=username)
        if user is None:
            raise ValidationError({"user": [NO_USER_IN_PROJECT]})
        return user


class BodyMemberViewSet(
    _ServiceWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
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


class DecisionSerializer(_ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"meeting": Meeting}
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.none())
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["meeting"].read_only = True


class NestedDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "text", "responsible", "due_on", "status"]
        read_only_fields = fields


class MeetingSerializer(_ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"body": Body, "members_present": BodyMember}
    body = serializers.PrimaryKeyRelatedField(queryset=Body.objects.none())
    members_present = serializers.PrimaryKeyRelatedField(
        many=True, queryset=BodyMember.objects.none(), required=False
    )
    decisions = NestedDecisionSerializer(many=True, read_only=True)
    minutes_file = _document_field()
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["body"].read_only = True

    def get_minutes_file_url(self, obj: Meeting) -> str | None:
        return reverse("meeting-minutes", args=[obj.pk]) if obj.minutes_file else None


class MeetingViewSet(
    _ServiceWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
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


class DecisionViewSet(
    _ServiceWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
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


class HandOverSerializer(_ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"cluster": Cluster}
    cluster = serializers.PrimaryKeyRelatedField(queryset=Cluster.objects.none())

    class Meta:
        model = HandOver
        fields = [
            "id",
            "cluster",
            "recipient_name",
            "recipient_kind",
            "handed_over_on",
            "cda_withdrawal_on",
            "notes",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        validators = []  # one hand-over per cluster: checked by the service


class HandOverViewSet(
    _ServiceWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Hand-overs (coordinator): recording one phases the cluster out."""

    queryset = HandOver.objects.select_related("cluster").order_by("pk")
    serializer_class = HandOverSerializer
    write_action = Action.MANAGE
    filterset_fields = ["cluster"]
    create_service = staticmethod(services.hand_over_record)
