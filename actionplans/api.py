from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, viewsets

from clusters.models import Cluster
from governance.access import Action, visible
from governance.api import as_drf_error

from . import services
from .models import FieldActivity


class FieldActivitySerializer(serializers.ModelSerializer):
    cluster = serializers.PrimaryKeyRelatedField(queryset=Cluster.objects.all())
    recorded_by = serializers.StringRelatedField(allow_null=True)  # null: account deleted

    class Meta:
        model = FieldActivity
        fields = [
            "id",
            "cluster",
            "occurred_on",
            "kind",
            "location",
            "summary",
            "women",
            "men",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["id", "recorded_by", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["cluster"].queryset = visible(request.user, Cluster, Action.VIEW)


class FieldActivityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The CDA's field log. Entries are created by the cluster's CDA or coordinator."""

    queryset = FieldActivity.objects.select_related("cluster", "recorded_by")
    serializer_class = FieldActivitySerializer
    filterset_fields = ["cluster", "kind", "occurred_on"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        try:
            serializer.instance = services.field_activity_create(actor=self.request.user, **data)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
