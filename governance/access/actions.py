"""What a user may do on an object: the actions the access policy answers for."""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    VIEW = "view"
    WORK = "work"  # write the cluster's phase work (CDA), or anything (coordinator)
    COMMENT = "comment"
    ENDORSE = "endorse"
    MANAGE = "manage"  # coordinator: clusters, criteria, appointments, approvals, people
    REPORT = "report"  # request and download progress reports
    DECIDE_SELECTION = "decide_selection"
    # Approve, return and lock reported indicator values: its own permission, so it can
    # be granted apart from MANAGE (an M&E officer) and is never a CDA's.
    APPROVE = "approve"
