from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action

from clusters.models import Cluster, Project
from governance.access import Action, visible
from governance.api_base import scoped_related
from governance.drf import ScopedFieldsMixin, ServiceWritesMixin

from ..models import ReportEndorsement, ReportJob, ReportStatus
from . import services


class ReportEndorsementSerializer(serializers.ModelSerializer):
    """Read-only: the Commission's meeting the report was endorsed at, its decision there,
    who recorded it and when."""

    meeting_held_on = serializers.DateField(source="meeting.held_on", read_only=True)
    recorded_by = serializers.StringRelatedField(allow_null=True)  # null: account deleted

    class Meta:
        model = ReportEndorsement
        fields = ["meeting", "meeting_held_on", "decision", "note", "recorded_by", "recorded_at"]
        read_only_fields = fields


# What the job records of itself (never written by the caller): its language and
# schedule, its file, its state and outcome.
_JOB_OUTCOME_FIELDS = [
    "language",
    "scheduled",
    "filename",
    "status",
    "requested_by",
    "created_at",
    "finished_at",
    "error",
    "download_url",
    "endorsement",
]


class ReportJobSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    project = scoped_related(Project)
    cluster = scoped_related(Cluster, optional=True)
    requested_by = serializers.StringRelatedField(allow_null=True)  # null: account deleted
    download_url = serializers.SerializerMethodField()
    filename = serializers.CharField(read_only=True)
    # The Cluster Commission's endorsement of a cluster report (null until endorsed, and
    # on a project report); recorded on the report's page, not here.
    endorsement = ReportEndorsementSerializer(read_only=True, allow_null=True)

    scoped_fields = {"project": Project, "cluster": Cluster}

    # Read-only, and blank on jobs asked for before languages were stored: plain text in
    # the schema (an enum would refuse the blank).
    language = serializers.CharField(read_only=True)

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "project",
            "kind",
            "cluster",
            "period_kind",
            "period_start",
            "period_end",
            "format",
            *_JOB_OUTCOME_FIELDS,
        ]
        read_only_fields = ["id", "period_end", *_JOB_OUTCOME_FIELDS]

    def get_download_url(self, job: ReportJob) -> str | None:
        request = self.context.get("request")
        if job.status != ReportStatus.DONE or request is None:
            return None
        return request.build_absolute_uri(f"/api/report-jobs/{job.pk}/download/")


class ReportJobViewSet(
    ServiceWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Progress reports: request one, poll its status, download the file when ready."""

    queryset = ReportJob.objects.select_related(
        "project", "requested_by", "cluster", "endorsement__meeting", "endorsement__recorded_by"
    )
    serializer_class = ReportJobSerializer
    write_action = Action.REPORT
    filterset_fields = ["project", "status", "kind", "format"]
    create_service = services.report_job_request

    def filter_queryset(self, queryset):
        # Report jobs are for people who may report on the project (not CDAs).
        return visible(self.request.user, super().filter_queryset(queryset), Action.REPORT)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): (
                OpenApiTypes.BINARY
            ),
            (200, "text/csv"): OpenApiTypes.BINARY,
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        if job.status != ReportStatus.DONE or not job.file:
            raise Http404("This report is not ready.")
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.filename,
            content_type=job.content_type,
        )
