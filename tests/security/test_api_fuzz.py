"""Property-based API fuzzing with schemathesis against our own OpenAPI schema.

Every operation, called by a coordinator with generated (often invalid) input,
must answer without a server error: bad input is a 4xx with a message.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from tests.conftest import build_world

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


@pytest.fixture
def coordinator_token(db):
    world = build_world()
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
        headers={"Authorization": f"Token {coordinator_token}"}, checks=[not_a_server_error]
    )
