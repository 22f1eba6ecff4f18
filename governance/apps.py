from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance and access")

    def ready(self) -> None:
        from clusters.panels import register_cluster_panel, register_next_actions

        from .bodies.next_actions import decision_next_actions
        from .bodies.views import governance_panel

        register_cluster_panel(governance_panel, order=20)
        register_next_actions(decision_next_actions)
