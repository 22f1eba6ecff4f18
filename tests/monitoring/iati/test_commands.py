"""``manage.py export_iati PROJECT_ID`` writes the project's file to standard output."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from .helpers import assert_valid, figures, indicator, periods

pytestmark = pytest.mark.django_db


def test_the_command_writes_a_valid_file(plan):
    out = StringIO()
    call_command("export_iati", str(plan.world.project_a.pk), stdout=out)
    document = assert_valid(out.getvalue().encode("utf-8"))
    jobs = indicator(document, "JOBS")
    latest = periods(jobs)[plan.start(plan.jobs)]
    assert figures(latest, "actual") == {"total": "9", "female": "4", "male": "5"}


def test_an_unknown_project_is_a_clear_error(world):
    with pytest.raises(CommandError, match="No project has the id 999999"):
        call_command("export_iati", "999999", stdout=StringIO())
