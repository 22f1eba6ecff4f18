"""The shared form include: hidden version stamps get no visible label, and groups of
checkboxes are a fieldset with a legend (screen readers tell "Selected" from
"Not selected")."""

import re

import pytest

from governance.bodies import services as body_services

pytestmark = pytest.mark.django_db


def test_hidden_version_stamp_has_no_visible_label(client, world):
    coord = world.users["coord_a"]
    body = body_services.commission_ensure(actor=coord, cluster=world.a1)
    member = body_services.body_member_create(actor=coord, body=body, name="Awa", sex="woman")
    client.force_login(coord)
    page = client.get(f"/members/{member.pk}/edit/").content.decode()
    assert re.search(r'<input type="hidden" name="updated_at"', page)
    assert 'for="id_updated_at"' not in page
    assert "Updated at" not in page


def test_checkbox_groups_are_fieldsets_with_a_legend(client, world):
    client.force_login(world.users["steer_a"])
    page = client.get(f"/projects/{world.project_a.pk}/selection/decisions/new/").content.decode()
    legends = re.findall(r"<legend>\s*([^<*]+?)\s*\*?\s*</legend>", page)
    assert len(legends) >= 2, legends
    # No label wraps another label (invalid HTML, unreadable for assistive technology).
    assert not re.search(r'<label for="">', page)
