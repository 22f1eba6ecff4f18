import datetime

import factory
from django.utils import timezone

from actionplans.models import ActivityKind, FieldActivity
from clusters.models import Cluster, Project, Sector
from governance.models import User
from monitoring.models import ReportJob

PASSWORD = "test-pass-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Project {n}")
    country = "SN"
    donor = "Donor"
    starts_on = datetime.date(2025, 1, 1)


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Cluster {n}")
    sector = Sector.LEATHER
    region = "Thiès"


class FieldActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldActivity

    cluster = factory.SubFactory(ClusterFactory)
    occurred_on = factory.LazyFunction(timezone.localdate)
    kind = ActivityKind.VISIT
    summary = "Visited workshops"
    women = 2
    men = 3


class ReportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportJob

    project = factory.SubFactory(ProjectFactory)
