"""UNIDO's generic cluster result chain: the starter set a project or cluster begins
from and then edits. One impact, three outcomes, two outputs each; translatable, stored
in the coordinator's language when the chain is started."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class GenericResult:
    statement: Promise
    assumptions: Promise | str = ""
    risks: Promise | str = ""
    children: tuple[GenericResult, ...] = ()


GENERIC_CHAIN = GenericResult(
    _("Inclusive and sustainable growth of the cluster's firms and workers"),
    _("The economic and policy environment stays stable enough for firms to invest."),
    _("An economic shock or a change of policy wipes out the gains."),
    (
        GenericResult(
            _("Increased joint actions and cooperation among the cluster's firms"),
            _("Firms see a benefit in working together and trust builds over time."),
            _("A failed early joint action discourages cooperation."),
            (
                GenericResult(
                    _("Cluster stakeholders trained in cooperation and joint action"),
                    _("Firm owners and workers have time to attend."),
                ),
                GenericResult(
                    _("Joint actions implemented by groups of firms"),
                    _("Firms put in their share of the cost."),
                    _("A few firms capture the benefits."),
                ),
            ),
        ),
        GenericResult(
            _("Improved governance of the cluster"),
            _("Members keep taking part once the project's support ends."),
            _("The Commission depends on one leader or on the CDA."),
            (
                GenericResult(
                    _("A functioning Cluster Commission that meets regularly"),
                    _("Firms, support institutions and local government send representatives."),
                ),
                GenericResult(
                    _("A shared vision and action plan endorsed by the Commission"),
                ),
            ),
        ),
        GenericResult(
            _("Better access to markets and services"),
            _("Buyers and service providers are willing to work with small firms."),
            _("Market prices fall or input costs rise."),
            (
                GenericResult(
                    _("Firms linked to buyers, finance and business services"),
                ),
                GenericResult(
                    _("Support institutions offering services suited to the cluster"),
                    _("Institutions have staff and budget for the cluster."),
                ),
            ),
        ),
    ),
)
