"""UNIDO's starter pool of cluster programme indicators.

Drawn from the cluster development method and the results its programmes report.
Each entry says what kind of quantity it is (``kind``) and sets both aggregation
rules explicitly; the kind is why the rules are what they are:

* a **flow** (sales, people trained, new jobs) happens during the period: it is summed
  over months and quarters, and across clusters;
* a **stock** (firms in joint actions, certified firms, hectares certified, employment,
  association members) is a count at a moment: over time the period's value is the
  last one reported in it (never a sum of months), across clusters a sum;
* a **percentage** is reported as numerator over denominator: it adds up as the sum of
  numerators over the sum of denominators, over time and across clusters (an average
  of percentages would weigh a cluster of 3 firms like one of 300);
* a **cumulative** ("to date") indicator reports a running total each period: its year
  value is the last one (summing running totals counts the same farmer many times),
  across clusters a sum;
* a **level** (a price as a multiple of its baseline, a network density) is neither
  counted nor split: averaged over time (price) or taken last (density, measured by
  surveys), averaged across clusters;
* a **yes/no** milestone is its last answer; across clusters, the number of clusters
  that answer yes.

Names are translatable; adopting the pool stores them in the coordinator's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import (
    ClusterAggregation,
    Direction,
    Disaggregation,
    Measure,
    ResultLevel,
    TimeAggregation,
)

# What adopting the pool copies as is into a project's IndicatorDefinition.
COPIED = (
    "code",
    "measure",
    "level",
    "direction",
    "disaggregation",
    "time_aggregation",
    "cluster_aggregation",
    "cumulative",
)


class Kind:
    FLOW = "flow"
    STOCK = "stock"
    PERCENTAGE = "percentage"
    CUMULATIVE = "cumulative"
    LEVEL = "level"
    MILESTONE = "milestone"


@dataclass(frozen=True)
class StarterIndicator:
    code: str
    name: Promise
    unit: Promise
    kind: str
    level: str
    time_aggregation: str
    cluster_aggregation: str
    measure: str = Measure.NUMBER
    direction: str = Direction.HIGHER
    disaggregation: str = Disaggregation.NONE
    sdg_goals: tuple[int, ...] = ()
    cumulative: bool = False
    description: Promise | str = ""

    def definition_fields(self) -> dict:
        """The fields of an IndicatorDefinition, text in the current language."""
        data = {name: getattr(self, name) for name in COPIED}
        data["unit"] = str(self.unit)
        data["name"] = str(self.name)
        data["description"] = str(self.description)
        data["sdg_goals"] = list(self.sdg_goals)
        return data


T, C = TimeAggregation, ClusterAggregation
IMPACT, OUTCOME, OUTPUT = ResultLevel.IMPACT, ResultLevel.OUTCOME, ResultLevel.OUTPUT
SEX = Disaggregation.SEX
FIRMS, PEOPLE, MONEY = _("firms"), _("people"), _("local currency")
PCT = Measure.PERCENTAGE


def _flow(code, name, unit, level, sdg, **kw) -> StarterIndicator:
    return StarterIndicator(code, name, unit, Kind.FLOW, level, T.SUM, C.SUM, sdg_goals=sdg, **kw)


def _stock(code, name, unit, level, sdg, **kw) -> StarterIndicator:
    return StarterIndicator(code, name, unit, Kind.STOCK, level, T.LAST, C.SUM, sdg_goals=sdg, **kw)


def _to_date(code, name, unit, level, sdg, **kw) -> StarterIndicator:
    return StarterIndicator(
        code,
        name,
        unit,
        Kind.CUMULATIVE,
        level,
        T.LAST,
        C.SUM,
        sdg_goals=sdg,
        cumulative=True,
        **kw,
    )


def _share(code, name, level, sdg, **kw) -> StarterIndicator:
    return StarterIndicator(
        code, name, "%", Kind.PERCENTAGE, level, T.RATIO, C.RATIO, measure=PCT, sdg_goals=sdg, **kw
    )


STARTER_POOL: tuple[StarterIndicator, ...] = (
    # Cooperation and joint action
    _stock("JA-FIRMS", _("Firms taking part in joint actions"), FIRMS, OUTCOME, (8, 9, 17)),
    _flow("JA-DONE", _("Joint actions completed"), _("joint actions"), OUTPUT, (9, 17)),
    StarterIndicator(
        "COOP-DENSITY",
        _("Cooperation density among the cluster's firms"),
        _("0 to 1"),
        Kind.LEVEL,
        OUTCOME,
        T.LAST,  # measured by the diagnostic's network survey and its repeats
        C.AVERAGE,
        sdg_goals=(9, 17),
        description=_(
            "Links reported between firms over possible links, from the diagnostic's "
            "network analysis and its repeats."
        ),
    ),
    _share(
        "LINKED-SHARE",
        _("Share of firms linked to support institutions"),
        OUTCOME,
        (9, 17),
        description=_("Numerator: firms with a working link; denominator: firms surveyed."),
    ),
    _stock("BA-MEMBERS", _("Members of business associations"), FIRMS, OUTCOME, (8, 17)),
    _flow("COFUNDING", _("Co-funding mobilised"), MONEY, OUTCOME, (17,)),
    # Governance
    _flow("COM-MEETINGS", _("Cluster Commission meetings held"), _("meetings"), OUTPUT, (17,)),
    _flow(
        "COM-ATTEND",
        _("Attendance at Cluster Commission meetings"),
        PEOPLE,
        OUTPUT,
        (5, 17),
        disaggregation=SEX,
    ),
    StarterIndicator(
        "PLAN-ENDORSED",
        _("Cluster action plan endorsed by the Commission"),
        "",
        Kind.MILESTONE,
        OUTPUT,
        T.LAST,
        C.SUM,  # across clusters: the number of clusters that answer yes
        measure=Measure.YES_NO,
        sdg_goals=(17,),
    ),
    # Skills
    _flow("TRAINED", _("People trained"), PEOPLE, OUTPUT, (4, 5), disaggregation=SEX),
    _to_date(
        "FARM-PRACTICES",
        _("Farmers applying improved practices (to date)"),
        PEOPLE,
        OUTCOME,
        (1, 15),
        disaggregation=SEX,
    ),
    # Markets and products
    _flow("SALES", _("Sales of the cluster's firms"), MONEY, IMPACT, (8,)),
    _flow("EXPORTS", _("Export sales"), MONEY, IMPACT, (8, 17)),
    _stock("EXPORT-FIRMS", _("Exporting firms"), FIRMS, OUTCOME, (8, 17)),
    _flow("NEW-PRODUCTS", _("New products launched"), _("products"), OUTCOME, (9,)),
    _to_date("NEW-MARKETS", _("Firms that reached a new market (to date)"), FIRMS, OUTCOME, (8,)),
    _share(
        "ONLINE-SHARE",
        _("Share of sales made online"),
        OUTCOME,
        (8, 9),
        description=_(
            "Numerator: online sales; denominator: all sales. Its increase is read against "
            "the baseline."
        ),
    ),
    StarterIndicator(
        "PRICE-MULTIPLE",
        _("Price received by producers (multiple of baseline)"),
        _("× baseline"),
        Kind.LEVEL,
        OUTCOME,
        T.AVERAGE,  # prices move with the season: the period's average price
        C.AVERAGE,
        sdg_goals=(1, 10),
    ),
    # Quality and sustainability
    _flow(
        "CERTIFICATIONS",
        _("Certifications obtained (GMP, organic, GlobalGAP)"),
        _("certificates"),
        OUTPUT,
        (9, 15),
    ),
    _stock("CERT-FIRMS", _("Certified firms"), FIRMS, OUTCOME, (8, 9)),
    _stock("CERT-LAND", _("Land certified (organic, GlobalGAP)"), _("ha"), OUTCOME, (13, 15)),
    _share(
        "POSTHARVEST-LOSS",
        _("Post-harvest losses"),
        OUTCOME,
        (1, 13),
        direction=Direction.LOWER,
        description=_(
            "Numerator: quantity lost; denominator: quantity harvested. The reduction is "
            "read against the baseline."
        ),
    ),
    # Jobs and inclusion
    _flow("NEW-JOBS", _("New jobs created"), _("jobs"), IMPACT, (5, 8), disaggregation=SEX),
    _stock(
        "EMPLOYMENT",
        _("Employment in the cluster's firms"),
        PEOPLE,
        IMPACT,
        (5, 8),
        disaggregation=SEX,
    ),
    _stock("WOMEN-FIRMS", _("Women-owned firms"), FIRMS, OUTCOME, (5, 10)),
    _flow("WOMEN-SALES", _("Sales of women-owned firms"), MONEY, IMPACT, (5, 8)),
)

STARTER_BY_CODE = {item.code: item for item in STARTER_POOL}
