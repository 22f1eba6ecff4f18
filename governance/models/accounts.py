"""User accounts and API token use."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person using ClusterDev. Roles come from RoleAssignment, not from groups."""

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class TokenUse(models.Model):
    """When an API token was last used, so an idle token expires
    (``API_TOKEN_IDLE_DAYS``; see ``governance.accounts.tokens``). Written at most once per
    ``API_TOKEN_USE_WRITE_SECONDS``, not on every request."""

    token = models.OneToOneField(
        "authtoken.Token", on_delete=models.CASCADE, primary_key=True, related_name="use"
    )
    last_used_at = models.DateTimeField(_("last used"))

    class Meta:
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")

    def __str__(self) -> str:
        return f"{self.token_id[:8]}… {self.last_used_at:%Y-%m-%d %H:%M}"


auditlog.register(
    User, include_fields=["username", "first_name", "last_name", "email", "is_active"]
)
