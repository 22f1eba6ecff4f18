from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .indicators import AMOUNT


class PeriodKind(models.TextChoices):
    PERIOD = "period", _("Reporting period")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Calendar year")
    FINANCIAL_YEAR = "fy", _("Financial year")
    TO_DATE = "to_date", _("To date")


class IndicatorRollup(models.Model):
    """Approved values added up by each indicator's rules: one cell per definition,
    cluster (empty: the project), kind of period, period and category ("" is the
    total; "women", "men" for a split by sex).

    Written only by ``monitoring.rollups`` (set-based SQL); dashboards and reports
    read it instead of adding up raw values on every request. ``shadow`` rows are a
    full rebuild being compared with the live ones before they replace them."""

    access_scope = ("mixed", "cluster", "project")

    # No single-column index on the keys: the indexes below start with each of them,
    # and every extra index is paid on each of the millions of rows a rebuild writes.
    # No foreign-key constraint either: the cells are computed from rows that hold
    # these keys, and Django deletes them with their project, cluster or definition.
    # The constraints' checks, deferred to the commit, cost a rebuild of 200,000 values
    # 6 s on top of its 10 s of statements.
    project = models.ForeignKey(
        "clusters.Project",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    definition = models.ForeignKey(
        "monitoring.IndicatorDefinition",
        on_delete=models.CASCADE,
        related_name="rollups",
        db_index=False,
        db_constraint=False,
    )
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    category = models.CharField(max_length=20, blank=True)
    value = models.DecimalField(null=True, blank=True, **AMOUNT)
    numerator = models.DecimalField(null=True, blank=True, **AMOUNT)
    denominator = models.DecimalField(null=True, blank=True, **AMOUNT)
    periods = models.PositiveIntegerField(default=0)  # how many values went in
    rolled_at = models.DateTimeField()
    shadow = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("indicator roll-up")
        verbose_name_plural = _("indicator roll-ups")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "definition",
                    "cluster",
                    "period_kind",
                    "period_start",
                    "category",
                    "shadow",
                ],
                condition=Q(cluster__isnull=False),
                name="rollup_cluster_cell_unique",
            ),
            models.UniqueConstraint(
                fields=["definition", "period_kind", "period_start", "category", "shadow"],
                condition=Q(cluster__isnull=True),
                name="rollup_project_cell_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["project", "period_kind", "period_start"]),
            models.Index(fields=["cluster", "period_kind", "period_start"]),
            # An incremental refresh reads and replaces one definition's cells.
            models.Index(fields=["definition", "period_kind", "period_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.definition_id} {self.period_kind} {self.period_start} {self.category}"


class RollupStamp(models.Model):
    """When a project's figures were last rolled up (shown on every dashboard and
    report), and what the last full rebuild found."""

    access_scope = ("project", "project")

    project = models.OneToOneField(
        "clusters.Project", on_delete=models.CASCADE, related_name="rollup_stamp"
    )
    rolled_at = models.DateTimeField(null=True, blank=True)
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    differences = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.project_id}: {self.rolled_at}"


class RollupSource(models.Model):
    """The approved values of one full roll-up, read once into a temporary table
    (``monitoring.rollups.engine``), so that each kind of period groups this narrow
    table instead of joining the values, indicators and definitions again. The table
    lives only during the computation, in its connection: its migration creates no table."""

    pk = models.CompositePrimaryKey("ind", "cat", "ps")
    ind = models.IntegerField()
    r_cluster = models.IntegerField(null=True)
    r_definition = models.IntegerField()
    freq = models.CharField(max_length=8)
    trule = models.CharField(max_length=8)
    cat = models.CharField(max_length=20)
    ps = models.DateField()
    pe = models.DateField()
    v = models.DecimalField(null=True, **AMOUNT)
    num = models.DecimalField(null=True, **AMOUNT)
    den = models.DecimalField(null=True, **AMOUNT)

    class Meta:
        managed = False
        db_table = "monitoring_rollup_source"

    def __str__(self) -> str:
        return f"{self.ind} {self.cat} {self.ps}"
