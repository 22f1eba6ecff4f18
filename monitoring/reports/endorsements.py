"""The Cluster Commission endorses its cluster's progress report at one of its meetings:
the endorsement, and the decision that records it in the meeting's minutes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.access import Action, authorize
from governance.audit import actor_context
from governance.bodies.services import decision_record_endorsement
from governance.models import Meeting, User

from ..models import ReportEndorsement, ReportJob
from ..models.reports import NOT_A_CLUSTER_REPORT, ReportKind, ReportPeriodKind

# The route a page's repeated submission (a double tap, a reload) is recognised on.
ENDORSE_ROUTE = "report-endorse"
DECISION_MAX = 2000


def already_endorsed(endorsement: ReportEndorsement) -> ValidationError:
    return ValidationError(
        {
            "report": _(
                "This report is already endorsed: the Cluster Commission endorsed it at its "
                "meeting of %(date)s."
            )
            % {"date": date_format(endorsement.meeting.held_on, "DATE_FORMAT")}
        }
    )


def report_description(report: ReportJob) -> str:
    """The report in the decision's words: "Cluster A1, Quarter 2026-Q3, prepared on
    5 Oct 2026" (the date as the endorser's language writes it: the decision is kept
    in the words it was recorded in, as a typed one is)."""
    period = report.get_period_kind_display()
    if report.period_kind != ReportPeriodKind.TO_DATE and report.period_start:
        period = f"{period} {report.period_slug}"
    prepared = report.finished_at or report.created_at
    return _("%(cluster)s, %(period)s, prepared on %(date)s") % {
        "cluster": report.cluster.name,
        "period": period,
        "date": date_format(
            timezone.localdate(prepared, timezone=report.project.zoneinfo), "DATE_FORMAT"
        ),
    }


def _decision_text(report: ReportJob, note: str) -> str:
    text = _("The Cluster Commission endorsed the cluster progress report (%(report)s).") % {
        "report": report_description(report)
    }
    if note:
        text = f"{text}\n{_('Note:')} {note}"
    return text[:DECISION_MAX]


def report_endorse(
    *, actor: User, report: ReportJob, meeting: Meeting, note: str = ""
) -> ReportEndorsement:
    """Record that the cluster's Commission endorsed this finished cluster report at one
    of its meetings held by today, with a done decision on that meeting. Once per
    report: a second endorsement is refused (two at once: the report's row is locked,
    and the unique report column stops the one that would slip through)."""
    authorize(actor, Action.VIEW, report)
    if report.kind != ReportKind.CLUSTER or not report.cluster_id:
        raise ValidationError({"report": NOT_A_CLUSTER_REPORT})
    authorize(actor, Action.ENDORSE, report.cluster)
    note = (note or "").strip()
    with transaction.atomic(), actor_context(actor):
        report = (
            ReportJob.objects.select_for_update(of=("self",))
            .select_related("project", "cluster")
            .get(pk=report.pk)
        )
        existing = ReportEndorsement.objects.select_related("meeting").filter(report=report)
        if (found := existing.first()) is not None:
            raise already_endorsed(found)
        meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
        endorsement = ReportEndorsement(
            report=report, meeting=meeting, note=note, recorded_by=actor
        )
        endorsement.full_clean(exclude=["decision"], validate_unique=False)
        endorsement.decision = decision_record_endorsement(
            actor=actor, meeting=meeting, text=_decision_text(report, note)
        )
        try:
            with transaction.atomic():
                endorsement.save()
        except IntegrityError:  # endorsed meanwhile (a database without row locks)
            raise already_endorsed(existing.get()) from None
    return endorsement
