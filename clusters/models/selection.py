"""Selection: weighted criteria, expert scores and the Steering Committee's decisions."""

from __future__ import annotations

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .projects import Cluster, Project, validate_not_future

EXPORT_ORIENTATION_LEVELS = {"none": 0, "low": 1, "medium": 2, "high": 3}


def _number(value):
    return None if value is None or value == "" else float(value)


# Mapping figures a criterion may read: key -> (label, getter on a Cluster).
# A getter returns a number or None (unknown). Later apps may add entries.
MAPPING_SOURCES = {
    "enterprises_total": (
        _("Number of enterprises"),
        lambda c: _number(getattr(c, "enterprises_total", None)),
    ),
    "employment_total": (
        _("Employment (total)"),
        lambda c: _number(getattr(c, "employment_total", None)),
    ),
    "employment_women": (
        _("Employment (women)"),
        lambda c: _number(getattr(c, "employment_women", None)),
    ),
    "women_owned_share": (
        _("Women-owned enterprises (%)"),
        lambda c: _number(getattr(c, "women_owned_share", None)),
    ),
    "growth_potential": (
        _("Growth potential (1-5)"),
        lambda c: _number(getattr(c, "growth_potential", None)),
    ),
    "export_orientation": (
        _("Export orientation (0 none - 3 high)"),
        lambda c: _number(EXPORT_ORIENTATION_LEVELS.get(getattr(c, "export_orientation", ""))),
    ),
}


class CriterionKind(models.TextChoices):
    MAPPING = "mapping", _("Mapping figure")
    EXPERT = "expert", _("Expert score (0-5)")


class CriterionDirection(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Criterion(models.Model):
    """A weighted selection criterion of a project (UNIDO recommends, the project agrees)."""

    access_scope = ("project", "project")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices)
    source = models.CharField(
        _("mapping figure"),
        max_length=40,
        blank=True,
        choices=[(key, label) for key, (label, _getter) in MAPPING_SOURCES.items()],
        help_text=_("For a mapping criterion: which figure of the cluster's mapping it reads."),
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=7,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
    )
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=CriterionDirection.choices,
        default=CriterionDirection.HIGHER,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project_id", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="criterion_unique_name_in_project"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_expert(self) -> bool:
        return self.kind == CriterionKind.EXPERT

    def clean(self) -> None:
        if self.name is not None and not self.name.strip():
            raise ValidationError({"name": _("Give the criterion a name.")})
        if self.kind == CriterionKind.MAPPING and not self.source:
            raise ValidationError({"source": _("Choose the mapping figure this criterion reads.")})
        if self.kind == CriterionKind.EXPERT and self.source:
            raise ValidationError(
                {"source": _("An expert criterion reads no mapping figure; leave it empty.")}
            )


class CriterionScore(models.Model):
    """One expert's 0-5 score of one cluster on one expert criterion."""

    # Scores are the selection body's deliberation: only project-level roles see them.
    access_scope = ("project", "criterion__project")

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="criterion_scores")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="criterion_scores"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion_id", "cluster_id", "scored_by_id"]
        verbose_name = _("expert score")
        verbose_name_plural = _("expert scores")
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "cluster", "scored_by"], name="score_one_per_expert"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion} — {self.cluster}: {self.score}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.criterion_id and self.criterion.kind != CriterionKind.EXPERT:
            errors["criterion"] = _("Only expert criteria are scored; this one reads the mapping.")
        if (
            self.criterion_id
            and self.cluster_id
            and self.cluster.project_id != self.criterion.project_id
        ):
            errors["cluster"] = _("The cluster belongs to another project.")
        if errors:
            raise ValidationError(errors)


class SelectionDecision(models.Model):
    """The Steering Committee's decision on which candidates are selected. Never edited:
    a later decision supersedes it, and both stay on record."""

    access_scope = ("project", "project")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="selection_decisions"
    )
    decided_on = models.DateField(_("date of the decision"), validators=[validate_not_future])
    rationale = models.TextField(_("rationale"), max_length=8000)
    meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="selection_decisions",
        verbose_name=_("Steering Committee meeting"),
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project_id", "-decided_on", "-pk"]
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")

    def __str__(self) -> str:
        decided_on = self.decided_on
        if isinstance(decided_on, str):  # set from text and not yet reloaded
            decided_on = datetime.date.fromisoformat(decided_on)
        shown = date_format(decided_on) if decided_on else "—"
        return _("Selection decision of %(date)s") % {"date": shown}

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.rationale is not None and not self.rationale.strip():
            errors["rationale"] = _("Say why these clusters were selected.")
        if self.meeting_id and self.project_id:
            body = self.meeting.body
            if body.kind != "steering" or body.project_id != self.project_id:
                errors["meeting"] = _("Choose a meeting of this project's Steering Committee.")
            elif self.decided_on and self.decided_on < self.meeting.held_on:
                errors["decided_on"] = _(
                    "The decision cannot be dated before its meeting (%(date)s)."
                ) % {"date": date_format(self.meeting.held_on, "DATE_FORMAT")}
        if self.supersedes_id and self.supersedes.project_id != self.project_id:
            errors["supersedes"] = _("The superseded decision belongs to another project.")
        if errors:
            raise ValidationError(errors)


class SelectionOutcome(models.TextChoices):
    SELECTED = "selected", _("Selected")
    REJECTED = "rejected", _("Not selected")


class SelectionDecisionCluster(models.Model):
    """What one decision says about one cluster (a cluster appears at most once)."""

    access_scope = ("project", "decision__project")

    decision = models.ForeignKey(
        SelectionDecision, on_delete=models.CASCADE, related_name="outcomes"
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="selection_outcomes"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=SelectionOutcome.choices)

    class Meta:
        ordering = ["decision_id", "outcome", "cluster__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "cluster"], name="selection_one_outcome_per_cluster"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.get_outcome_display()}"


auditlog.register(Criterion)
auditlog.register(CriterionScore)
auditlog.register(SelectionDecision)
auditlog.register(SelectionDecisionCluster)
