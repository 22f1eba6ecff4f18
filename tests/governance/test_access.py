"""The access policy: roles derive guardian permissions; ending a role removes access."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from clusters.models import Cluster, Project
from governance.access import Action, authorize, can, can_project_wide, visible
from governance.models import ClusterUserObjectPermission, ProjectUserObjectPermission, Role
from governance.services import role_end, role_grant, role_permissions_sync_all
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_roles_derive_guardian_permissions(world):
    cda = world.users["cda_a1"]
    codenames = set(
        ClusterUserObjectPermission.objects.filter(user=cda).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"view_cluster", "work_cluster"}
    coord = world.users["coord_a"]
    assert set(
        ProjectUserObjectPermission.objects.filter(
            user=coord, content_object=world.project_a
        ).values_list("permission__codename", flat=True)
    ) >= {"view_project", "manage_project", "report_project"}


def test_visibility_follows_roles(world):
    assert set(visible(world.users["cda_a1"], Cluster)) == {world.a1}
    assert set(visible(world.users["coord_a"], Cluster)) == {world.a1, world.a2}
    assert set(visible(world.users["coord_b"], Cluster)) == {world.b1}
    # a CDA reads its project's summary, not other projects
    assert set(visible(world.users["cda_a1"], Project)) == {world.project_a}
    assert set(visible(world.users["admin"], Cluster)) == {world.a1, world.a2, world.b1}


def test_authorize_answers_404_out_of_scope_and_403_without_role(world):
    with pytest.raises(Http404):
        authorize(world.users["cda_a2"], Action.VIEW, world.a1)
    with pytest.raises(PermissionDenied):
        authorize(world.users["comm_a1"], Action.WORK, world.a1)
    with pytest.raises(PermissionDenied):
        authorize(world.users["steer_a"], Action.MANAGE, world.project_a)
    assert authorize(world.users["cda_a1"], Action.WORK, world.a1) == world.a1


def test_ending_a_role_removes_access_at_once(world, client):
    cda = world.users["cda_a1"]
    client.force_login(cda)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 200
    role_end(actor=world.users["coord_a"], assignment=cda.role_assignments.get())
    assert not can(cda, Action.VIEW, world.a1)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404
    assert client.get(f"/api/clusters/{world.a1.pk}/").status_code == 404
    assert not ClusterUserObjectPermission.objects.filter(user=cda).exists()


def test_an_end_date_takes_effect_on_its_day_without_the_nightly_sync(world, client, monkeypatch):
    cda, coord = world.users["cda_a1"], world.users["coord_a"]
    steer = world.users["steer_a"]
    today = timezone.localdate()
    for user in (cda, steer):
        user.role_assignments.update(ends_on=today + datetime.timedelta(days=1))
    assert can(cda, Action.WORK, world.a1) and can(steer, Action.REPORT, world.project_a)
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    # The guardian rows are still there (beat has not run) ...
    assert ClusterUserObjectPermission.objects.filter(user=cda).exists()
    # ... but the roles ended today: no access, on pages and in the API.
    assert not can(cda, Action.VIEW, world.a1)
    assert not can(steer, Action.VIEW, world.project_a)
    client.force_login(cda)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404
    assert client.get("/api/clusters/").json()["results"] == []
    # Other people's roles are untouched.
    assert can(coord, Action.MANAGE, world.project_a)


def test_coordinator_ends_a_role_on_the_people_page(world, client):
    cda = world.users["cda_a1"]
    assignment = cda.role_assignments.get()
    client.force_login(world.users["coord_a"])
    response = client.post(f"/projects/{world.project_a.pk}/people/{assignment.pk}/end/")
    assert response.status_code == 302
    client.force_login(cda)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404


def test_coordinator_grants_a_role_on_the_people_page(world, client):
    # (CDAs are appointed on the cluster's Appointments page, not granted here.)
    newcomer = UserFactory(username="newmember")
    client.force_login(world.users["coord_a"])
    response = client.post(
        f"/projects/{world.project_a.pk}/people/",
        {"username": "newmember", "role": "commission", "cluster": world.a2.pk},
    )
    assert response.status_code == 302
    assert can(newcomer, Action.ENDORSE, world.a2)
    assert not can(newcomer, Action.VIEW, world.a1)


def test_people_page_refuses_incomplete_role(world, client):
    client.force_login(world.users["coord_a"])
    response = client.post(
        f"/projects/{world.project_a.pk}/people/", {"username": "nobody", "role": "cda"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "No active user has this username." in body
    # A cluster from another project is not offered and is refused.
    response = client.post(
        f"/projects/{world.project_a.pk}/people/",
        {"username": "cda_a2", "role": "cda", "cluster": world.b1.pk},
    )
    assert "Select a valid choice" in response.content.decode()


def test_future_role_grants_nothing_until_it_starts(world, monkeypatch):
    user = UserFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    role_grant(actor=None, user=user, role=Role.CDA, cluster=world.a2, starts_on=tomorrow)
    assert not can(user, Action.VIEW, world.a2)
    # Tomorrow it applies on its own: no nightly sync needed (make run has no beat).
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert can(user, Action.VIEW, world.a2)
    assert [c.pk for c in visible(user, Cluster)] == [world.a2.pk]
    # The nightly sync keeps it.
    role_permissions_sync_all()
    assert can(user, Action.VIEW, world.a2)


def test_role_needs_the_right_target(world):
    with pytest.raises(ValidationError):
        role_grant(actor=None, user=UserFactory(), role=Role.CDA, project=world.project_a)


def test_phased_out_cluster_is_read_only_for_its_cda(world):
    Cluster.objects.filter(pk=world.a1.pk).update(status="phased_out")
    cda = world.users["cda_a1"]
    assert can(cda, Action.VIEW, world.a1)
    assert not can(cda, Action.WORK, world.a1)
    assert can(world.users["coord_a"], Action.WORK, world.a1)


def test_inactive_user_sees_nothing(world):
    coord = world.users["coord_a"]
    coord.is_active = False
    coord.save()
    assert not visible(coord, Cluster).exists()


def test_admin_cannot_hand_an_assignment_to_another_person(world, client):
    commission = world.users["comm_a1"]
    assignment = commission.role_assignments.get()
    other = UserFactory(username="someone-else")
    client.force_login(world.users["admin"])
    response = client.post(
        f"/admin/governance/roleassignment/{assignment.pk}/change/",
        {
            "user": other.pk,
            "role": assignment.role,
            "project": assignment.project_id or "",
            "cluster": world.a2.pk,  # nor move it to another cluster
            "starts_on": assignment.starts_on.isoformat(),
            "ends_on": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assignment.refresh_from_db()
    assert (assignment.user, assignment.cluster) == (commission, world.a1)
    assert can(commission, Action.VIEW, world.a1)
    assert not can(other, Action.VIEW, world.a1)


def test_administrator_assigns_a_role_in_django_admin(world, client):
    newcomer = UserFactory(username="fieldagent")
    client.force_login(world.users["admin"])
    response = client.post(
        "/admin/governance/roleassignment/add/",
        {
            "user": newcomer.pk,
            "role": "cda",
            "project": world.project_a.pk,
            "cluster": world.a2.pk,
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert can(newcomer, Action.WORK, world.a2)
    assignment = newcomer.role_assignments.get()
    # ending it in the admin removes access at once
    client.post(
        "/admin/governance/roleassignment/",
        {"action": "end_now", "_selected_action": [assignment.pk]},
    )
    assert not can(newcomer, Action.VIEW, world.a2)


def test_project_wide_records_are_for_project_level_roles(world):
    # A cluster's CDA reads the project's summary but not its project-wide records.
    cda, steer, coord = world.users["cda_a1"], world.users["steer_a"], world.users["coord_a"]
    assert can(cda, Action.VIEW, world.project_a)
    assert not can_project_wide(cda, Action.VIEW, world.project_a)
    assert can_project_wide(steer, Action.VIEW, world.project_a)
    assert not can_project_wide(steer, Action.MANAGE, world.project_a)
    assert can_project_wide(coord, Action.MANAGE, world.project_a)
    assert not can_project_wide(coord, Action.VIEW, world.project_b)
    assert can_project_wide(world.users["admin"], Action.MANAGE, world.project_b)
