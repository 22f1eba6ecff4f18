from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from clusters.models import Cluster
from governance.access import authorize_rule
from governance.access.rules import may_correct_activity
from governance.api_base import ServiceEditViewSet
from governance.drf import ScopedFieldsMixin, as_drf_error
from governance.idempotency import IdempotentCreateMixin

from . import services
from .models import FieldActivity

# What the server records about an entry (who, when, its withdrawal): never sent.
RECORDED_FIELDS = (
    "recorded_by",
    "created_at",
    "updated_at",
    "withdrawn_at",
    "withdrawn_by",
    "withdraw_reason",
)


class FieldActivitySerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    cluster = serializers.PrimaryKeyRelatedField(queryset=Cluster.objects.none())
    recorded_by = serializers.StringRelatedField(allow_null=True)  # null: account deleted
    withdrawn_by = serializers.StringRelatedField(allow_null=True)

    scoped_fields = {"cluster": Cluster}
    fixed_on_update = ("cluster",)

    class Meta:
        model = FieldActivity
        fields = ["id", "cluster", *services.ACTIVITY_FIELDS, *RECORDED_FIELDS]
        read_only_fields = ["id", *RECORDED_FIELDS]


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)
    updated_at = serializers.CharField(required=False, allow_blank=True)


class RecentFirst(CursorPagination):
    """Newest first, steady however many entries are added meanwhile; the order is the
    one of the ``activity_recent`` index."""

    ordering = ("-occurred_on", "-id")
    page_size = 50

    def decode_cursor(self, request):
        # DRF answers a damaged cursor with 404, as if the list were gone; it is bad
        # input, so say so (400, next to the parameter).
        try:
            return super().decode_cursor(request)
        except NotFound as error:
            raise serializers.ValidationError({self.cursor_query_param: [error.detail]}) from None


class FieldActivityViewSet(IdempotentCreateMixin, ServiceEditViewSet):
    """The CDA's field log. Entries are created by the cluster's CDA or coordinator
    (once per ``Idempotency-Key``), corrected (PATCH) or withdrawn with a reason by
    their CDA within 30 days of their date, or by the coordinator."""

    queryset = FieldActivity.objects.select_related(
        "cluster__project", "recorded_by", "withdrawn_by"
    )
    serializer_class = FieldActivitySerializer
    filterset_fields = ["cluster", "kind", "occurred_on"]
    pagination_class = RecentFirst
    create_service = services.field_activity_create
    update_service = services.field_activity_update
    update_kwarg = "activity"
    idempotency_route = services.CREATE_ROUTE

    def get_object(self):
        activity = super().get_object()
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            # The access policy's rule, not the generic WORK: own entry, within the window.
            authorize_rule(
                self.request.user, may_correct_activity(self.request.user, activity), scope=activity
            )
        return activity

    def check_object_permissions(self, request, obj):
        # Who may correct or withdraw is the named rule's answer (get_object); reading
        # still follows the policy (404 outside the user's scope).
        if request.method in ("GET", "HEAD", "OPTIONS"):
            super().check_object_permissions(request, obj)

    @action(detail=True, methods=["post"], serializer_class=WithdrawSerializer)
    def withdraw(self, request, pk=None):
        activity = self.get_object()
        serializer = WithdrawSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            activity = services.field_activity_withdraw(
                actor=request.user,
                activity=activity,
                reason=serializer.validated_data["reason"],
                seen_updated_at=serializer.validated_data.get("updated_at"),
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        context = self.get_serializer_context()
        return Response(FieldActivitySerializer(activity, context=context).data)
