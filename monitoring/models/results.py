from __future__ import annotations

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultLevel(models.TextChoices):
    IMPACT = "impact", _("Impact")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


# The level a statement of each level contributes to (its parent's level).
PARENT_LEVEL = {ResultLevel.OUTCOME: ResultLevel.IMPACT, ResultLevel.OUTPUT: ResultLevel.OUTCOME}


class ResultStatement(models.Model):
    """One link of a result chain: the impact, an outcome or an output.

    A chain belongs to a project (cluster empty) or to one cluster of it. It is a tree:
    an output contributes to an outcome, an outcome to the impact. Joint actions of
    the action plan will point at outputs (``ResultStatement.joint_actions`` is the
    reverse relation they add)."""

    access_scope = ("mixed", "cluster", "project")

    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="result_statements"
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="result_statements",
    )
    level = models.CharField(_("level"), max_length=10, choices=ResultLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("contributes to"),
    )
    statement = models.TextField(_("statement"), max_length=1000)
    assumptions = models.TextField(_("assumptions"), max_length=2000, blank=True)
    risks = models.TextField(_("risks"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project_id", "cluster_id", "position", "pk"]
        verbose_name = _("result statement")
        verbose_name_plural = _("result statements")
        indexes = [models.Index(fields=["project", "cluster", "level"])]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.statement[:80]}"

    def clean(self) -> None:
        if self.cluster_id and self.project_id and self.cluster.project_id != self.project_id:
            raise ValidationError({"cluster": _("This cluster belongs to another project.")})
        if self.statement is not None and not self.statement.strip():
            raise ValidationError({"statement": _("Write the result statement.")})
        wanted = PARENT_LEVEL.get(self.level)
        if self.parent_id is None:
            if wanted is not None:
                raise ValidationError(
                    {
                        "parent": _("Say which %(level)s this contributes to.")
                        % {"level": ResultLevel(wanted).label.lower()}
                    }
                )
            return
        parent = self.parent
        if wanted is None or parent.level != wanted:
            raise ValidationError(
                {
                    "parent": _(
                        "An impact contributes to nothing; an outcome contributes to the "
                        "impact and an output to an outcome."
                    )
                }
            )
        if parent.project_id != self.project_id or parent.cluster_id != self.cluster_id:
            raise ValidationError({"parent": _("Pick a statement of the same result chain.")})


auditlog.register(ResultStatement)
