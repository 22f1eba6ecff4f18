"""Matrix rows for indicator values: what is due, entering a value, the indicator page,
evidence, the approval queue, returns, period locks, reporting completeness, and their
API. Writes use cluster A1's indicator in the current quarter (open whatever today is:
it has not ended)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from monitoring.models import IndicatorValue, IndicatorValueEvidence, PeriodLock, ValueStatus
from monitoring.periods import period_containing
from monitoring.values.views import form_prefix
from tests.conftest import pdf
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory
from tests.security.matrix import (
    API_SIGNED_IN,
    CLUSTER_A1_MANAGE,
    CLUSTER_A1_READ,
    CLUSTER_A1_WORK,
    PROJECT_A_MANAGE,
    PROJECT_A_OBJECT_REPORT,
    Case,
    api,
    expect,
    with_status,
)

# POST to a list endpoint about A1: a related id outside the user's scope "does not exist".
API_A1_CREATE_WORK = expect(
    403, admin=201, coord_a=201, cda_a1=201, cda_a2=400, coord_b=400, anon=401
)
API_PROJECT_A_APPROVE_CREATE = expect(403, admin=201, coord_a=201, coord_b=400, anon=401)


def _period():
    return period_containing(timezone.localdate(), "quarter")


def _indicator(w):
    if "indicator" not in w.extra:
        w.extra["indicator"] = IndicatorFactory(
            cluster=w.a1, definition=DefinitionFactory(project=w.project_a)
        )
    return w.extra["indicator"]


def _value(w, status=ValueStatus.DRAFT):
    key = f"value-{status}"
    if key not in w.extra:
        period = _period()
        # A draft and a submitted value of one period are both pending: one indicator
        # each, so a world can hold every status at once (the CSP and XSS sweeps).
        indicator = (
            _indicator(w)
            if status == ValueStatus.DRAFT
            else IndicatorFactory(cluster=w.a1, definition=DefinitionFactory(project=w.project_a))
        )
        w.extra[key] = IndicatorValue.objects.create(
            indicator=indicator,
            period_start=period.start,
            period_end=period.end,
            status=status,
            value=5,
            entered_by=w.user("cda_a1"),
            submitted_by=w.user("cda_a1"),
            submitted_at=timezone.now(),
        )
    return w.extra[key]


def _evidence(w):
    if "evidence" not in w.extra:
        row = IndicatorValueEvidence(indicator_value=_value(w))
        row.file.save("sheet.pdf", ContentFile(b"%PDF-1.4 sheet"), save=True)
        w.extra["evidence"] = row
    return w.extra["evidence"]


def _lock(w):
    period = _period()
    return PeriodLock.objects.create(
        project=w.project_a,
        period_start=period.start,
        period_end=period.end,
        locked=True,
        reason="Closed",
    )


def _enter_url(w):
    return f"/indicators/{_indicator(w).pk}/values/{_period().key}/"


def _enter_data(w):
    return {f"{form_prefix(_indicator(w), _period())}-value": "4", "action": "draft"}


def _lock_data(w):
    period = _period()
    return {
        "project": w.project_a.pk,
        "period_start": period.key,
        "period_end": period.end.isoformat(),
        "locked": True,
        "reason": "Donor report sent",
    }


def _page_lock_data(w):
    return {**_lock_data(w), "locked": "1"}


PAGE_APPROVE = with_status(CLUSTER_A1_MANAGE, 200, 302)
VALUES = "/api/indicator-values/"

CASES = [
    # Pages
    Case("values-due", lambda w: "/values/due/", expect(200, anon=302)),
    Case("indicator-detail", lambda w: f"/indicators/{_indicator(w).pk}/", CLUSTER_A1_READ),
    Case("value-enter", _enter_url, CLUSTER_A1_WORK),
    Case(
        "value-enter",
        _enter_url,
        with_status(CLUSTER_A1_WORK, 200, 302),
        method="post",
        data=_enter_data,
    ),
    Case(
        "value-evidence-download",
        lambda w: f"/evidence/{_evidence(w).pk}/download/",
        CLUSTER_A1_READ,
    ),
    Case("values-queue", lambda w: f"/projects/{w.project_a.pk}/values/queue/", PROJECT_A_MANAGE),
    Case(
        "values-approve-selected",
        lambda w: f"/projects/{w.project_a.pk}/values/approve/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: {"values": [_value(w, ValueStatus.SUBMITTED).pk]},
    ),
    Case(
        "value-approve",
        lambda w: f"/values/{_value(w, ValueStatus.SUBMITTED).pk}/approve/",
        PAGE_APPROVE,
        method="post",
    ),
    Case(
        "value-return",
        lambda w: f"/values/{_value(w, ValueStatus.SUBMITTED).pk}/return/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "value-return",
        lambda w: f"/values/{_value(w, ValueStatus.SUBMITTED).pk}/return/",
        PAGE_APPROVE,
        method="post",
        data=lambda w: {"reason": "Check the sheets"},
    ),
    Case("period-lock", lambda w: f"/projects/{w.project_a.pk}/periods/lock/", PROJECT_A_MANAGE),
    Case(
        "period-lock",
        lambda w: f"/projects/{w.project_a.pk}/periods/lock/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=_page_lock_data,
    ),
    Case(
        "values-completeness",
        lambda w: f"/projects/{w.project_a.pk}/values/completeness/",
        PROJECT_A_MANAGE,
    ),
    # API: values and their actions
    Case("api-indicator-value-list", lambda w: VALUES, API_SIGNED_IN),
    Case(
        "api-indicator-value-list",
        lambda w: VALUES,
        API_A1_CREATE_WORK,
        method="post",
        json=True,
        data=lambda w: {"indicator": _indicator(w).pk, "period_start": _period().key, "value": 3},
    ),
    Case(
        "api-indicator-value-detail",
        lambda w: f"{VALUES}{_value(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    *[
        Case(
            "api-indicator-value-detail",
            lambda w: f"{VALUES}{_value(w).pk}/",
            api(CLUSTER_A1_WORK),
            method=method,
            json=True,
            data=lambda w: {"value": 6},
        )
        for method in ("put", "patch")
    ],
    Case(
        "api-indicator-value-submit",
        lambda w: f"{VALUES}{_value(w).pk}/submit/",
        api(CLUSTER_A1_WORK),
        method="post",
    ),
    Case(
        "api-indicator-value-approve",
        lambda w: f"{VALUES}{_value(w, ValueStatus.SUBMITTED).pk}/approve/",
        api(CLUSTER_A1_MANAGE),
        method="post",
    ),
    Case(
        "api-indicator-value-return",
        lambda w: f"{VALUES}{_value(w, ValueStatus.SUBMITTED).pk}/return/",
        api(CLUSTER_A1_MANAGE),
        method="post",
        json=True,
        data=lambda w: {"reason": "Check the sheets"},
    ),
    Case(
        "api-indicator-value-correct",
        lambda w: f"{VALUES}{_value(w, ValueStatus.APPROVED).pk}/correct/",
        with_status(api(CLUSTER_A1_WORK), 200, 201),
        method="post",
        json=True,
        data=lambda w: {"value": 9},
    ),
    # API: period locks
    Case("api-period-lock-list", lambda w: "/api/period-locks/", API_SIGNED_IN),
    Case(
        "api-period-lock-list",
        lambda w: "/api/period-locks/",
        API_PROJECT_A_APPROVE_CREATE,
        method="post",
        json=True,
        data=_lock_data,
    ),
    Case(
        "api-period-lock-detail",
        lambda w: f"/api/period-locks/{_lock(w).pk}/",
        api(PROJECT_A_OBJECT_REPORT),
    ),
    # API: evidence
    Case(
        "api-indicator-value-evidence-list",
        lambda w: "/api/indicator-value-evidence/",
        API_SIGNED_IN,
    ),
    Case(
        "api-indicator-value-evidence-list",
        lambda w: "/api/indicator-value-evidence/",
        API_A1_CREATE_WORK,
        method="post",
        data=lambda w: {"indicator_value": _value(w).pk, "file": pdf("sheet.pdf")},
    ),
    Case(
        "api-indicator-value-evidence-detail",
        lambda w: f"/api/indicator-value-evidence/{_evidence(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    Case(
        "api-indicator-value-evidence-download",
        lambda w: f"/api/indicator-value-evidence/{_evidence(w).pk}/download/",
        api(CLUSTER_A1_READ),
    ),
]
