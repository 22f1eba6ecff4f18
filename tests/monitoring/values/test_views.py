"""The CDA's due page and value form, the indicator page with its history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from monitoring.models import IndicatorTarget, IndicatorValue, ValueStatus
from monitoring.values import services
from monitoring.values.locks import period_lock_set
from monitoring.values.views import form_prefix

from .helpers import ended, submitted

pytestmark = pytest.mark.django_db


def _enter_url(indicator, period):
    return reverse("value-enter", args=[indicator.pk, period.key])


def test_the_due_page_lists_the_cdas_clusters_returned_first(ind, login):
    cda, coord = ind.user("cda_a1"), ind.user("coord_a")
    returned = submitted(ind.number, cda, back=1)
    services.value_return(actor=coord, value=returned, reason="Count the women again")
    IndicatorTarget.objects.create(
        indicator=ind.number, period_start=ended(ind.number).start, value=30
    )
    services.value_approve(actor=coord, value=submitted(ind.number, cda, back=2, value=21))
    page = login(cda).get(reverse("values-due")).content.decode()
    assert "Returned: Count the women again" in page
    assert page.index("Count the women again") < page.index("Firms linked")
    assert "New jobs" in page and "People trained" in page
    assert ind.other_cluster.definition.name not in page  # A2 is not cda_a1's
    assert "Strategy adopted" not in page  # project-wide: the coordinator's
    assert 'name="' + form_prefix(ind.by_sex, ended(ind.by_sex)) + '-women"' in page
    assert ">30<" in page.replace(" ", "")  # the period's target beside the field
    assert ">21<" in page.replace(" ", "")  # the previous period's approved value


def test_the_coordinator_sees_the_whole_project(ind, login):
    page = login(ind.user("coord_a")).get(
        reverse("values-due") + f"?project={ind.world.project_a.pk}"
    )
    text = page.content.decode()
    assert "Strategy adopted" in text and ind.other_cluster.definition.name in text


def test_submitting_from_the_form_and_field_errors(ind, login):
    client = login(ind.user("cda_a1"))
    period = ended(ind.by_sex)
    prefix = form_prefix(ind.by_sex, period)
    bad = client.post(
        _enter_url(ind.by_sex, period),
        {f"{prefix}-value": "10", f"{prefix}-women": "4", f"{prefix}-men": "5", "action": "submit"},
    )
    assert bad.status_code == 200
    assert "Women (4) and men (5) add up to 9, not 10." in bad.content.decode()
    assert not IndicatorValue.objects.exists()
    good = client.post(
        _enter_url(ind.by_sex, period),
        {
            f"{prefix}-women": "4",
            f"{prefix}-men": "6",
            "action": "submit",
            "next": reverse("values-due"),
        },
    )
    assert good.status_code == 302 and good.url == reverse("values-due")
    value = IndicatorValue.objects.get()
    assert value.status == ValueStatus.SUBMITTED and value.value == 10


def test_save_draft_keeps_it_on_the_due_page(ind, login):
    client = login(ind.user("cda_a1"))
    period = ended(ind.number)
    prefix = form_prefix(ind.number, period)
    client.post(_enter_url(ind.number, period), {f"{prefix}-value": "7", "action": "draft"})
    assert IndicatorValue.objects.get().status == ValueStatus.DRAFT
    page = client.get(reverse("values-due")).content.decode()
    assert f'name="{prefix}-value" value="7"' in page


def test_a_locked_period_shows_why_next_to_the_form(ind, login):
    period = ended(ind.number)
    period_lock_set(
        actor=ind.user("coord_a"),
        project=ind.world.project_a,
        period_start=period.start,
        period_end=period.end,
        locked=True,
        reason="Audit under way",
    )
    client = login(ind.user("cda_a1"))
    prefix = form_prefix(ind.number, period)
    response = client.post(_enter_url(ind.number, period), {f"{prefix}-value": "7"})
    text = response.content.decode()
    assert "This period is locked" in text and "Audit under way" in text
    assert not IndicatorValue.objects.exists()
    due = client.get(reverse("values-due")).content.decode()
    assert "closed without a value" in due


def test_evidence_is_uploaded_and_downloaded_through_a_permission_check(ind, login):
    from tests.conftest import pdf

    client = login(ind.user("cda_a1"))
    period = ended(ind.number)
    prefix = form_prefix(ind.number, period)
    client.post(
        _enter_url(ind.number, period),
        {
            f"{prefix}-value": "7",
            f"{prefix}-evidence": [pdf("a.pdf"), pdf("b.pdf")],
            "action": "draft",
        },
    )
    value = IndicatorValue.objects.get()
    assert value.evidence.count() == 2
    url = reverse("value-evidence-download", args=[value.evidence.first().pk])
    assert client.get(url).status_code == 200
    assert login(ind.user("cda_a2")).get(url).status_code == 404
    client = login(ind.user("cda_a1"))
    fake = client.post(
        _enter_url(ind.number, period),
        {f"{prefix}-value": "7", f"{prefix}-evidence": [pdf("c.pdf", size=100)]},
    )
    assert "not a real PDF" in fake.content.decode()


def test_the_indicator_page_shows_values_and_named_events(ind, login):
    cda, coord = ind.user("cda_a1"), ind.user("coord_a")
    value = submitted(ind.by_sex, cda, women=3, men=4)
    services.value_return(actor=coord, value=value, reason="Sheets missing")
    services.value_save(
        actor=cda,
        indicator=ind.by_sex,
        period_start=value.period_start,
        women=3,
        men=5,
        submit=True,
    )
    services.value_approve(actor=coord, value=value)
    period = ended(ind.by_sex)
    period_lock_set(
        actor=coord,
        project=ind.world.project_a,
        period_start=period.start,
        period_end=period.end,
        locked=True,
        reason="Closed",
    )
    page = login(cda).get(reverse("indicator-detail", args=[ind.by_sex.pk])).content.decode()
    assert "women 3, men 5" in page
    for name in ("Submitted", "Returned", "Resubmitted", "Approved", "Locked"):
        assert f"<strong>{name}</strong>" in page, name
    assert "Sheets missing" in page
