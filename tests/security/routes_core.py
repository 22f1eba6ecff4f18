"""Matrix rows for what the composition root (config/urls.py) serves: the language
switcher, API tokens, the API schema and docs, and Django admin."""

from tests.factories import PASSWORD
from tests.security.matrix import (
    API_SIGNED_IN,
    Case,
    expect,
)

CASES = [
    # Language switcher: open to everyone, anonymous users included (login page).
    Case(
        "set_language",
        lambda w: "/i18n/setlang/",
        expect(302),
        method="post",
        data=lambda w: {"language": "fr", "next": "/"},
    ),
    # API
    Case(
        "api-token",
        lambda w: "/api/auth/token/",
        expect(200),
        method="post",
        data=lambda w: {"username": "admin", "password": PASSWORD},
    ),
    # The caller revokes their own token (signed in by session here, by token too).
    Case("api-token", lambda w: "/api/auth/token/", expect(204, anon=401), method="delete"),
    Case("api-schema", lambda w: "/api/schema/", API_SIGNED_IN),
    Case("api-docs", lambda w: "/api/docs/", API_SIGNED_IN),
    # Django admin: administrators only (everyone else is sent to the admin login).
    Case("admin:index", lambda w: "/admin/", expect(302, admin=200)),
    Case(
        "admin:governance_roleassignment_changelist",
        lambda w: "/admin/governance/roleassignment/",
        expect(302, admin=200),
    ),
]
