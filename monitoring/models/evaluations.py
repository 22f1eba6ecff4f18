from __future__ import annotations

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.uploads import DOCUMENT_UPLOAD_VALIDATORS

from .fields import responsible_person_field


class EvaluationKind(models.TextChoices):
    MID_TERM = "mid_term", _("Mid-term evaluation")
    FINAL = "final", _("Final evaluation")


class Criterion(models.TextChoices):
    """The five OECD-DAC evaluation criteria."""

    RELEVANCE = "relevance", _("Relevance")
    EFFICIENCY = "efficiency", _("Efficiency")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    IMPACT = "impact", _("Impact")
    SUSTAINABILITY = "sustainability", _("Sustainability")


DAC_CRITERIA = tuple(Criterion)


class Rating(models.IntegerChoices):
    """The six-point scale of UN evaluations (6 best)."""

    HIGHLY_SATISFACTORY = 6, _("Highly satisfactory")
    SATISFACTORY = 5, _("Satisfactory")
    MODERATELY_SATISFACTORY = 4, _("Moderately satisfactory")
    MODERATELY_UNSATISFACTORY = 3, _("Moderately unsatisfactory")
    UNSATISFACTORY = 2, _("Unsatisfactory")
    HIGHLY_UNSATISFACTORY = 1, _("Highly unsatisfactory")


class PointKind(models.TextChoices):
    FINDING = "finding", _("Finding")
    LESSON = "lesson", _("Lesson")
    RECOMMENDATION = "recommendation", _("Recommendation")


class ManagementResponse(models.TextChoices):
    PENDING = "", _("No response yet")
    ACCEPTED = "accepted", _("Accepted")
    PARTIALLY = "partially", _("Partially accepted")
    REJECTED = "rejected", _("Rejected")


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Evaluation(models.Model):
    """A mid-term or final evaluation of the project (or of one of its clusters)."""

    access_scope = ("mixed", "cluster", "project")

    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="evaluations"
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluations",
        help_text=_("Leave empty for an evaluation of the whole project."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EvaluationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    evaluator = models.CharField(_("evaluator"), max_length=200, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=8000, blank=True)
    report_file = models.FileField(
        _("evaluation report"),
        upload_to="monitoring/evaluations/%Y/%m/",
        blank=True,
        validators=DOCUMENT_UPLOAD_VALIDATORS,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project_id", "-completed_on", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.cluster_id and self.project_id and self.cluster.project_id != self.project_id:
            raise ValidationError({"cluster": _("This cluster belongs to another project.")})
        if self.title is not None and not self.title.strip():
            raise ValidationError({"title": _("Give the evaluation a title.")})


class EvaluationRating(models.Model):
    """An evaluation's rating and narrative on one OECD-DAC criterion."""

    access_scope = ("mixed", "evaluation__cluster", "evaluation__project")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.CharField(_("criterion"), max_length=16, choices=Criterion.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"), choices=Rating.choices, null=True, blank=True
    )
    narrative = models.TextField(_("narrative"), max_length=8000, blank=True)

    class Meta:
        ordering = ["evaluation_id", "pk"]
        verbose_name = _("evaluation rating")
        verbose_name_plural = _("evaluation ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="evaluation_rating_one_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.get_rating_display()}"


class EvaluationPoint(models.Model):
    """A finding, lesson or recommendation, with management's response and follow-up."""

    access_scope = ("mixed", "evaluation__cluster", "evaluation__project")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(_("kind"), max_length=16, choices=PointKind.choices)
    text = models.TextField(_("text"), max_length=4000)
    response = models.CharField(
        _("management response"),
        max_length=10,
        choices=ManagementResponse.choices,
        default=ManagementResponse.PENDING,
        blank=True,
    )
    response_note = models.TextField(_("response note"), max_length=4000, blank=True)
    responsible = responsible_person_field()
    due_on = models.DateField(_("due date"), null=True, blank=True)
    follow_up = models.CharField(
        _("follow-up"),
        max_length=12,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.NOT_STARTED,
    )
    follow_up_note = models.TextField(_("follow-up note"), max_length=4000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["evaluation_id", "kind", "pk"]
        verbose_name = _("evaluation point")
        verbose_name_plural = _("evaluation points")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:80]}"

    def clean(self) -> None:
        if self.text is not None and not self.text.strip():
            raise ValidationError({"text": _("Write the point.")})


for _model in (Evaluation, EvaluationRating, EvaluationPoint):
    auditlog.register(_model)
