"""Projects and their clusters, with the cluster's mapping record."""

from __future__ import annotations

import zoneinfo
from functools import cache

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA time zone the server knows, by name. A callable, so a newer tzdata
    changes the form's choices without a migration."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def default_time_zone() -> str:
    """The server's zone (``TIME_ZONE``), read when a project is made, not at import."""
    return settings.TIME_ZONE


class Project(models.Model):
    """A cluster development programme in one country."""

    access_scope = ("project", "")

    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    donor = models.CharField(_("donor or funding source"), max_length=200, blank=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        default=default_time_zone,
        help_text=_("The project's pages show times in this zone, with its name."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        permissions = [
            ("manage_project", "Manage everything in the project (coordinator)"),
            ("report_project", "Request and download the project's reports"),
            ("approve_project", "Approve or return the indicator values clusters report"),
            ("decide_selection", "Record cluster selection decisions"),
            ("comment_project", "Comment on the project's work"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def zoneinfo(self) -> zoneinfo.ZoneInfo:
        """The project's time zone (the server's when the name is not known here)."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


class Sector(models.TextChoices):
    AGRO_FOOD = "agro_food", _("Agro-food processing")
    TEXTILES = "textiles", _("Textiles and garments")
    LEATHER = "leather", _("Leather and footwear")
    WOOD = "wood", _("Wood and furniture")
    METAL = "metal", _("Metalworking and engineering")
    HANDICRAFTS = "handicrafts", _("Handicrafts")
    FISHERIES = "fisheries", _("Fisheries and aquaculture")
    TOURISM = "tourism", _("Tourism")
    ICT = "ict", _("ICT and software")
    CONSTRUCTION = "construction", _("Construction materials")
    CHEMICALS = "chemicals", _("Chemicals and pharmaceuticals")
    OTHER = "other", _("Other")


class ClusterStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    SELECTED = "selected", _("Selected")
    REJECTED = "rejected", _("Not selected")
    PHASED_OUT = "phased_out", _("Phased out")


class Phase(models.IntegerChoices):
    MAPPING = 1, _("1. Mapping and selection")
    GOVERNANCE = 2, _("2. CDA assignment and governance")
    DIAGNOSTIC = 3, _("3. Diagnostic")
    ACTION_PLAN = 4, _("4. Vision and action plan")
    IMPLEMENTATION = 5, _("5. Implementation")
    MONITORING = 6, _("6. Monitoring and evaluation")


class ExportOrientation(models.TextChoices):
    NONE = "none", _("None")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class GrowthPotential(models.IntegerChoices):
    """A 1-5 scale, so weighted criteria can read it as a number."""

    VERY_LOW = 1, _("1. Very low")
    LOW = 2, _("2. Low")
    MODERATE = 3, _("3. Moderate")
    HIGH = 4, _("4. High")
    VERY_HIGH = 5, _("5. Very high")


def validate_not_future(value) -> None:
    """Refuse a date after today (the information cannot come from the future)."""
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future_date")


class Cluster(models.Model):
    """A geographical concentration of inter-connected enterprises and institutions."""

    access_scope = ("cluster", "")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    main_products = models.CharField(_("main products"), max_length=300, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    locality = models.CharField(_("locality"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ClusterStatus.choices, default=ClusterStatus.CANDIDATE
    )
    phase = models.PositiveSmallIntegerField(
        _("current phase"), choices=Phase.choices, default=Phase.MAPPING
    )
    # The mapping record of a candidate. Empty numbers mean "unknown".
    enterprises_micro = models.PositiveIntegerField(_("micro enterprises"), null=True, blank=True)
    enterprises_small = models.PositiveIntegerField(_("small enterprises"), null=True, blank=True)
    enterprises_medium = models.PositiveIntegerField(_("medium enterprises"), null=True, blank=True)
    enterprises_large = models.PositiveIntegerField(_("large enterprises"), null=True, blank=True)
    employment_women = models.PositiveIntegerField(_("employment (women)"), null=True, blank=True)
    employment_men = models.PositiveIntegerField(_("employment (men)"), null=True, blank=True)
    women_owned_share = models.DecimalField(
        _("women-owned enterprises (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    support_institutions = models.TextField(_("existing support institutions"), blank=True)
    export_orientation = models.CharField(
        _("export orientation"), max_length=10, choices=ExportOrientation.choices, blank=True
    )
    growth_potential = models.PositiveSmallIntegerField(
        _("growth potential"), choices=GrowthPotential.choices, null=True, blank=True
    )
    information_source = models.CharField(_("source of information"), max_length=300, blank=True)
    information_date = models.DateField(
        _("date of information"), null=True, blank=True, validators=[validate_not_future]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="cluster_unique_name_in_project"
            )
        ]
        permissions = [
            ("work_cluster", "Write the cluster's phase work (CDA)"),
            ("comment_cluster", "Comment on the cluster's work"),
            ("endorse_cluster", "Endorse the cluster's diagnostic, vision and plans"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_phased_out(self) -> bool:
        return self.status == ClusterStatus.PHASED_OUT

    @property
    def enterprises_total(self) -> int | None:
        """Sum of the known size classes; None when none is known."""
        parts = [
            self.enterprises_micro,
            self.enterprises_small,
            self.enterprises_medium,
            self.enterprises_large,
        ]
        known = [p for p in parts if p is not None]
        return sum(known) if known else None

    @property
    def employment_total(self) -> int | None:
        """Women plus men employed; None when neither is known."""
        known = [p for p in (self.employment_women, self.employment_men) if p is not None]
        return sum(known) if known else None


auditlog.register(Project)
auditlog.register(Cluster)
