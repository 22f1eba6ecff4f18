"""Governance's models, by noun. Every model is imported here (Django finds an app's
models in ``<app>.models``)."""

from .accounts import TokenUse, User
from .appointments import AppointmentKind, CDAAppointment, HandOver, HandOverRecipientKind
from .bodies import (
    NO_USER_IN_PROJECT,
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    DecisionStatus,
    Meeting,
    MemberRole,
    Sex,
)
from .country_roles import CountryRole, CountryRoleKind
from .dated_roles import DatedRole, DatedRoleQuerySet
from .documents import (
    DOCUMENT_EXTENSIONS,
    DOCUMENT_MAX_BYTES,
    document_validators,
    validate_document_size,
)
from .idempotency import IdempotencyKey
from .invitations import Invitation, InvitationStatus
from .roles import (
    CLUSTER_ROLES,
    PROJECT_ROLES,
    ClusterUserObjectPermission,
    ProjectUserObjectPermission,
    Role,
    RoleAssignment,
)

__all__ = [
    "CLUSTER_ROLES",
    "DOCUMENT_EXTENSIONS",
    "DOCUMENT_MAX_BYTES",
    "NO_USER_IN_PROJECT",
    "PROJECT_ROLES",
    "AppointmentKind",
    "Attendance",
    "Body",
    "BodyKind",
    "BodyMember",
    "CDAAppointment",
    "ClusterUserObjectPermission",
    "CountryRole",
    "CountryRoleKind",
    "DatedRole",
    "DatedRoleQuerySet",
    "Decision",
    "DecisionStatus",
    "HandOver",
    "HandOverRecipientKind",
    "IdempotencyKey",
    "Invitation",
    "InvitationStatus",
    "Meeting",
    "MemberRole",
    "ProjectUserObjectPermission",
    "Role",
    "RoleAssignment",
    "Sex",
    "TokenUse",
    "User",
    "document_validators",
    "validate_document_size",
]
