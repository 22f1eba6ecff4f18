"""The project's IATI file: valid against the official 2.03 schema, with the approved
figures of the roll-ups (and nothing else), by sex on baselines, targets and actuals."""

from __future__ import annotations

import pytest

from clusters.models import Project
from monitoring.iati.builder import iati_file
from monitoring.models import IndicatorRollup

from .helpers import assert_valid, figures, indicator, periods

pytestmark = pytest.mark.django_db


def _document(project):
    return assert_valid(iati_file(project))


def test_the_file_validates_against_the_iati_schema(plan):
    document = _document(plan.world.project_a)
    assert document.get("version") == "2.03"
    (activity,) = document.findall("iati-activity")
    project = plan.world.project_a
    assert activity.findtext("iati-identifier") == f"XM-CLUSTERDEV-{project.pk}"
    assert activity.findtext("title/narrative") == "Project A"
    assert activity.find("recipient-country").get("code") == "SN"
    assert activity.find("activity-date[@type='1']").get("iso-date") == "2025-01-01"
    assert [loc.findtext("name/narrative") for loc in activity.findall("location")] == [
        "Cluster A1",
        "Cluster A2",
    ]


def test_results_follow_the_result_chain_and_the_levels(plan):
    document = _document(plan.world.project_a)
    results = [(r.get("type"), r.findtext("title/narrative")) for r in document.iter("result")]
    # The impact-level milestone and the outcome statement; then the indicators linked
    # to no statement, by level (the change story an outcome; firms linked and people
    # trained outputs, A1's before A2's).
    assert results == [
        ("3", "Impact indicators"),
        ("2", "Firms of the clusters grow and hire"),
        ("2", "Outcome indicators"),
        ("1", "Output indicators"),
    ]
    codes = [r.xpath("indicator/reference/@code") for r in document.iter("result")]
    assert codes == [["STRATEGY"], ["JOBS"], ["STORY"], ["LINKED", "TRAINED"]]


def test_a_number_by_sex_has_women_and_men_on_baseline_target_and_actual(plan):
    jobs = indicator(_document(plan.world.project_a), "JOBS")
    assert (jobs.get("measure"), jobs.get("ascending")) == ("1", "true")
    assert jobs.findtext("title/narrative") == "New jobs (Cluster A1)"
    assert figures(jobs, "baseline") == {"total": "10", "female": "4", "male": "6"}
    baseline = jobs.find("baseline")
    assert (baseline.get("year"), baseline.get("iso-date")) == ("2024", "2024-12-31")
    assert baseline.find("location").get("ref") == f"cluster-{plan.world.a1.pk}"
    by_start = periods(jobs)
    assert list(by_start) == [plan.start(plan.jobs, 1), plan.start(plan.jobs)]
    earlier, latest = by_start.values()
    assert figures(earlier, "target") == {"total": "20", "female": "10", "male": "10"}
    assert figures(earlier, "actual") == {"total": "12", "female": "5", "male": "7"}
    assert figures(latest, "actual") == {"total": "9", "female": "4", "male": "5"}


def test_a_percentage_is_numerator_over_denominator_for_the_total_and_each_sex(plan):
    linked = indicator(_document(plan.world.project_a), "LINKED")
    assert linked.get("measure") == "2"
    assert figures(linked, "baseline") == {"total": "20"}
    (period,) = periods(linked).values()
    # 3 of 8 firms; 2 of them women-owned, 1 men-owned (parts of the same 8).
    assert figures(period, "actual") == {"total": "37.5", "female": "25", "male": "12.5"}


def test_a_yes_no_milestone_is_qualitative_with_its_answer_in_a_comment(plan):
    strategy = indicator(_document(plan.world.project_a), "STRATEGY")
    assert strategy.get("measure") == "5"
    assert figures(strategy, "baseline") == {"total": "No"}
    (period,) = periods(strategy).values()
    (actual,) = period.findall("actual")
    assert actual.get("value") is None  # IATI: no @value on a qualitative measure
    assert actual.findtext("comment/narrative") == "Yes"
    assert strategy.find("baseline/location") is None  # the project's own, not a cluster's


def test_only_approved_figures_appear_not_drafts_returns_or_pending_corrections(plan):
    trained = indicator(_document(plan.world.project_a), "TRAINED")
    actuals = {start: figures(p, "actual") for start, p in periods(trained).items()}
    assert actuals == {
        plan.start(plan.trained, 2): {"total": "5"},
        plan.start(plan.trained, 1): {"total": "7"},  # the correction to 70 waits
    }  # and the returned 100 of the latest quarter is nowhere


def test_a_qualitative_indicator_has_its_baseline_text_and_no_rolled_up_actual(plan):
    story = indicator(_document(plan.world.project_a), "STORY")
    assert story.get("measure") == "5"
    assert figures(story, "baseline") == {"total": "Firms do not buy inputs together."}
    assert story.findall("period") == []


def test_the_figures_are_read_from_the_roll_ups(plan):
    """Changing a cell (as a rebuild would) changes the file: no raw value is read."""
    IndicatorRollup.objects.filter(
        definition=plan.trained.definition, cluster=plan.world.a2, category=""
    ).update(value=41)
    trained = indicator(_document(plan.world.project_a), "TRAINED")
    assert {figures(p, "actual")["total"] for p in periods(trained).values()} == {"41"}


def test_a_project_without_indicators_and_with_awkward_text_still_validates(world):
    project = world.project_b
    Project.objects.filter(pk=project.pk).update(
        description="Line one\x0b\x1f and <two> & more", donor=""
    )
    project.refresh_from_db()
    document = _document(project)
    assert document.findtext("iati-activity/description/narrative") == ("Line one and <two> & more")
    assert document.findall(".//result") == []


def test_the_identifier_and_the_publisher_come_from_settings(world, settings):
    settings.IATI_REPORTING_ORG_REF = "XM-DAC-41123"
    settings.IATI_REPORTING_ORG_NAME = "UNIDO"
    settings.IATI_ACTIVITY_IDENTIFIERS = {world.project_b.pk: "XM-DAC-41123-SN-170123"}
    activity = _document(world.project_b).find("iati-activity")
    assert activity.findtext("iati-identifier") == "XM-DAC-41123-SN-170123"
    assert activity.find("reporting-org").get("ref") == "XM-DAC-41123"
    assert activity.findtext("reporting-org/narrative") == "UNIDO"
    assert _document(world.project_a).findtext("iati-activity/iati-identifier") == (
        f"XM-DAC-41123-{world.project_a.pk}"
    )


def test_an_indicator_where_lower_is_better_is_not_ascending(plan):
    definition = plan.trained.definition
    definition.direction = "lower"
    definition.save()
    document = _document(plan.world.project_a)
    assert indicator(document, "TRAINED").get("ascending") == "false"
    assert indicator(document, "JOBS").get("ascending") == "true"
