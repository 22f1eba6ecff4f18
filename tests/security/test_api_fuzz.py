"""Property-based API fuzzing with schemathesis against our own OpenAPI schema.

Every operation, called by a coordinator with generated (often invalid) input,
must answer without a server error (bad input is a 4xx with a message), and the
answer must be the one the schema documents: its status code, its content type and
its body's shape (schemathesis' conformance checks). The world holds a row of every
resource, some with their nullable fields empty, so list and detail answers are
checked against the schema too.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client as WerkzeugClient

from actionplans.models import FieldActivity
from clusters import services as cluster_services
from clusters.models import Cluster, CriterionKind
from clusters.selection import decision_services
from clusters.selection import services as selection_services
from governance.appointments import services as appointment_services
from governance.bodies import services as body_services
from governance.models import User
from tests.conftest import build_world
from tests.factories import (
    ClusterFactory,
    FieldActivityFactory,
    ReportJobFactory,
    UserFactory,
)
from tests.monitoring.indicators.helpers import add_plan_records

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

_spec = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
schema = schemathesis.openapi.from_dict(_spec)
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def keep_test_connection_open():
    # The raw WSGI handler closes the database connection when a request
    # starts and finishes. Inside a test transaction on PostgreSQL that kills the
    # connection for the next call; Django's test client avoids this the
    # same way.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def build_rich_world():
    """The personas' world plus a row of every API resource in project A, some with
    their nullable fields empty (a recorder's account deleted, nothing superseded)."""
    world = build_world()
    coord, cda = world.users["coord_a"], world.users["cda_a1"]
    today = timezone.localdate()
    candidate = ClusterFactory(project=world.project_a, name="Candidate A3")
    criteria = selection_services.criteria_starter_set_add(actor=coord, project=world.project_a)
    expert = next(c for c in criteria if c.kind == CriterionKind.EXPERT)
    selection_services.criterion_score_set(
        actor=coord, criterion=expert, cluster=candidate, score=4, note="Strong"
    )
    decision_services.selection_decision_record(
        actor=coord,
        project=world.project_a,
        decided_on=today,
        rationale="Best scores",
        selected=[candidate],
    )
    candidate.refresh_from_db()
    appointment_services.cda_appointment_create(
        actor=coord, cluster=candidate, kind="lead", user=UserFactory(username="cda_a3")
    )
    cluster_services.cluster_phase_move(
        actor=coord, cluster=candidate, to_phase=3, reason="Diagnostic starts"
    )
    commission = body_services.commission_ensure(actor=coord, cluster=world.a1)
    body_services.body_member_create(
        actor=coord, body=commission, name="Awa", represents="Tanners", sex="woman"
    )
    meeting = body_services.meeting_create(actor=cda, body=commission, held_on=today)
    body_services.decision_create(actor=cda, meeting=meeting, text="Compare prices")
    appointment_services.hand_over_record(
        actor=coord,
        cluster=world.a2,
        recipient_name="Chamber of commerce",
        recipient_kind="local_institution",
        handed_over_on=today,
        cda_withdrawal_on=today,
    )
    activity = FieldActivityFactory(cluster=world.a1, recorded_by=cda)
    FieldActivity.objects.filter(pk=activity.pk).update(recorded_by=None)
    ReportJobFactory(project=world.project_a, requested_by=None)
    # Monitoring: a chain, indicators, targets, values with evidence, a period lock and
    # evaluations with points, for the project and each of its clusters.
    add_plan_records(
        lambda _name, obj, _owner: obj,
        lambda **_owner: None,
        key="a",
        project=world.project_a,
        clusters={"a1": world.a1, "a2": world.a2},
        by_model={},
    )
    return world


@pytest.fixture
def coordinator_token(db):
    world = build_rich_world()
    return Token.objects.create(user=world.users["coord_a"]).key


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_bad_input_without_server_errors(case, coordinator_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {coordinator_token}"},
        checks=CHECKS,
    )


def _call(method, path, token=None, **kwargs):
    headers = {"Authorization": f"Token {token}"} if token else {}
    return WerkzeugClient(schema.app).open(path, method=method, headers=headers, **kwargs)


def _validate(method, template, path, response):
    """The answer conforms to what the schema says of this operation and status."""
    schema[template][method].validate_response(response)
    return response


@pytest.mark.django_db
def test_every_read_answers_as_documented_with_rows_and_empty_fields(coordinator_token):
    """List and detail of every resource, with real rows (some nullable fields empty):
    each answer's status, content type and body match the schema."""
    checked = 0
    for template, methods in _spec["paths"].items():
        if "get" not in methods or "{" in template or template.endswith("/export/"):
            continue
        listing = _validate("GET", template, template, _call("GET", template, coordinator_token))
        assert listing.status_code == 200, (template, listing.get_data(as_text=True))
        results = listing.json["results"]
        assert results, f"no row of {template} in the world: add one to build_rich_world"
        detail = f"{template}{{id}}/"
        if detail in _spec["paths"]:
            path = f"{template}{results[0]['id']}/"
            response = _validate("GET", detail, path, _call("GET", path, coordinator_token))
            assert response.status_code == 200, path
        checked += 1
    assert checked >= 10


@pytest.mark.django_db
def test_error_answers_are_documented(coordinator_token):
    """401, 403, 404, 400 and 409 come back in the documented shape."""
    world_cluster = Cluster.objects.get(name="Cluster A1")
    other_cluster = Cluster.objects.get(name="Cluster B1")
    steering = Token.objects.create(user=User.objects.get(username="steer_a")).key
    detail = "/api/clusters/{id}/"
    answers = [
        (401, "GET", "/api/clusters/", "/api/clusters/", None, {}),
        (404, "GET", detail, f"/api/clusters/{other_cluster.pk}/", coordinator_token, {}),
        (404, "GET", "/api/clusters/", "/api/clusters/?page=99", coordinator_token, {}),
        (400, "GET", "/api/clusters/", "/api/clusters/?phase=x", coordinator_token, {}),
        (
            403,
            "PATCH",
            detail,
            f"/api/clusters/{world_cluster.pk}/",
            steering,
            {"json": {"region": "Dakar"}},
        ),
        (
            400,
            "PATCH",
            detail,
            f"/api/clusters/{world_cluster.pk}/",
            coordinator_token,
            {"json": {"latitude": 123}},
        ),
        (
            409,
            "PATCH",
            detail,
            f"/api/clusters/{world_cluster.pk}/",
            coordinator_token,
            {"json": {"region": "Dakar", "updated_at": "2000-01-01T00:00:00Z"}},
        ),
        (
            400,
            "POST",
            "/api/projects/{project_pk}/cluster-import/",
            f"/api/projects/{world_cluster.project_id}/cluster-import/",
            coordinator_token,
            {"data": {"confirm": "true"}},
        ),
    ]
    for status, method, template, path, token, kwargs in answers:
        response = _call(method, path, token, **kwargs)
        assert response.status_code == status, (path, response.get_data(as_text=True))
        _validate(method, template, path, response)
