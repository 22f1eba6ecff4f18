"""The API of indicator values: values (with their women/men parts) and the actions
submit, approve, return and correct; period locks; evidence files. Same policy as the
pages; 400 with field errors, 409 on a stale edit (send ``updated_at``) and 409 with
the reason on a locked period."""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from clusters.models import Cluster, Project
from governance.access import Action
from governance.api_base import (
    ServiceCreateViewSet,
    ServiceEditViewSet,
    document_field,
    recorded_username,
)
from governance.drf import PolicyFilterSet, ScopedFieldsMixin, as_drf_error
from governance.uploads import document_download

from ..models import Indicator, IndicatorValue, IndicatorValueEvidence, PeriodLock, ValueStatus
from . import services
from .locks import PeriodLockedError, period_lock_set
from .selectors import VALUE_PARTS, with_parts


class PeriodLocked(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "period_locked"


def api_error(exc: DjangoValidationError) -> APIException:
    """A service's refusal as the API's answer: 409 for a locked period (with why)."""
    if isinstance(exc, PeriodLockedError):
        return PeriodLocked({"detail": " ".join(exc.messages), "code": "period_locked"})
    return as_drf_error(exc)


def _call(write: Any) -> Any:
    try:
        return write()
    except DjangoValidationError as exc:
        raise api_error(exc) from exc


def _amount(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=18, decimal_places=4, required=False, allow_null=True, **kwargs
    )


class ValueSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"indicator": Indicator}
    fixed_on_update = ("indicator", "period_start")
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.none())
    value = _amount()
    numerator = _amount()
    denominator = _amount()
    women = _amount(
        help_text=gettext_lazy("By-sex indicators: women (with men, adds up to the total).")
    )
    men = _amount(help_text=gettext_lazy("By-sex indicators: men."))
    submit = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=gettext_lazy("Send the value for approval at once."),
    )
    entered_by = recorded_username()
    submitted_by = recorded_username()
    reviewed_by = recorded_username()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "period_start",
            "period_end",
            "status",
            *services.INPUT_FIELDS,
            "submit",
            "return_reason",
            "corrects",
            "entered_by",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "self_approved",
            "evidence",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "period_end",
            "status",
            "return_reason",
            "corrects",
            "submitted_at",
            "reviewed_at",
            "self_approved",
            "updated_at",
        ]

    def to_representation(self, instance: IndicatorValue) -> dict:
        if not hasattr(instance, "women"):
            with_parts([instance])
        return super().to_representation(instance)

    def get_evidence(self, obj: IndicatorValue) -> list[dict]:
        return [
            {"id": e.pk, "name": str(e), "url": reverse("value-evidence-download", args=[e.pk])}
            for e in obj.evidence.all()
        ]


class FiguresSerializer(serializers.Serializer):
    """A correction's figures (the same fields as a value)."""

    value = _amount()
    numerator = _amount()
    denominator = _amount()
    yes_no = serializers.BooleanField(required=False, allow_null=True, default=None)
    text = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    women = _amount()
    men = _amount()
    split_unknown = serializers.BooleanField(required=False, default=False)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    submit = serializers.BooleanField(required=False, default=True)


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ValueFilter(PolicyFilterSet):
    indicator = django_filters.ModelChoiceFilter(queryset=Indicator.objects.all())
    cluster = django_filters.ModelChoiceFilter(
        field_name="indicator__cluster", queryset=Cluster.objects.all()
    )
    status = django_filters.ChoiceFilter(choices=ValueStatus.choices)

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "cluster", "status", "period_start"]


REVIEW_ACTIONS = {"approve", "return_value"}


class IndicatorValueViewSet(ServiceEditViewSet):
    """Indicator values. Create a value with its figures (``women`` and ``men`` for a
    by-sex indicator; ``submit: true`` to send it for approval at once); update a draft
    or returned one (send ``updated_at``). Actions: ``submit``, ``approve`` and
    ``return`` (with ``reason``: the coordinator), ``correct`` (a new value for an
    approved one's period, which needs approval). Filter with ``?indicator=``,
    ``?cluster=``, ``?status=``, ``?period_start=``."""

    queryset = (
        IndicatorValue.objects.select_related(
            "indicator", "entered_by", "submitted_by", "reviewed_by"
        )
        .prefetch_related(*VALUE_PARTS)
        .order_by("pk")
    )
    serializer_class = ValueSerializer
    filterset_class = ValueFilter
    create_service = staticmethod(services.value_create)
    update_service = staticmethod(services.value_update)
    update_kwarg = "row"

    @property
    def write_action(self) -> Action:
        return Action.APPROVE if self.action in REVIEW_ACTIONS else Action.WORK

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = _call(lambda: services.value_create(actor=self.request.user, **data))

    def perform_update(self, serializer: Any) -> None:
        value = serializer.instance
        with_parts([value])
        data = {
            name: getattr(value, name)
            for name in services.INPUT_FIELDS
            if name not in serializer.validated_data
        }
        data.update(serializer.validated_data)
        serializer.instance = _call(
            lambda: services.value_update(
                actor=self.request.user,
                row=value,
                seen_updated_at=self.request.data.get("updated_at"),
                **data,
            )
        )

    def _answer(self, value: IndicatorValue, code: int = status.HTTP_200_OK) -> Response:
        value = self.get_queryset().get(pk=value.pk)
        return Response(self.get_serializer(value).data, status=code)

    @extend_schema(request=None, responses=ValueSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Any, pk: Any = None) -> Response:
        value = self.get_object()
        seen = request.data.get("updated_at")
        return self._answer(
            _call(
                lambda: services.value_submit(actor=request.user, value=value, seen_updated_at=seen)
            )
        )

    @extend_schema(request=None, responses=ValueSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Any, pk: Any = None) -> Response:
        value = self.get_object()
        return self._answer(_call(lambda: services.value_approve(actor=request.user, value=value)))

    @extend_schema(request=ReturnSerializer, responses=ValueSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_value(self, request: Any, pk: Any = None) -> Response:
        value = self.get_object()
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reason = body.validated_data.get("reason", "")
        return self._answer(
            _call(lambda: services.value_return(actor=request.user, value=value, reason=reason))
        )

    @extend_schema(request=FiguresSerializer, responses=ValueSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request: Any, pk: Any = None) -> Response:
        value = self.get_object()
        body = FiguresSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        made = _call(lambda: services.value_correct(actor=request.user, original=value, **data))
        return self._answer(made, status.HTTP_201_CREATED)


class PeriodLockSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"project": Project}
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none())
    decided_by = recorded_username()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)

    class Meta:
        model = PeriodLock
        fields = [
            "id",
            "project",
            "period_start",
            "period_end",
            "locked",
            "reason",
            "decided_by",
            "created_at",
        ]
        read_only_fields = ["id", "decided_by", "created_at"]


class PeriodLockViewSet(ServiceCreateViewSet):
    """A coordinator's locks and reopenings of a project's periods (``locked`` true or
    false, with a ``reason``); the latest row of a period wins. Rows are never edited."""

    queryset = PeriodLock.objects.select_related("decided_by").order_by("pk")
    serializer_class = PeriodLockSerializer
    write_action = Action.APPROVE
    filterset_fields = ["project", "locked", "period_start"]

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = _call(lambda: period_lock_set(actor=self.request.user, **data))


class EvidenceSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"indicator_value": IndicatorValue}
    indicator_value = serializers.PrimaryKeyRelatedField(queryset=IndicatorValue.objects.none())
    file = document_field()
    name = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorValueEvidence
        fields = ["id", "indicator_value", "file", "name", "url", "uploaded_at"]
        read_only_fields = ["id", "uploaded_at"]

    def get_name(self, obj: IndicatorValueEvidence) -> str:
        return str(obj)

    def get_url(self, obj: IndicatorValueEvidence) -> str:
        return reverse("value-evidence-download", args=[obj.pk])


class EvidenceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Evidence files of values (attendance sheets, invoices, certificates), uploaded as
    multipart/form-data (``indicator_value``, ``file``) while the value is being worked
    on, and downloaded through a permission check."""

    queryset = IndicatorValueEvidence.objects.select_related("indicator_value").order_by("pk")
    serializer_class = EvidenceSerializer
    filterset_fields = ["indicator_value"]

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        if not data.get("file"):
            raise as_drf_error(DjangoValidationError({"file": gettext_lazy("Choose a file.")}))
        rows = _call(
            lambda: services.evidence_add(
                actor=self.request.user, value=data["indicator_value"], files=[data["file"]]
            )
        )
        serializer.instance = rows[0]

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request: Any, pk: Any = None) -> Any:
        evidence = self.get_object()
        value = evidence.indicator_value
        return document_download(evidence.file, f"evidence-{value.period_start}-{evidence.pk}")


ROUTES = [
    ("indicator-values", IndicatorValueViewSet, "api-indicator-value"),
    ("period-locks", PeriodLockViewSet, "api-period-lock"),
    ("indicator-value-evidence", EvidenceViewSet, "api-indicator-value-evidence"),
]
