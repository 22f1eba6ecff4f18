from rest_framework import serializers

from clusters.models import Cluster
from governance.api_base import ServiceCreateViewSet
from governance.drf import ScopedFieldsMixin

from . import services
from .models import FieldActivity


class FieldActivitySerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    cluster = serializers.PrimaryKeyRelatedField(queryset=Cluster.objects.none())
    recorded_by = serializers.StringRelatedField(allow_null=True)  # null: account deleted

    scoped_fields = {"cluster": Cluster}

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


class FieldActivityViewSet(ServiceCreateViewSet):
    """The CDA's field log. Entries are created by the cluster's CDA or coordinator."""

    queryset = FieldActivity.objects.select_related("cluster", "recorded_by")
    serializer_class = FieldActivitySerializer
    filterset_fields = ["cluster", "kind", "occurred_on"]
    create_service = services.field_activity_create
