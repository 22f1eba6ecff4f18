"""Every API list endpoint × every persona returns exactly the ids that persona may see.

The expected ids are computed here, independently of the access policy: the world
below records, for every object it creates, which project or cluster it belongs to,
and ``may_see`` restates the rules of DESIGN.md §2 (a project-level role reads
everything in its project; a cluster-level role reads its cluster and its project's
summary; project-wide records — Steering Committee, criteria, scores, selection
decisions, report jobs — are for project-level roles only; a Programme Officer reads
every project of their country as a project-level role does; the administrator reads
everything). Nothing here calls ``visible()`` or a selector.

The list endpoints are read from the URLconf, so a list endpoint added without a
populated entry in ``populated_world`` makes ``test_every_list_endpoint_is_covered``
fail.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from actionplans.models import FieldActivity
from clusters.models import (
    Criterion,
    CriterionScore,
    PhaseChange,
    SelectionDecision,
    SelectionDecisionCluster,
)
from governance.models import (
    AppointmentKind,
    Body,
    BodyKind,
    BodyMember,
    CDAAppointment,
    Decision,
    HandOver,
    Meeting,
)
from monitoring.models import ReportJob
from tests.conftest import PERSONAS, build_world
from tests.monitoring.indicators.helpers import add_plan_records

from .test_permission_matrix import url_patterns


@dataclass(frozen=True)
class Owner:
    """What an object belongs to: a project ("a", "b"), and a cluster ("a1") when it is
    cluster work; ``summary`` marks the project row itself."""

    project: str
    cluster: str | None = None
    summary: bool = False


# Whose scope each persona has (DESIGN.md §2): a project-level role on a project, a
# cluster-level role on a cluster, or a country role (Programme Officer) on a country.
SCOPE: dict[str, tuple[str, str]] = {
    "po_a": ("country", "SN"),
    "coord_a": ("project", "a"),
    "steer_a": ("project", "a"),
    "coord_b": ("project", "b"),
    "steer_b": ("project", "b"),
    "cda_a1": ("cluster", "a1"),
    "cda_a2": ("cluster", "a2"),
    "comm_a1": ("cluster", "a1"),
    "cda_b1": ("cluster", "b1"),
    "comm_b1": ("cluster", "b1"),
}


# The country of each project of the world (conftest.build_world).
COUNTRY_OF = {"a": "SN", "b": "GH"}


def may_see(persona: str, owner: Owner) -> bool:
    if persona == "admin":
        return True
    kind, key = SCOPE[persona]
    if kind == "project":
        return owner.project == key
    if kind == "country":  # reads every project of the country, like a project role
        return COUNTRY_OF[owner.project] == key
    # A cluster role: its cluster's records, and its project's summary (the project row).
    return owner.cluster == key or (owner.summary and owner.project == key[0])


@dataclass
class Known:
    world: Any
    objects: dict[str, list[tuple[int, Owner]]]  # list URL name -> (id, owner)
    # One object of project B per model, for filter probing (test_filter_probing).
    project_b_objects: dict[type, Any]


def populated_world() -> Known:
    """The personas' world with one record of every listed kind per cluster (cluster
    work) or per project (project-wide records), each with its owner."""
    w = build_world()
    objects: dict[str, list[tuple[int, Owner]]] = {}

    def add(name: str, obj: Any, owner: Owner) -> Any:
        objects.setdefault(name, []).append((obj.pk, owner))
        return obj

    projects = {"a": w.project_a, "b": w.project_b}
    clusters = {"a1": w.a1, "a2": w.a2, "b1": w.b1}
    coordinators = {"a": w.users["coord_a"], "b": w.users["coord_b"]}
    cdas = {"a1": w.users["cda_a1"], "a2": w.users["cda_a2"], "b1": w.users["cda_b1"]}
    by_model: dict[str, dict[type, Any]] = {"a": {}, "b": {}}
    day = datetime.date(2025, 3, 1)

    def body_records(body: Body, owner: Owner, key: str) -> None:
        add("api-body-list", body, owner)
        member = add(
            "api-body-member-list",
            BodyMember.objects.create(body=body, name=f"Member {key}", sex="woman"),
            owner,
        )
        meeting = add(
            "api-meeting-list",
            Meeting.objects.create(body=body, held_on=day, place="Thiès", other_men=1),
            owner,
        )
        meeting.members_present.add(member)
        add(
            "api-meeting-decision-list",
            Decision.objects.create(meeting=meeting, text=f"Decision {key}", responsible="CDA"),
            owner,
        )
        by_model[owner.project].setdefault(Body, body)
        by_model[owner.project].setdefault(Meeting, meeting)

    for key, project in projects.items():
        owner = Owner(project=key)
        add("api-project-list", project, Owner(project=key, summary=True))
        add("api-report-job-list", ReportJob.objects.create(project=project), owner)
        criterion = add(
            "api-selection-criterion-list",
            Criterion.objects.create(project=project, name=f"Willingness {key}", kind="expert"),
            owner,
        )
        decision = add(
            "api-selection-decision-list",
            SelectionDecision.objects.create(
                project=project,
                decided_on=day,
                rationale="Best ranked",
                recorded_by=coordinators[key],
            ),
            owner,
        )
        steering = Body.objects.create(kind=BodyKind.STEERING, project=project)
        body_records(steering, owner, f"steering-{key}")
        by_model[key].update({type(project): project, Criterion: criterion})
        add_plan_records(
            add,
            Owner,
            key=key,
            project=project,
            clusters={c: cl for c, cl in clusters.items() if c[0] == key},
            by_model=by_model[key],
        )
        by_model[key]["user"] = coordinators[key]
        for ckey, cluster in clusters.items():
            if ckey[0] != key:
                continue
            cowner = Owner(project=key, cluster=ckey)
            add("api-cluster-list", cluster, cowner)
            SelectionDecisionCluster.objects.create(
                decision=decision, cluster=cluster, outcome="selected"
            )
            add(
                "api-selection-score-list",
                CriterionScore.objects.create(
                    criterion=criterion, cluster=cluster, score=4, scored_by=coordinators[key]
                ),
                owner,  # scores are the selection body's: project-level roles only
            )
            add(
                "api-field-activity-list",
                FieldActivity.objects.create(
                    cluster=cluster, occurred_on=day, kind="visit", summary="Visited"
                ),
                cowner,
            )
            add(
                "api-phase-change-list",
                PhaseChange.objects.create(
                    cluster=cluster, from_phase=1, to_phase=2, reason="Selected"
                ),
                cowner,
            )
            add(
                "api-cda-appointment-list",
                CDAAppointment.objects.create(
                    cluster=cluster,
                    kind=AppointmentKind.LEAD,
                    user=cdas[ckey],
                    role_assignment=cdas[ckey].role_assignments.get(),
                ),
                cowner,
            )
            add(
                "api-hand-over-list",
                HandOver.objects.create(
                    cluster=cluster,
                    recipient_name="Chambre de commerce",
                    recipient_kind="local_institution",
                    handed_over_on=datetime.date(2026, 1, 1),
                    cda_withdrawal_on=datetime.date(2026, 1, 31),
                ),
                cowner,
            )
            commission = Body.objects.create(
                kind=BodyKind.COMMISSION, project=project, cluster=cluster
            )
            body_records(commission, cowner, f"commission-{ckey}")
            by_model[key].setdefault(type(cluster), cluster)
    b_objects = dict(by_model["b"])
    b_objects[type(w.users["coord_b"])] = b_objects.pop("user")
    return Known(world=w, objects=objects, project_b_objects=b_objects)


def list_endpoints() -> dict[str, Any]:
    """URL name -> URL pattern, for every API route that answers GET with a list."""
    return {
        name: pattern
        for name, pattern in url_patterns()
        if getattr(pattern.callback, "actions", {}).get("get") == "list"
    }


def listed_ids(client: Any, url: str) -> tuple[int, list[int]]:
    ids: list[int] = []
    while url:
        response = client.get(url)
        if response.status_code != 200:
            return response.status_code, ids
        body = response.json()
        rows = body["results"] if isinstance(body, dict) else body
        ids.extend(row["id"] for row in rows)
        url = body.get("next") if isinstance(body, dict) else None
    return 200, ids


def test_every_list_endpoint_is_covered(db):
    known = populated_world()
    countries = {"a": known.world.project_a.country, "b": known.world.project_b.country}
    assert {key: str(code) for key, code in countries.items()} == COUNTRY_OF
    endpoints = set(list_endpoints())
    assert endpoints, "no API list endpoint found in the URLconf"
    uncovered = sorted(endpoints - set(known.objects))
    assert not uncovered, (
        f"List endpoints without records in populated_world (add one per project or "
        f"cluster, with its owner): {uncovered}"
    )
    stale = sorted(set(known.objects) - endpoints)
    assert not stale, f"populated_world lists endpoints that do not exist: {stale}"
    for name, rows in known.objects.items():
        # Records in both projects, so a leak from one to the other would show.
        assert {owner.project for _pk, owner in rows} == {"a", "b"}, name


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_returns_exactly_what_the_persona_may_see(persona, db, client):
    known = populated_world()
    user = known.world.user(persona)
    if user is not None:
        client.force_login(user)
    problems = []
    for name in sorted(list_endpoints()):
        url = reverse(name)
        status, ids = listed_ids(client, url)
        if persona == "anon":
            if status != 401:
                problems.append(f"{url}: {status} for an anonymous caller, expected 401")
            continue
        if status != 200:
            problems.append(f"{url}: answered {status}")
            continue
        expected = {pk for pk, owner in known.objects.get(name, []) if may_see(persona, owner)}
        if len(ids) != len(set(ids)):
            problems.append(f"{url}: an id listed twice: {sorted(ids)}")
        got = set(ids)
        if got != expected:
            problems.append(
                f"{url}: unexpected {sorted(got - expected)}, missing {sorted(expected - got)}"
            )
    assert not problems, f"As {persona}:\n" + "\n".join(problems)
