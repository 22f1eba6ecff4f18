"""The rebuild command and the queued refresh keep the cells right without anyone
looking."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from monitoring.models import IndicatorRollup, ValueStatus
from monitoring.rollups.services import rollup_queue
from tests.monitoring.factories import IndicatorFactory, ValueFactory

pytestmark = pytest.mark.django_db


def test_the_rebuild_command_says_how_many_cells_it_corrected():
    value = ValueFactory(indicator=IndicatorFactory(), status=ValueStatus.APPROVED, value=8)
    out = io.StringIO()
    call_command("rollup_rebuild", stdout=out)
    assert "cells corrected in all" in out.getvalue()
    IndicatorRollup.objects.filter(period_kind="to_date", cluster__isnull=False).delete()
    out = io.StringIO()
    call_command("rollup_rebuild", str(value.indicator.project_id), stdout=out)
    assert f"{value.indicator.project.name}: 1 cells corrected" in out.getvalue()


def test_a_queued_refresh_runs_once_the_change_is_committed(
    eager_celery, django_capture_on_commit_callbacks
):
    value = ValueFactory(
        indicator=IndicatorFactory(), status=ValueStatus.APPROVED, value=Decimal(12)
    )
    with django_capture_on_commit_callbacks(execute=True):
        rollup_queue(indicator_id=value.indicator_id, period_start=datetime.date(2025, 1, 1))
        assert not IndicatorRollup.objects.exists()  # nothing before the commit
    assert IndicatorRollup.objects.get(
        cluster=value.indicator.cluster, period_kind="quarter", category=""
    ).value == Decimal(12)
