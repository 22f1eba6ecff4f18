from __future__ import annotations

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .fields import responsible_person_field
from .results import ResultLevel

# The Sustainable Development Goals a cluster programme reports on.
SDG_GOALS = (1, 4, 5, 8, 9, 10, 13, 14, 15, 17)

# Figures are decimals with room for sales in local currency (billions) and hectares.
AMOUNT = {"max_digits": 18, "decimal_places": 4}


class Measure(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage (numerator over denominator)")
    YES_NO = "yes_no", _("Yes or no")
    QUALITATIVE = "qualitative", _("Qualitative (text)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Disaggregation(models.TextChoices):
    """The dimension a value is split by. A new dimension (age group, firm size) is a new
    choice here and its categories in ``CATEGORIES``; values keep their parts as rows."""

    NONE = "none", _("None")
    SEX = "sex", _("By sex")


CATEGORIES: dict[str, tuple[tuple[str, str], ...]] = {
    Disaggregation.SEX: (("women", _("Women")), ("men", _("Men"))),
}


class TimeAggregation(models.TextChoices):
    """How reporting periods add up to a quarter, a year or to date."""

    SUM = "sum", _("Sum (flows: sales, people trained)")
    LAST = "last", _("Last value in the period (stocks: firms in joint actions)")
    AVERAGE = "average", _("Average")
    RATIO = "ratio", _("Ratio: sum of numerators over sum of denominators")


class ClusterAggregation(models.TextChoices):
    """How clusters add up to a project and projects to a country."""

    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")
    RATIO = "ratio", _("Ratio: sum of numerators over sum of denominators")


class Frequency(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    YEAR = "year", _("Yearly")


class IndicatorDefinition(models.Model):
    """An indicator of the project's pool: what is measured and how it adds up.

    UNIDO's starter pool (``monitoring.indicators.starter``) is offered to every
    project; adopting it copies its definitions here, where the coordinator may edit
    them."""

    access_scope = ("project", "project")

    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="indicator_definitions"
    )
    code = models.CharField(_("code"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    measure = models.CharField(
        _("measure"), max_length=12, choices=Measure.choices, default=Measure.NUMBER
    )
    level = models.CharField(_("level"), max_length=10, choices=ResultLevel.choices)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    disaggregation = models.CharField(
        _("disaggregation"),
        max_length=12,
        choices=Disaggregation.choices,
        default=Disaggregation.NONE,
    )
    sdg_goals = models.JSONField(_("SDG goals"), default=list, blank=True)
    time_aggregation = models.CharField(
        _("over time"), max_length=8, choices=TimeAggregation.choices
    )
    cluster_aggregation = models.CharField(
        _("across clusters"), max_length=8, choices=ClusterAggregation.choices
    )
    cumulative = models.BooleanField(
        _("cumulative (targets are to date)"),
        default=False,
        help_text=_("The year and to-date value is the last value, not a sum."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project_id", "code"]
        verbose_name = _("indicator definition")
        verbose_name_plural = _("indicator definitions")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"], name="indicator_definition_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def categories(self) -> tuple[tuple[str, str], ...]:
        return CATEGORIES.get(self.disaggregation, ())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        goals = self.sdg_goals or []
        if not isinstance(goals, list) or any(g not in SDG_GOALS for g in goals):
            errors["sdg_goals"] = _("Pick SDG goals among %(goals)s.") % {
                "goals": ", ".join(str(g) for g in SDG_GOALS)
            }
        ratio = TimeAggregation.RATIO, ClusterAggregation.RATIO
        is_pct = self.measure == Measure.PERCENTAGE
        if is_pct and (
            self.time_aggregation != TimeAggregation.RATIO
            or self.cluster_aggregation != ClusterAggregation.RATIO
        ):
            # An average of percentages weighs a cluster of 3 firms like one of 300.
            errors["time_aggregation"] = _(
                "A percentage adds up as a ratio (sum of numerators over sum of "
                "denominators), over time and across clusters."
            )
        elif not is_pct and (self.time_aggregation in ratio or self.cluster_aggregation in ratio):
            errors["time_aggregation"] = _("Only a percentage adds up as a ratio.")
        if self.measure in (Measure.YES_NO, Measure.QUALITATIVE) and (
            self.disaggregation != Disaggregation.NONE
        ):
            errors["disaggregation"] = _("Only numbers and percentages can be split.")
        if self.cumulative and self.time_aggregation != TimeAggregation.LAST:
            errors["cumulative"] = _(
                "A cumulative indicator takes the last value in the period over time."
            )
        if errors:
            raise ValidationError(errors)


class MonitoringSettings(models.Model):
    """A project's M&E calendar: when its financial year starts and when periods lock."""

    access_scope = ("project", "project")

    project = models.OneToOneField(
        "clusters.Project", on_delete=models.CASCADE, related_name="monitoring_settings"
    )
    financial_year_start_month = models.PositiveSmallIntegerField(
        _("financial year starts in month"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    due_after_days = models.PositiveSmallIntegerField(
        _("values due after (days)"),
        default=15,
        validators=[MaxValueValidator(366)],
        help_text=_(
            "A value is on time when it is submitted this many days after its period ends."
        ),
    )
    lock_after_days = models.PositiveSmallIntegerField(
        _("lock periods after (days)"),
        default=30,
        validators=[MaxValueValidator(366)],
        help_text=_("A period refuses new values and edits this many days after it ends."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")

    def __str__(self) -> str:
        return str(self.project)

    def clean(self) -> None:
        if (
            self.due_after_days is not None
            and self.lock_after_days is not None
            and self.due_after_days > self.lock_after_days
        ):
            raise ValidationError(
                {"due_after_days": _("Values must be due before their period locks.")}
            )


class Indicator(models.Model):
    """A definition adopted by a cluster (or by the project as a whole), with its plan:
    baseline, frequency, targets, verification and who collects it."""

    access_scope = ("mixed", "cluster", "project")

    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="indicators"
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    definition = models.ForeignKey(
        IndicatorDefinition, on_delete=models.PROTECT, related_name="indicators"
    )
    result = models.ForeignKey(
        "monitoring.ResultStatement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("result statement"),
    )
    frequency = models.CharField(
        _("reporting frequency"), max_length=8, choices=Frequency.choices, default=Frequency.QUARTER
    )
    baseline_value = models.DecimalField(_("baseline"), null=True, blank=True, **AMOUNT)
    baseline_women = models.DecimalField(_("baseline, women"), null=True, blank=True, **AMOUNT)
    baseline_men = models.DecimalField(_("baseline, men"), null=True, blank=True, **AMOUNT)
    baseline_text = models.TextField(_("baseline (text)"), max_length=2000, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_source = models.CharField(_("baseline source"), max_length=300, blank=True)
    end_target = models.DecimalField(_("end-of-project target"), null=True, blank=True, **AMOUNT)
    end_target_women = models.DecimalField(
        _("end-of-project target, women"), null=True, blank=True, **AMOUNT
    )
    end_target_men = models.DecimalField(
        _("end-of-project target, men"), null=True, blank=True, **AMOUNT
    )
    means_of_verification = models.TextField(
        _("means of verification"), max_length=2000, blank=True
    )
    collection_method = models.TextField(_("data collection method"), max_length=2000, blank=True)
    responsible = responsible_person_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project_id", "cluster_id", "definition__code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "cluster"], name="indicator_adopted_once_per_cluster"
            ),
            models.UniqueConstraint(
                fields=["definition"],
                condition=Q(cluster__isnull=True),
                name="indicator_adopted_once_per_project",
            ),
        ]

    def __str__(self) -> str:
        where = self.cluster.name if self.cluster_id else self.project.name
        return f"{self.definition} — {where}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.definition_id and self.project_id and self.definition.project_id != self.project_id:
            errors["definition"] = _("Pick an indicator of this project's pool.")
        if self.cluster_id and self.project_id and self.cluster.project_id != self.project_id:
            errors["cluster"] = _("This cluster belongs to another project.")
        if self.result_id and (
            self.result.project_id != self.project_id
            or self.result.cluster_id not in (None, self.cluster_id)
        ):
            errors["result"] = _("Pick a statement of this cluster's or project's result chain.")
        if errors:
            raise ValidationError(errors)


class IndicatorTarget(models.Model):
    """The target of one reporting period (its first day names it)."""

    access_scope = ("mixed", "indicator__cluster", "indicator__project")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField(_("period starts"))
    value = models.DecimalField(_("target"), null=True, blank=True, **AMOUNT)
    women = models.DecimalField(_("target, women"), null=True, blank=True, **AMOUNT)
    men = models.DecimalField(_("target, men"), null=True, blank=True, **AMOUNT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator_id", "period_start"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="indicator_target_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_start}: {self.value}"


for _model in (IndicatorDefinition, MonitoringSettings, Indicator, IndicatorTarget):
    auditlog.register(_model)
