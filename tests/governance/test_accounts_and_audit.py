import pytest
from auditlog.models import LogEntry

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_pages_need_login_but_health_does_not(client, world):
    assert client.get("/").status_code == 302
    assert client.get("/").url.startswith("/accounts/login/")
    assert client.get("/health/").json() == {"status": "ok"}


def test_login_logout_and_password_change(client, world):
    response = client.post(
        "/accounts/login/", {"username": "cda_a1", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert "Cluster A1" in response.content.decode()
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-better-passphrase-42",
            "new_password2": "a-much-better-passphrase-42",
        },
    )
    assert response.status_code == 302
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302
    assert client.login(username="cda_a1", password="a-much-better-passphrase-42")


def test_changing_the_password_revokes_api_tokens(client, world):
    token = client.post("/api/auth/token/", {"username": "cda_a1", "password": PASSWORD}).json()[
        "token"
    ]
    assert client.get("/api/clusters/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    client.force_login(world.users["cda_a1"])
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-better-passphrase-42",
            "new_password2": "a-much-better-passphrase-42",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert client.get("/api/clusters/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_wrong_password_is_refused_with_a_message(client, world):
    response = client.post("/accounts/login/", {"username": "cda_a1", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_writes_are_audited_and_coordinators_see_history(client, world):
    client.force_login(world.users["coord_a"])
    response = client.patch(
        f"/api/clusters/{world.a1.pk}/",
        {"main_products": "Sandals and belts"},
        content_type="application/json",
    )
    assert response.status_code == 200
    entry = LogEntry.objects.get_for_object(world.a1).latest("timestamp")
    assert entry.actor == world.users["coord_a"]
    assert entry.changes_dict["main_products"][1] == "Sandals and belts"
    client.patch(
        f"/api/clusters/{world.a1.pk}/", {"sector": "textiles"}, content_type="application/json"
    )
    page = client.get(f"/history/clusters/cluster/{world.a1.pk}/").content.decode()
    assert "Sandals and belts" in page
    assert "coord_a" in page or str(world.users["coord_a"]) in page
    # People read field labels, choice names and action names, not column names and codes.
    assert "Main products" in page and "main_products" not in page
    assert "Textiles" in page and "→ textiles" not in page
    assert "Changed" in page and "None" not in page


def test_history_page_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.users["coord_a"])
    for n in range(30):
        client.patch(
            f"/api/clusters/{world.a1.pk}/",
            {"main_products": f"Sandals {n}"},
            content_type="application/json",
        )
    with django_assert_max_num_queries(8):
        assert client.get(f"/history/clusters/cluster/{world.a1.pk}/").status_code == 200


def test_history_of_unknown_model_is_404(client, world):
    client.force_login(world.users["admin"])
    assert client.get("/history/governance/user/1/").status_code == 404
    assert client.get("/history/nope/nothing/1/").status_code == 404


def test_role_grant_is_audited(world):
    assignment = world.users["cda_a1"].role_assignments.get()
    entry = LogEntry.objects.get_for_object(assignment).get()
    assert entry.actor == world.users["admin"]
