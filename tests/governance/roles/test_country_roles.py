"""Country roles: a Programme Officer reads (VIEW, REPORT) every project of the country
and every cluster in them, nothing more; only administrators grant or end the role; its
dates take effect on their day; grants and ends are audited."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusters.models import Cluster, Project
from governance.access import (
    Action,
    can,
    can_project_wide,
    country_codes_viewable,
    may_grant_country_roles,
    may_view_country,
    visible,
)
from governance.models import Body, BodyKind, CountryRole, User
from governance.roles.country_services import country_role_end, country_role_grant
from tests.factories import ClusterFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

READ = (Action.VIEW, Action.REPORT)
NEVER = (
    Action.MANAGE,
    Action.WORK,
    Action.COMMENT,
    Action.ENDORSE,
    Action.DECIDE_SELECTION,
    Action.APPROVE,
)


def _tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def test_programme_officer_reads_every_project_and_cluster_of_the_country(world):
    po = world.users["po_a"]
    assert set(visible(po, Project)) == {world.project_a}
    assert set(visible(po, Cluster)) == {world.a1, world.a2}
    for action in READ:
        assert can(po, action, world.project_a), action
    assert can(po, Action.VIEW, world.a1)
    # Project B is in another country.
    assert not can(po, Action.VIEW, world.project_b)
    assert not can(po, Action.VIEW, world.b1)
    # Project-wide records (the Steering Committee) are read too, not written.
    steering = Body.objects.create(kind=BodyKind.STEERING, project=world.project_a)
    assert can(po, Action.VIEW, steering)
    assert can_project_wide(po, Action.VIEW, world.project_a)
    assert can_project_wide(po, Action.REPORT, world.project_a)
    assert not can_project_wide(po, Action.COMMENT, world.project_a)


@pytest.mark.parametrize("action", NEVER)
def test_programme_officer_never_writes_comments_endorses_decides_or_approves(world, action):
    po = world.users["po_a"]
    assert not can(po, action, world.project_a)
    assert not can(po, action, world.a1)
    assert not visible(po, Cluster, action).exists()
    assert not visible(po, Project, action).exists()


def test_a_project_created_later_in_the_country_is_read_at_once(world):
    po = world.users["po_a"]
    later = ProjectFactory(name="Project A2", country=world.project_a.country)
    cluster = ClusterFactory(project=later, name="Later cluster")
    assert can(po, Action.VIEW, later)
    assert can(po, Action.VIEW, cluster)
    # ... and a project of another country stays out of reach.
    elsewhere = ProjectFactory(name="Elsewhere", country="KE")
    assert not can(po, Action.VIEW, elsewhere)


def test_an_end_date_takes_effect_on_its_day(world, monkeypatch):
    admin = world.users["admin"]
    user = UserFactory()
    country_role_grant(actor=admin, user=user, country="SN", ends_on=_tomorrow())
    assert can(user, Action.VIEW, world.project_a)
    assert may_view_country(user, "SN")
    tomorrow = _tomorrow()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert not can(user, Action.VIEW, world.project_a)
    assert not visible(user, Cluster).exists()
    assert not may_view_country(user, "SN")


def test_a_future_role_grants_nothing_until_it_starts(world, monkeypatch):
    user = UserFactory()
    tomorrow = _tomorrow()
    country_role_grant(actor=world.users["admin"], user=user, country="SN", starts_on=tomorrow)
    assert not can(user, Action.VIEW, world.project_a)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert can(user, Action.VIEW, world.project_a)


def test_ending_a_role_today_removes_access_at_once(world):
    po = world.users["po_a"]
    role = po.country_roles.get()
    ended = country_role_end(actor=world.users["admin"], role=role)
    assert ended.ends_on == timezone.localdate()
    assert not can(po, Action.VIEW, world.project_a)
    assert not may_view_country(po, "SN")
    # Ending it again changes nothing.
    assert country_role_end(actor=world.users["admin"], role=role).ends_on == ended.ends_on


@pytest.mark.parametrize("persona", ["coord_a", "steer_a", "po_a", "cda_a1"])
def test_only_administrators_grant_and_end_country_roles(world, persona):
    actor = world.users[persona]
    assert not may_grant_country_roles(actor)
    with pytest.raises(PermissionDenied):
        country_role_grant(actor=actor, user=UserFactory(), country="SN")
    with pytest.raises(PermissionDenied):
        country_role_end(actor=actor, role=world.users["po_a"].country_roles.get())
    assert can(world.users["po_a"], Action.VIEW, world.project_a)


def test_a_grant_needs_an_active_administrator(world):
    with pytest.raises(PermissionDenied):
        country_role_grant(actor=None, user=UserFactory(), country="SN")
    admin = world.users["admin"]
    User.objects.filter(pk=admin.pk).update(is_active=False)
    admin.refresh_from_db()
    with pytest.raises(PermissionDenied):
        country_role_grant(actor=admin, user=UserFactory(), country="SN")


def test_overlapping_roles_on_one_country_are_refused(world):
    admin, po = world.users["admin"], world.users["po_a"]
    with pytest.raises(ValidationError):
        country_role_grant(actor=admin, user=po, country="SN", starts_on=_tomorrow())
    with pytest.raises(ValidationError):
        country_role_grant(
            actor=admin, user=UserFactory(), country="SN", ends_on=timezone.localdate()
        )
    # Another country is another role.
    country_role_grant(actor=admin, user=po, country="GH")
    assert can(po, Action.VIEW, world.project_b)
    assert set(country_codes_viewable(po)) == {"GH", "SN"}


def test_grants_and_ends_are_audited_with_their_actor(world):
    role = world.users["po_a"].country_roles.get()
    country_role_end(actor=world.users["admin"], role=role)
    entries = LogEntry.objects.get_for_object(role).order_by("timestamp")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert {e.actor for e in entries} == {world.users["admin"]}
    assert role.created_by == world.users["admin"]


def test_country_views_are_for_administrators_and_the_country_officers(world):
    assert may_view_country(world.users["po_a"], "SN")
    assert not may_view_country(world.users["po_a"], "GH")
    assert may_view_country(world.users["admin"], "GH")
    for persona in ("coord_a", "steer_a", "cda_a1", "coord_b"):
        assert not may_view_country(world.users[persona], "SN"), persona
    assert not may_view_country(None, "SN")
    assert country_codes_viewable(world.users["po_a"]) == ["SN"]
    assert country_codes_viewable(world.users["admin"]) == ["GH", "SN"]
    assert country_codes_viewable(world.users["coord_a"]) == []


def test_a_programme_officer_is_not_an_account_free_for_coordinators_to_name(world):
    # A coordinator reaches accounts that hold no role yet; a country role is a role.
    reachable = visible(world.users["coord_a"], User, Action.MANAGE)
    assert not reachable.filter(pk=world.users["po_a"].pk).exists()
    assert reachable.filter(pk=UserFactory().pk).exists()


def test_the_administrator_grants_and_ends_a_country_role_in_django_admin(world, client):
    officer = UserFactory(username="hq-officer")
    client.force_login(world.users["admin"])
    response = client.post(
        "/admin/governance/countryrole/add/",
        {
            "user": officer.pk,
            "role": "programme_officer",
            "country": "GH",
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert can(officer, Action.VIEW, world.b1)
    role = CountryRole.objects.get(user=officer)
    assert role.created_by == world.users["admin"]
    # An overlapping grant answers with the error on the form, not a server error.
    response = client.post(
        "/admin/governance/countryrole/add/",
        {
            "user": officer.pk,
            "role": "programme_officer",
            "country": "GH",
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": "",
        },
    )
    assert response.status_code == 200
    assert "already holds this role" in response.content.decode()
    client.post(
        "/admin/governance/countryrole/",
        {"action": "end_now", "_selected_action": [role.pk]},
    )
    assert not can(officer, Action.VIEW, world.b1)
