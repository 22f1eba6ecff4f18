"""A cluster's moves between phases."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .projects import Cluster, Phase
from .selection import SelectionDecision


class PhaseChange(models.Model):
    """A cluster moving forward or back between phases, with who, when and why."""

    access_scope = ("cluster", "cluster")

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.PositiveSmallIntegerField(_("from phase"), choices=Phase.choices)
    to_phase = models.PositiveSmallIntegerField(_("to phase"), choices=Phase.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    decision = models.ForeignKey(
        SelectionDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phase_changes",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["cluster_id", "-changed_at", "-pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        indexes = [models.Index(fields=["cluster", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.cluster}: {self.from_phase} → {self.to_phase}"

    def clean(self) -> None:
        if self.reason is not None and not self.reason.strip():
            raise ValidationError({"reason": _("Give the reason for the move.")})


auditlog.register(PhaseChange)
