"""Field activity and governance figures by month, for the dashboards: written only by
``monitoring.rollups.activity`` (set-based SQL), refreshed when an entry, a meeting or a
decision changes and rebuilt nightly, so no page adds up raw rows per request."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ActivityRollup(models.Model):
    """The counted field activities of one cluster, month (its first day) and type:
    how many, the participants by sex, and the latest date among them."""

    access_scope = ("cluster", "cluster")

    project = models.ForeignKey("clusters.Project", on_delete=models.CASCADE, related_name="+")
    cluster = models.ForeignKey("clusters.Cluster", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    kind = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=0)
    women = models.PositiveIntegerField(default=0)
    men = models.PositiveIntegerField(default=0)
    # The cluster's last field activity, without reading the log.
    last_on = models.DateField(null=True, blank=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("field activity roll-up")
        verbose_name_plural = _("field activity roll-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "month", "kind"], name="activity_rollup_cell_unique"
            )
        ]
        indexes = [
            models.Index(fields=["project", "month"], name="activity_rollup_project_month"),
            # The project's "figures rolled up at" (its latest refresh) by index, not over
            # every cell (10 ms at 500 clusters); a cluster's few cells need none.
            models.Index(fields=["project", "refreshed_at"], name="activity_rollup_project_at"),
        ]

    def __str__(self) -> str:
        return f"{self.cluster_id} {self.month} {self.kind}: {self.count}"


class GovernanceRollup(models.Model):
    """The meetings of one body in a month: a cluster's Commission, or (no cluster) the
    project's Steering Committee; attendance by sex (members present and other
    participants) and the decisions taken, of which done."""

    access_scope = ("mixed", "cluster", "project")

    project = models.ForeignKey("clusters.Project", on_delete=models.CASCADE, related_name="+")
    cluster = models.ForeignKey(
        "clusters.Cluster", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    month = models.DateField()
    meetings = models.PositiveIntegerField(default=0)
    attendance_women = models.PositiveIntegerField(default=0)
    attendance_men = models.PositiveIntegerField(default=0)
    decisions = models.PositiveIntegerField(default=0)
    decisions_done = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("governance roll-up")
        verbose_name_plural = _("governance roll-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "month"],
                condition=Q(cluster__isnull=False),
                name="governance_rollup_commission_unique",
            ),
            models.UniqueConstraint(
                fields=["project", "month"],
                condition=Q(cluster__isnull=True),
                name="governance_rollup_steering_unique",
            ),
        ]
        indexes = [models.Index(fields=["project", "month"], name="gov_rollup_project_month")]

    def __str__(self) -> str:
        return f"{self.project_id}/{self.cluster_id} {self.month}: {self.meetings}"
