"""The API of CDA appointments and hand-overs. Explicit serializers; every write goes
through ``governance.appointments.services``."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from clusters.models import Cluster

from ..access import Action, can, visible
from ..api_base import ServiceCreateViewSet, document_field, username_field
from ..drf import ScopedFieldsMixin
from ..models import CDAAppointment, HandOver, User
from . import services


class CDAAppointmentSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    # A username outside the coordinator's reach (another project's people) answers
    # exactly as an unknown one: "No active user has this username."
    scoped_fields = {
        "cluster": Cluster,
        "user": (User.objects.filter(is_active=True), Action.MANAGE),
    }
    cluster = serializers.PrimaryKeyRelatedField(queryset=Cluster.objects.none())
    user = username_field()
    terms_file = document_field()
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


class CDAAppointmentViewSet(ServiceCreateViewSet):
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


class HandOverSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
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


class HandOverViewSet(ServiceCreateViewSet):
    """Hand-overs (coordinator): recording one phases the cluster out."""

    queryset = HandOver.objects.select_related("cluster").order_by("pk")
    serializer_class = HandOverSerializer
    write_action = Action.MANAGE
    filterset_fields = ["cluster"]
    create_service = staticmethod(services.hand_over_record)
