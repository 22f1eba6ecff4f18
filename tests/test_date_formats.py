"""One date format per language, never month-first, and times in the project's time
zone with its name (config/formats/, Project.time_zone, clusters.views.project_timezone)."""

from __future__ import annotations

import datetime
import importlib
import re

import pytest
from django.template import Context, Template
from django.utils import formats, timezone, translation

from clusters.models import PhaseChange, Project
from clusters.views import project_timezone
from tests.factories import ClusterFactory, ProjectFactory

DAY = datetime.date(2026, 12, 1)
AT_THREE_UTC = datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC)
RLM = "\u200f"  # Arabic keeps "day/month/year" in order inside right-to-left text
# 1 December 2026 in short form, per language: ISO in English, day first elsewhere.
SHORT = {"en": "2026-12-01", "fr": "01/12/2026", "es": "01/12/2026", "ar": "01/12/2026"}
MONTH_FIRST = re.compile(r"12/01|12-01-2026|Dec\.? 1|December 1|décembre 1|diciembre 1")


@pytest.fixture
def our_formats(settings):
    """ClusterDev's formats, as config/settings.py names them (the setting's change alone
    does not empty Django's cache of format modules)."""
    settings.FORMAT_MODULE_PATH = "config.formats"
    formats.reset_format_cache()
    yield
    formats.reset_format_cache()


def render(source: str, **context) -> str:
    return Template(source).render(Context(context)).replace(RLM, "")


def test_the_settings_name_the_formats():
    settings_module = importlib.import_module("config.settings")
    assert "config.formats" in (getattr(settings_module, "FORMAT_MODULE_PATH", None) or [])


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_each_language_puts_the_day_first(our_formats, language):
    with translation.override(language), timezone.override(datetime.UTC):
        short = render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=DAY)
        long = render("{{ d }}", d=DAY)
        default = render('{{ d|date:"DATE_FORMAT" }}', d=DAY)
        when = render("{{ t }}", t=AT_THREE_UTC)
        short_when = render('{{ t|date:"SHORT_DATETIME_FORMAT" }}', t=AT_THREE_UTC)
    assert short == SHORT[language]
    assert long == default and re.match(r"1\D", long), long  # "1 Dec 2026", "1 décembre 2026"
    assert "2026" in long and "12" not in long  # the month by its name
    for text in (short, long, when, short_when):
        assert not MONTH_FIRST.search(text), text
    assert "03:00 UTC" in when and short_when == f"{SHORT[language]} 03:00 UTC"
    assert "AM" not in when and "a.m." not in when  # 24-hour times


def test_date_inputs_show_their_value_in_iso_in_every_language(our_formats):
    """HTML date inputs read only ISO dates: a French edit form must not send 01/12/2026."""
    from django import forms

    class Form(forms.Form):
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    for language in ("en", "fr", "es", "ar"):
        with translation.override(language):
            assert 'value="2026-12-01"' in str(Form(initial={"day": DAY})["day"]), language
            assert Form({"day": "2026-12-01"}).is_valid(), language
    with translation.override("en"):
        assert not Form({"day": "12/01/2026"}).is_valid()  # no month-first reading


@pytest.mark.django_db
def test_a_project_in_nairobi_shows_three_utc_as_six_eat(our_formats):
    project = ProjectFactory(time_zone="Africa/Nairobi")
    with translation.override("en"), project_timezone(project):
        assert render("{{ t|time }} {{ t|date:'T' }}", t=AT_THREE_UTC) == "06:00 EAT"
        assert render("{{ t }}", t=AT_THREE_UTC) == "1 Dec 2026, 06:00 EAT"
    with translation.override("fr"), project_timezone(project):
        assert render("{{ t }}", t=AT_THREE_UTC) == "1 décembre 2026, 06:00 EAT"
    assert timezone.get_current_timezone_name() == "UTC"  # only while the page renders


@pytest.mark.django_db
def test_a_new_project_takes_the_servers_zone_and_refuses_an_unknown_one(settings):
    assert ProjectFactory().time_zone == settings.TIME_ZONE
    project = ProjectFactory.build(time_zone="Mars/Olympus_Mons")
    with pytest.raises(Exception, match="time_zone"):
        project.full_clean()
    assert ("Africa/Nairobi", "Africa/Nairobi") in Project._meta.get_field("time_zone").choices


@pytest.mark.django_db
def test_the_project_and_cluster_pages_show_their_zone(client, world, our_formats):
    Project.objects.filter(pk=world.project_a.pk).update(time_zone="Africa/Nairobi")
    # 22:30 UTC on 1 December is already 2 December in Nairobi.
    PhaseChange.objects.create(
        cluster=world.a1,
        from_phase=1,
        to_phase=2,
        reason="Selected by the Steering Committee",
        changed_at=datetime.datetime(2026, 12, 1, 22, 30, tzinfo=datetime.UTC),
    )
    client.force_login(world.users["coord_a"])
    project_page = client.get(f"/projects/{world.project_a.pk}/").content.decode()
    assert "Times in EAT (Africa/Nairobi)" in project_page
    cluster_page = client.get(f"/clusters/{world.a1.pk}/").content.decode()
    assert "Times in EAT (Africa/Nairobi)" in cluster_page
    assert "2026-12-02 · 1 → 2" in cluster_page
    other = ClusterFactory(project=world.project_b, status="selected", phase=2)
    client.force_login(world.users["admin"])
    assert "Times in UTC (UTC)" in client.get(f"/clusters/{other.pk}/").content.decode()
