"""Matrix rows for governance's accounts (health, login, logout, password), roles (the
People page, ending a role) and the audit history."""

from tests.security.matrix import (
    PROJECT_A_MANAGE,
    Case,
    expect,
    with_status,
)

ANYONE = expect(200)

SIGNED_IN = expect(200, anon=302)


CASES = [
    # Accounts and health
    Case("health", lambda w: "/health/", ANYONE),
    Case("login", lambda w: "/accounts/login/", ANYONE),
    Case("logout", lambda w: "/accounts/logout/", expect(302), method="post"),
    Case("password_change", lambda w: "/accounts/password/", SIGNED_IN),
    Case("password_change_done", lambda w: "/accounts/password/done/", SIGNED_IN),
    Case("project-people", lambda w: f"/projects/{w.project_a.pk}/people/", PROJECT_A_MANAGE),
    Case(
        "project-people",
        lambda w: f"/projects/{w.project_a.pk}/people/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: {"user": w.users["cda_a2"].pk, "role": "commission", "cluster": w.a1.pk},
    ),
    Case(
        "role-assignment-end",
        lambda w: (
            f"/projects/{w.project_a.pk}/people/{w.users['cda_a2'].role_assignments.get().pk}/end/"
        ),
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
    ),
    Case(
        "object-history",
        lambda w: f"/history/clusters/cluster/{w.a1.pk}/",
        expect(403, admin=200, coord_a=200, cda_a2=404, coord_b=404, anon=302),
    ),
    Case(
        "role-assignment-end",
        lambda w: (
            f"/projects/{w.project_a.pk}/people/{w.users['cda_a2'].role_assignments.get().pk}/end/"
        ),
        PROJECT_A_MANAGE,
    ),
    # The project's only coordinator cannot be ended: the confirmation page says why (200).
    Case(
        "role-assignment-end",
        lambda w: (
            f"/projects/{w.project_a.pk}/people/{w.users['coord_a'].role_assignments.get().pk}/end/"
        ),
        PROJECT_A_MANAGE,
        method="post",
        label="last-coordinator",
    ),
]
