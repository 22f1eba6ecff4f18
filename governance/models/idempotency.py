"""What a create answered the first time, so that a repeat of the same submission (a
double tap, a retry after a lost answer, an offline outbox sending again) gets the
same answer instead of a second row. See ``governance.idempotency``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """One client-generated key of one user on one route (a logical create operation),
    written in the same transaction as the row it created: either both exist or
    neither does."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("client key"), max_length=255)
    route = models.CharField(_("route"), max_length=200)
    # A digest of the request's payload: the same key with another payload is refused.
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    response_body = models.JSONField(null=True, blank=True)  # the API's first answer
    redirect_url = models.CharField(max_length=500, blank=True)  # a page's first answer
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key", "route"], name="idempotency_key_once_per_user_route"
            )
        ]

    def __str__(self) -> str:
        return f"{self.route} {self.key}"

    @property
    def created_object(self) -> models.Model | None:
        if self.content_type_id is None or not self.object_id:
            return None
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None
