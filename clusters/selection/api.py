"""API of the selection: criteria, expert scores, ranking and decisions.

* criteria: list/retrieve for the selection body (project-level roles); create,
  update, delete by coordinators (MANAGE); POST /api/selection-criteria/starter/
  with ``project`` adds UNIDO's starter set (coordinators);
* scores: list/retrieve for the selection body; create (records or changes the
  caller's own score) by coordinators and Steering Committee members; delete
  (withdraw) by the scorer or the coordinator;
* rankings: GET /api/selection-rankings/<project id>/ (computed; DECIDE_SELECTION);
* decisions: list/retrieve/create, never update (DECIDE_SELECTION).

Phase changes are in ``clusters.api``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from governance.access import Action, can, visible
from governance.drf import ScopedFieldsMixin, ServiceWritesMixin, as_drf_error
from governance.models import Meeting

from ..models import (
    Cluster,
    ClusterStatus,
    Criterion,
    CriterionScore,
    Project,
    SelectionDecision,
    SelectionOutcome,
)
from . import decision_services, selectors, services


class CriterionSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none())

    scoped_fields = {"project": Project}

    class Meta:
        model = Criterion
        fields = [
            "id",
            "project",
            "name",
            "description",
            "kind",
            "source",
            "weight",
            "direction",
            "order",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]
        validators = []  # the model's full_clean in the service checks uniqueness

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["project"].read_only = True


class StarterSetSerializer(ScopedFieldsMixin, serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none())

    # Another project's id reads as "does not exist" (400), never "forbidden".
    scoped_fields = {"project": Project}


class CriterionViewSet(ServiceWritesMixin, viewsets.ModelViewSet):
    """Weighted selection criteria of a project. Coordinators manage them."""

    queryset = Criterion.objects.select_related("project").order_by("project_id", "order", "pk")
    serializer_class = CriterionSerializer
    write_action = Action.MANAGE
    filterset_fields = ["project", "kind"]
    create_service = services.criterion_create
    update_service = services.criterion_update
    update_kwarg = "criterion"

    def perform_destroy(self, instance):
        services.criterion_delete(actor=self.request.user, criterion=instance)

    @extend_schema(
        request=StarterSetSerializer,
        responses={201: CriterionSerializer(many=True), 200: CriterionSerializer(many=True)},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="starter",
        filter_backends=[],
        pagination_class=None,
    )
    def starter(self, request):
        """Add UNIDO's starter criteria the project does not have yet (coordinator).
        201 with the criteria added; 200 with an empty list when it has them all."""
        serializer = StarterSetSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        project = serializer.validated_data["project"]
        try:
            created = services.criteria_starter_set_add(actor=request.user, project=project)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        output = CriterionSerializer(created, many=True, context={"request": request})
        return Response(output.data, status=201 if created else 200)


class CriterionScoreSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    criterion = serializers.PrimaryKeyRelatedField(queryset=Criterion.objects.none())
    cluster = serializers.PrimaryKeyRelatedField(queryset=Cluster.objects.none())
    scored_by = serializers.StringRelatedField()
    score = serializers.IntegerField(min_value=0, max_value=5)

    scoped_fields = {"criterion": Criterion, "cluster": Cluster}

    class Meta:
        model = CriterionScore
        fields = ["id", "criterion", "cluster", "score", "note", "scored_by", "updated_at"]
        read_only_fields = ["id", "scored_by", "updated_at"]
        validators = []


class CriterionScoreViewSet(
    ServiceWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Expert scores (0-5). POST records or changes the caller's own score; DELETE
    withdraws a score (its scorer, or the coordinator)."""

    queryset = CriterionScore.objects.select_related("criterion", "cluster", "scored_by")
    serializer_class = CriterionScoreSerializer
    write_action = Action.DECIDE_SELECTION
    filterset_fields = ["criterion", "cluster", "scored_by"]
    create_service = services.criterion_score_set

    def perform_destroy(self, instance):
        services.criterion_score_withdraw(actor=self.request.user, score=instance)


class RankedCandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True)
    tied = serializers.BooleanField()
    total = serializers.FloatField()
    best_rank = serializers.IntegerField(allow_null=True)
    worst_rank = serializers.IntegerField(allow_null=True)
    contributions = serializers.DictField(child=serializers.FloatField())
    normalised = serializers.DictField(child=serializers.FloatField())
    missing = serializers.ListField(child=serializers.CharField())


class RankedCriterionSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    weight = serializers.FloatField()
    share = serializers.FloatField()
    direction = serializers.CharField()
    expert = serializers.BooleanField()
    included = serializers.BooleanField()
    constant = serializers.BooleanField()
    missing_count = serializers.IntegerField()


class RankingSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    ranked = serializers.BooleanField()
    problems = serializers.ListField(child=serializers.CharField())
    criteria = RankedCriterionSerializer(many=True)
    candidates = RankedCandidateSerializer(many=True)


class SelectionRankingViewSet(viewsets.GenericViewSet):
    """The computed ranking of a project's candidates (read only).

    The id is the project's id. Criterion keys are "c<criterion id>".
    """

    queryset = Project.objects.all()
    serializer_class = RankingSerializer
    filterset_fields: list[str] = []

    def retrieve(self, request, pk=None):
        project = self.get_object()
        if not can(request.user, Action.DECIDE_SELECTION, project):
            raise PermissionDenied()
        ranking = selectors.project_ranking(project=project).ranking
        payload = {
            "project": project.pk,
            "ranked": ranking.ranked,
            "problems": [str(p) for p in ranking.problems],
            "criteria": ranking.criteria,
            "candidates": ranking.candidates,
        }
        return Response(RankingSerializer(payload).data)


class SelectionDecisionSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none())
    selected = serializers.PrimaryKeyRelatedField(
        queryset=Cluster.objects.none(), many=True, required=False
    )
    rejected = serializers.PrimaryKeyRelatedField(
        queryset=Cluster.objects.none(), many=True, required=False
    )
    # null: the recorder's account was deleted / no later decision supersedes this one
    recorded_by = serializers.StringRelatedField(allow_null=True)
    superseded_by = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    scoped_fields = {
        "project": Project,
        "selected": Cluster.objects.exclude(status=ClusterStatus.PHASED_OUT),
        "rejected": Cluster.objects.exclude(status=ClusterStatus.PHASED_OUT),
        "meeting": Meeting,
        "supersedes": SelectionDecision,
    }

    class Meta:
        model = SelectionDecision
        fields = [
            "id",
            "project",
            "decided_on",
            "rationale",
            "selected",
            "rejected",
            "meeting",
            "supersedes",
            "superseded_by",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["id", "recorded_by", "created_at", "superseded_by"]
        extra_kwargs = {"supersedes": {"validators": []}}  # the service explains a conflict


def _outcome_ids(decision: SelectionDecision, outcome: str) -> list[int]:
    return [o.cluster_id for o in decision.outcomes.all() if o.outcome == outcome]


class SelectionDecisionOutputSerializer(SelectionDecisionSerializer):
    selected = serializers.SerializerMethodField()
    rejected = serializers.SerializerMethodField()

    def get_selected(self, obj) -> list[int]:
        return _outcome_ids(obj, SelectionOutcome.SELECTED)

    def get_rejected(self, obj) -> list[int]:
        return _outcome_ids(obj, SelectionOutcome.REJECTED)


class SelectionDecisionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Selection decisions: recorded, never edited (a later one supersedes)."""

    queryset = (
        SelectionDecision.objects.select_related("recorded_by", "superseded_by")
        .prefetch_related("outcomes")
        .order_by("-decided_on", "-pk")
    )
    serializer_class = SelectionDecisionSerializer
    write_action = Action.DECIDE_SELECTION
    filterset_fields = ["project"]

    def get_serializer_class(self):
        if self.action in ("list", "retrieve"):
            return SelectionDecisionOutputSerializer
        return SelectionDecisionSerializer

    def create(self, request, *args, **kwargs):
        # A visible project without the role answers 403 before any field is checked.
        project_id = request.data.get("project") if hasattr(request.data, "get") else None
        project = (
            visible(request.user, Project, Action.VIEW).filter(pk=project_id).first()
            if str(project_id or "").isdigit()
            else None
        )
        if project is not None and not can(request.user, Action.DECIDE_SELECTION, project):
            raise PermissionDenied()
        serializer = SelectionDecisionSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        project = data.pop("project")
        try:
            decision = decision_services.selection_decision_record(
                actor=request.user, project=project, **data
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        decision = self.get_queryset().get(pk=decision.pk)
        output = SelectionDecisionOutputSerializer(decision, context={"request": request})
        return Response(output.data, status=201)
