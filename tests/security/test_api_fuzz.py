"""Property-based API fuzzing with schemathesis against our own OpenAPI schema.

Every operation, called by a coordinator with generated (often invalid) input,
must answer without a server error: bad input is a 4xx with a message.
"""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from tests.conftest import build_world

_spec = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
schema = schemathesis.openapi.from_dict(_spec)
schema.app = get_wsgi_application()


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
