"""Matrix rows for the indicator pool, the indicators clusters adopt (M&E plan,
targets) and the projects' M&E settings (pages and API)."""

from monitoring.models import Indicator, IndicatorDefinition, IndicatorTarget, MonitoringSettings
from tests.security.matrix import (
    API_SIGNED_IN,
    CLUSTER_A1_MANAGE,
    CLUSTER_A1_READ,
    PROJECT_A_MANAGE,
    Case,
    api,
    expect,
    with_status,
)

from .routes_monitoring_results import PROJECT_A_WIDE_READ

# A definition of project A's pool or its settings: project-wide records.
PROJECT_A_RECORD_READ = expect(404, admin=200, coord_a=200, steer_a=200, anon=302)
PROJECT_A_RECORD_MANAGE = expect(404, admin=200, coord_a=200, steer_a=403, anon=302)
# An API create naming project A: cluster roles see the project but may not write.
API_PROJECT_A_CREATE = expect(403, admin=201, coord_a=201, coord_b=400, anon=401)
# An API create naming a record of cluster A1 (another cluster's CDA: "does not exist").
API_A1_CREATE = expect(403, admin=201, coord_a=201, cda_a2=400, coord_b=400, anon=401)
PAGE_POST = with_status(PROJECT_A_MANAGE, 200, 302)
CLUSTER_POST = with_status(CLUSTER_A1_MANAGE, 200, 302)


def _definition(w):
    if "definition" not in w.extra:
        w.extra["definition"] = IndicatorDefinition.objects.create(
            project=w.project_a,
            code="TRAINED",
            name="People trained",
            level="output",
            time_aggregation="sum",
            cluster_aggregation="sum",
        )
    return w.extra["definition"]


def _indicator(w):
    if "indicator" not in w.extra:
        w.extra["indicator"] = Indicator.objects.create(
            project=w.project_a, cluster=w.a1, definition=_definition(w)
        )
    return w.extra["indicator"]


def _target(w):
    return IndicatorTarget.objects.get_or_create(
        indicator=_indicator(w), period_start="2025-01-01", defaults={"value": 5}
    )[0]


def _settings(w):
    return MonitoringSettings.objects.get_or_create(project=w.project_a)[0]


DEFINITION_FORM = {
    "code": "JOBS",
    "name": "New jobs",
    "unit": "jobs",
    "measure": "number",
    "level": "impact",
    "direction": "higher",
    "disaggregation": "none",
    "time_aggregation": "sum",
    "cluster_aggregation": "sum",
}
SETTINGS_FORM = {"financial_year_start_month": "7", "due_after_days": "10", "lock_after_days": "40"}
PLAN_FORM = {"frequency": "quarter", "baseline_value": "3", "end_target": "40"}

CASES = [
    # The pool
    Case(
        "indicator-pool",
        lambda w: f"/projects/{w.project_a.pk}/indicator-pool/",
        PROJECT_A_WIDE_READ,
    ),
    Case(
        "indicator-pool-starter",
        lambda w: f"/projects/{w.project_a.pk}/indicator-pool/starter/",
        PAGE_POST,
        method="post",
    ),
    Case(
        "indicator-definition-create",
        lambda w: f"/projects/{w.project_a.pk}/indicator-pool/new/",
        PROJECT_A_MANAGE,
    ),
    Case(
        "indicator-definition-create",
        lambda w: f"/projects/{w.project_a.pk}/indicator-pool/new/",
        PAGE_POST,
        method="post",
        data=lambda w: DEFINITION_FORM,
    ),
    Case(
        "indicator-definition-edit",
        lambda w: f"/indicator-definitions/{_definition(w).pk}/edit/",
        PROJECT_A_RECORD_MANAGE,
    ),
    Case(
        "indicator-definition-edit",
        lambda w: f"/indicator-definitions/{_definition(w).pk}/edit/",
        with_status(PROJECT_A_RECORD_MANAGE, 200, 302),
        method="post",
        data=lambda w: {**DEFINITION_FORM, "code": "TRAINED"},
    ),
    # M&E settings
    Case(
        "monitoring-settings",
        lambda w: f"/projects/{w.project_a.pk}/monitoring/settings/",
        PROJECT_A_MANAGE,
    ),
    Case(
        "monitoring-settings",
        lambda w: f"/projects/{w.project_a.pk}/monitoring/settings/",
        PAGE_POST,
        method="post",
        data=lambda w: SETTINGS_FORM,
    ),
    # Indicators of a cluster and of the project
    Case("cluster-indicators", lambda w: f"/clusters/{w.a1.pk}/indicators/", CLUSTER_A1_READ),
    Case(
        "project-indicators",
        lambda w: f"/projects/{w.project_a.pk}/indicators/",
        PROJECT_A_WIDE_READ,
    ),
    Case(
        "cluster-indicators-adopt",
        lambda w: f"/clusters/{w.a1.pk}/indicators/adopt/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "cluster-indicators-adopt",
        lambda w: f"/clusters/{w.a1.pk}/indicators/adopt/",
        CLUSTER_POST,
        method="post",
        data=lambda w: {"definitions": [_definition(w).pk], "frequency": "quarter"},
    ),
    Case(
        "project-indicators-adopt",
        lambda w: f"/projects/{w.project_a.pk}/indicators/adopt/",
        PROJECT_A_MANAGE,
    ),
    Case(
        "project-indicators-adopt",
        lambda w: f"/projects/{w.project_a.pk}/indicators/adopt/",
        PAGE_POST,
        method="post",
        data=lambda w: {"definitions": [_definition(w).pk], "frequency": "year"},
    ),
    Case("indicator-plan", lambda w: f"/indicators/{_indicator(w).pk}/plan/", CLUSTER_A1_MANAGE),
    Case(
        "indicator-plan",
        lambda w: f"/indicators/{_indicator(w).pk}/plan/",
        CLUSTER_POST,
        method="post",
        data=lambda w: PLAN_FORM,
    ),
    Case(
        "indicator-targets", lambda w: f"/indicators/{_indicator(w).pk}/targets/", CLUSTER_A1_READ
    ),
    Case(
        "indicator-targets",
        lambda w: f"/indicators/{_indicator(w).pk}/targets/",
        CLUSTER_POST,
        method="post",
        data=lambda w: {"2025-01-01-value": "12"},
    ),
    # API: definitions
    Case("api-indicator-definition-list", lambda w: "/api/indicator-definitions/", API_SIGNED_IN),
    Case(
        "api-indicator-definition-list",
        lambda w: "/api/indicator-definitions/",
        API_PROJECT_A_CREATE,
        method="post",
        json=True,
        data=lambda w: {**DEFINITION_FORM, "project": w.project_a.pk, "sdg_goals": [8]},
    ),
    Case(
        "api-indicator-definition-starter",
        lambda w: "/api/indicator-definitions/starter/",
        API_PROJECT_A_CREATE,
        method="post",
        json=True,
        data=lambda w: {"project": w.project_a.pk},
    ),
    Case(
        "api-indicator-definition-detail",
        lambda w: f"/api/indicator-definitions/{_definition(w).pk}/",
        api(PROJECT_A_RECORD_READ),
    ),
    Case(
        "api-indicator-definition-detail",
        lambda w: f"/api/indicator-definitions/{_definition(w).pk}/",
        api(PROJECT_A_RECORD_MANAGE),
        method="patch",
        json=True,
        data=lambda w: {"unit": "trainees"},
    ),
    Case(
        "api-indicator-definition-detail",
        lambda w: f"/api/indicator-definitions/{_definition(w).pk}/",
        api(PROJECT_A_RECORD_MANAGE),
        method="put",
        json=True,
        data=lambda w: {**DEFINITION_FORM, "code": "TRAINED"},
    ),
    # API: indicators (definitions are project-wide: a CDA's id "does not exist")
    Case("api-indicator-list", lambda w: "/api/indicators/", API_SIGNED_IN),
    Case(
        "api-indicator-list",
        lambda w: "/api/indicators/",
        expect(400, admin=201, coord_a=201, steer_a=403, anon=401),
        method="post",
        json=True,
        data=lambda w: {
            "project": w.project_a.pk,
            "cluster": w.a1.pk,
            "definition": _definition(w).pk,
            "frequency": "quarter",
        },
    ),
    Case(
        "api-indicator-detail",
        lambda w: f"/api/indicators/{_indicator(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    Case(
        "api-indicator-detail",
        lambda w: f"/api/indicators/{_indicator(w).pk}/",
        api(CLUSTER_A1_MANAGE),
        method="patch",
        json=True,
        data=lambda w: {"baseline_value": "4"},
    ),
    Case(
        "api-indicator-detail",
        lambda w: f"/api/indicators/{_indicator(w).pk}/",
        api(CLUSTER_A1_MANAGE),
        method="put",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "definition": _definition(w).pk, **PLAN_FORM},
    ),
    # API: targets
    Case("api-indicator-target-list", lambda w: "/api/indicator-targets/", API_SIGNED_IN),
    Case(
        "api-indicator-target-list",
        lambda w: "/api/indicator-targets/",
        API_A1_CREATE,
        method="post",
        json=True,
        data=lambda w: {"indicator": _indicator(w).pk, "period_start": "2025-04-01", "value": 8},
    ),
    Case(
        "api-indicator-target-detail",
        lambda w: f"/api/indicator-targets/{_target(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    Case(
        "api-indicator-target-detail",
        lambda w: f"/api/indicator-targets/{_target(w).pk}/",
        api(CLUSTER_A1_MANAGE),
        method="patch",
        json=True,
        data=lambda w: {"value": "9"},
    ),
    Case(
        "api-indicator-target-detail",
        lambda w: f"/api/indicator-targets/{_target(w).pk}/",
        api(CLUSTER_A1_MANAGE),
        method="put",
        json=True,
        data=lambda w: {"indicator": _indicator(w).pk, "period_start": "2025-01-01", "value": 7},
    ),
    # API: M&E settings
    Case("api-monitoring-settings-list", lambda w: "/api/monitoring-settings/", API_SIGNED_IN),
    Case(
        "api-monitoring-settings-list",
        lambda w: "/api/monitoring-settings/",
        API_PROJECT_A_CREATE,
        method="post",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "financial_year_start_month": 7},
    ),
    Case(
        "api-monitoring-settings-detail",
        lambda w: f"/api/monitoring-settings/{_settings(w).pk}/",
        api(PROJECT_A_RECORD_READ),
    ),
    Case(
        "api-monitoring-settings-detail",
        lambda w: f"/api/monitoring-settings/{_settings(w).pk}/",
        api(PROJECT_A_RECORD_MANAGE),
        method="patch",
        json=True,
        data=lambda w: {"lock_after_days": 45},
    ),
    Case(
        "api-monitoring-settings-detail",
        lambda w: f"/api/monitoring-settings/{_settings(w).pk}/",
        api(PROJECT_A_RECORD_MANAGE),
        method="put",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "financial_year_start_month": 4},
    ),
]
