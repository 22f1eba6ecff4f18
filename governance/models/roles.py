"""Roles held on a project or a cluster, and the guardian permissions derived from them."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from .dated_roles import DatedRole


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Project Coordinator")
    STEERING = "steering", _("Steering Committee member")
    CDA = "cda", _("Cluster Development Agent")
    COMMISSION = "commission", _("Cluster Commission member")


PROJECT_ROLES = {Role.COORDINATOR, Role.STEERING}


CLUSTER_ROLES = {Role.CDA, Role.COMMISSION}


class RoleAssignment(DatedRole):
    """Who holds which role on which project or cluster, and when.

    This is the truth about access; guardian object permissions are derived from
    it by governance.roles.services.role_permissions_sync.
    ``ends_on`` is the first day without access (ending a role today removes
    access at once).
    """

    access_scope = ("project", "project")

    user = models.ForeignKey(
        "governance.User", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="role_assignments"
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.CASCADE,
        related_name="role_assignments",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["project_id", "cluster_id", "role", "-starts_on"]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        target = self.cluster or self.project
        return f"{self.user} — {self.get_role_display()} — {target}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.role in CLUSTER_ROLES and not self.cluster_id:
            errors["cluster"] = _("A CDA or Commission role needs a cluster.")
        if self.role in PROJECT_ROLES and self.cluster_id:
            errors["cluster"] = _("Coordinator and Steering Committee roles are held on a project.")
        if self.cluster_id and self.project_id and self.cluster.project_id != self.project_id:
            errors["cluster"] = _("The cluster belongs to another project.")
        errors.update(self.date_errors())
        if errors:
            raise ValidationError(errors)


class ProjectUserObjectPermission(UserObjectPermissionBase):
    """Direct-foreign-key guardian permissions on projects (derived from roles)."""

    content_object = models.ForeignKey("clusters.Project", on_delete=models.CASCADE)


class ClusterUserObjectPermission(UserObjectPermissionBase):
    """Direct-foreign-key guardian permissions on clusters (derived from roles)."""

    content_object = models.ForeignKey("clusters.Cluster", on_delete=models.CASCADE)


auditlog.register(RoleAssignment)
