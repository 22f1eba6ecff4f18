"""The clusters demo data (the mapped candidates): loading it twice adds nothing."""

import pytest

from clusters.demo import EXTRA_CANDIDATES, extend_demo
from clusters.models import (
    Cluster,
)
from tests.factories import ClusterFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_mapping_is_idempotent():
    project = ProjectFactory(name="Demo")
    leather = ClusterFactory(project=project, name="Thiès Leather Cluster", enterprises_micro=5)
    users = {"coordinator": UserFactory(username="coordinator")}
    extend_demo(project=project, clusters={leather.name: leather}, users=users)
    extend_demo(project=project, clusters={leather.name: leather}, users=users)
    leather.refresh_from_db()
    assert leather.enterprises_micro == 5  # filled only when empty
    assert leather.enterprises_small == 42 and leather.information_source
    assert Cluster.objects.filter(project=project).count() == 1 + len(EXTRA_CANDIDATES)
