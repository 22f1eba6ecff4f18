"""The evaluation API: evaluations with their five OECD-DAC ratings nested, and their
findings, lessons and recommendations (with management's response and follow-up).
Every write goes through ``monitoring.evaluations.services`` (the coordinator only)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from clusters.models import Cluster, Project
from governance.access import Action
from governance.api_base import ServiceEditViewSet, document_field, scoped_related, username_field
from governance.drf import ScopedFieldsMixin, as_drf_error
from governance.models import User
from governance.uploads import document_download

from ..models import Criterion, Evaluation, EvaluationPoint, Rating
from . import selectors, services


class RatingSerializer(serializers.Serializer):
    """An evaluation's rating and narrative on one OECD-DAC criterion."""

    criterion = serializers.ChoiceField(choices=Criterion.choices)
    rating = serializers.ChoiceField(choices=Rating.choices, allow_null=True, required=False)
    narrative = serializers.CharField(max_length=8000, allow_blank=True, required=False)

    class Meta:
        ref_name = "EvaluationRating"


class EvaluationSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    """A mid-term or final evaluation with its ratings on the five OECD-DAC criteria."""

    scoped_fields = {"project": Project, "cluster": Cluster}
    fixed_on_update = ("project",)
    project = scoped_related(Project)
    cluster = scoped_related(Cluster, optional=True)
    ratings = RatingSerializer(
        many=True,
        required=False,
        help_text=gettext_lazy(
            "The five OECD-DAC criteria, each with a rating (6 highly satisfactory ... 1 "
            "highly unsatisfactory, or null) and a narrative; on an update, the criteria "
            "given are changed and the others kept."
        ),
    )
    average_rating = serializers.SerializerMethodField()
    report_file = document_field()
    report_file_url = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "project",
            "cluster",
            "kind",
            "title",
            "evaluator",
            "completed_on",
            "summary",
            "ratings",
            "average_rating",
            "report_file",
            "report_file_url",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_average_rating(self, obj: Evaluation) -> float | None:
        return selectors.summarise(obj).average_rating

    def get_report_file_url(self, obj: Evaluation) -> str | None:
        if not obj.report_file:
            return None
        return reverse("api-evaluation-report", args=[obj.pk])


class EvaluationViewSet(ServiceEditViewSet):
    """Mid-term and final evaluations of a project (``cluster`` null) or of one of its
    clusters. Everyone who may view the project or the cluster reads; the coordinator
    writes. The report file (``report_file``) is uploaded as multipart/form-data (send
    the ratings as JSON in another request) and downloaded through ``report_file_url``
    (``/api/evaluations/<id>/report/``). Send ``updated_at`` with an update: a stale
    edit is refused."""

    queryset = selectors.evaluations_with_ratings().order_by("-completed_on", "-pk")
    serializer_class = EvaluationSerializer
    write_action = Action.MANAGE
    filterset_fields = ["project", "cluster", "kind"]
    create_service = staticmethod(services.evaluation_create)
    update_service = staticmethod(services.evaluation_update)
    update_kwarg = "evaluation"

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def report(self, request: Any, pk: Any = None) -> Any:
        """The evaluation report as a download (404 when none is attached)."""
        evaluation = self.get_object()
        return document_download(evaluation.report_file, f"evaluation-report-{evaluation.pk}")


class PointSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    """A finding, lesson or recommendation of an evaluation."""

    scoped_fields = {"evaluation": Evaluation, "responsible": User}
    fixed_on_update = ("evaluation",)
    evaluation = scoped_related(Evaluation)
    responsible = username_field()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = EvaluationPoint
        ref_name = "EvaluationPoint"
        fields = ["id", "evaluation", *services.POINT_FIELDS, "overdue", "updated_at"]
        read_only_fields = ["id", "updated_at"]

    def get_overdue(self, obj: EvaluationPoint) -> bool:
        """An open recommendation past its due date."""  # annotated by the queryset
        return bool(getattr(obj, "overdue", False))


class PointViewSet(mixins.DestroyModelMixin, ServiceEditViewSet):
    """Findings, lessons and recommendations of evaluations. A recommendation carries
    management's response, a responsible person (a username within the caller's reach),
    a due date and its follow-up; a finding or lesson carries none of them. Only an
    accepted or partly accepted recommendation is followed up. ``overdue``: open past
    its due date."""

    serializer_class = PointSerializer
    write_action = Action.MANAGE
    filterset_fields = ["evaluation", "kind", "response", "follow_up"]
    create_service = staticmethod(services.point_create)
    update_service = staticmethod(services.point_update)
    update_kwarg = "point"

    def get_queryset(self) -> Any:
        # today's date (for ``overdue``) is read per request, not when the module loads
        return selectors.points_with_overdue(
            EvaluationPoint.objects.select_related("evaluation", "responsible")
        ).order_by("evaluation_id", "kind", "pk")

    def perform_destroy(self, instance: EvaluationPoint) -> None:
        try:
            services.point_delete(actor=self.request.user, point=instance)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc


ROUTES = [
    ("evaluations", EvaluationViewSet, "api-evaluation"),
    ("evaluation-points", PointViewSet, "api-evaluation-point"),
]
