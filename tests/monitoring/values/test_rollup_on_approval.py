"""An approval reaches the roll-ups as soon as it is committed; a correction replaces
the figure it corrects there too, and a return or a draft changes nothing."""

from decimal import Decimal

import pytest

from monitoring.models import IndicatorRollup
from monitoring.values import services

from .helpers import submitted

pytestmark = pytest.mark.django_db


def _project_year(indicator):
    return IndicatorRollup.objects.filter(
        definition=indicator.definition, cluster=None, period_kind="to_date", category=""
    ).values_list("value", flat=True)


def test_approving_and_correcting_move_the_project_figure(
    ind, eager_celery, django_capture_on_commit_callbacks
):
    coordinator, cda = ind.user("coord_a"), ind.user("cda_a1")
    value = submitted(ind.number, cda, value=12)
    assert not _project_year(ind.number).exists()
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.value_approve(actor=coordinator, value=value)
    assert list(_project_year(ind.number)) == [Decimal(12)]

    correction = services.value_correct(actor=cda, original=approved, value=15)
    assert list(_project_year(ind.number)) == [Decimal(12)]  # the old one counts until then
    with django_capture_on_commit_callbacks(execute=True):
        services.value_approve(actor=coordinator, value=correction)
    assert list(_project_year(ind.number)) == [Decimal(15)]

    returned = submitted(ind.number, cda, back=1, value=100)
    with django_capture_on_commit_callbacks(execute=True):
        services.value_return(actor=coordinator, value=returned, reason="Check the count")
    assert list(_project_year(ind.number)) == [Decimal(15)]
