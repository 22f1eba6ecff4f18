"""The coordinator's approval queue (filters, approve several, return with a reason),
period locks from the page, and reporting completeness."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from monitoring.indicators.schedule import due_on, indicator_periods, project_settings
from monitoring.models import PeriodLock, ValueStatus
from monitoring.values import services
from monitoring.values.completeness import reporting_completeness

from .helpers import ended, submitted

pytestmark = pytest.mark.django_db


def _queue(ind):
    return reverse("values-queue", args=[ind.world.project_a.pk])


def test_the_queue_lists_submitted_values_and_filters(ind, login):
    one = submitted(ind.number, ind.user("cda_a1"), value=11)
    two = submitted(ind.other_cluster, ind.user("cda_a2"), value=22)
    client = login(ind.user("coord_a"))
    page = client.get(_queue(ind)).content.decode()
    assert f'id="queue-{one.pk}"' in page and f'id="queue-{two.pk}"' in page
    only_a1 = client.get(_queue(ind) + f"?cluster={ind.world.a1.pk}").content.decode()
    assert f'id="queue-{one.pk}"' in only_a1 and f'id="queue-{two.pk}"' not in only_a1
    only_two = client.get(_queue(ind) + f"?indicator={ind.other_cluster.pk}").content.decode()
    assert f'id="queue-{two.pk}"' in only_two and f'id="queue-{one.pk}"' not in only_two


def test_approve_selected_and_return_with_a_reason(ind, login):
    one = submitted(ind.number, ind.user("cda_a1"))
    two = submitted(ind.by_sex, ind.user("cda_a1"), women=1, men=2)
    three = submitted(ind.percentage, ind.user("cda_a1"), numerator=1, denominator=2)
    client = login(ind.user("coord_a"))
    response = client.post(
        reverse("values-approve-selected", args=[ind.world.project_a.pk]),
        {"values": [one.pk, two.pk]},
        follow=True,
    )
    assert "2 values approved." in response.content.decode()
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.status == two.status == ValueStatus.APPROVED
    empty = client.post(reverse("value-return", args=[three.pk]), {"reason": ""})
    assert "Say why the value goes back" in empty.content.decode()
    client.post(reverse("value-return", args=[three.pk]), {"reason": "Which firms?"})
    three.refresh_from_db()
    assert three.status == ValueStatus.RETURNED and three.return_reason == "Which firms?"


def test_a_cda_may_not_approve_from_the_page(ind, login):
    value = submitted(ind.number, ind.user("cda_a1"))
    client = login(ind.user("cda_a1"))
    assert client.post(reverse("value-approve", args=[value.pk])).status_code == 403
    assert client.get(_queue(ind)).status_code == 403
    value.refresh_from_db()
    assert value.status == ValueStatus.SUBMITTED


def test_the_coordinator_locks_and_reopens_a_period_with_a_reason(ind, login):
    period = ended(ind.number)
    url = reverse("period-lock", args=[ind.world.project_a.pk])
    client = login(ind.user("coord_a"))
    data = {"period_start": period.start, "period_end": period.end, "locked": "1"}
    missing = client.post(url, {**data, "reason": ""})
    assert "Say why the period is locked or reopened." in missing.content.decode()
    client.post(url, {**data, "reason": "Donor report sent"})
    client.post(url, {**data, "locked": "0", "reason": "Late sheets"})
    assert list(PeriodLock.objects.order_by("pk").values_list("locked", flat=True)) == [True, False]


def test_completeness_per_cluster_and_per_cda(ind, login):
    today = datetime.date.today()
    settings = project_settings(ind.world.project_a)
    coord, cda = ind.user("coord_a"), ind.user("cda_a1")
    services.value_approve(actor=coord, value=submitted(ind.number, cda))
    submitted(ind.by_sex, cda, women=1, men=1)
    report = reporting_completeness(project=ind.world.project_a)
    periods = indicator_periods(ind.number, settings, ended_by=today)
    a1 = next(c for c in report.clusters if c.cluster == ind.world.a1)
    assert a1.total.expected == 3 * len(periods)
    assert (a1.total.submitted, a1.total.approved) == (2, 1)
    # both were submitted today, for the last ended quarter
    assert a1.total.on_time == (2 if today <= due_on(periods[-1], settings) else 0)
    assert a1.periods[0][1].submitted_pct == round(100 * 2 / 3)
    cdas = {p.user.username: p.total for p in report.people}
    assert cdas["cda_a1"].submitted == 2 and cdas["cda_a2"].submitted == 0
    page = login(coord).get(reverse("values-completeness", args=[ind.world.project_a.pk]))
    text = page.content.decode()
    assert "Cluster A1" in text and cda.get_full_name() in text
