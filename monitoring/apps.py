from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring, evaluation and reports")

    def ready(self) -> None:
        from clusters.panels import (
            CLUSTER_CARD,
            PROJECT_CARD,
            PROJECT_PAGE,
            register_cluster_panel,
            register_links,
            register_next_actions,
        )

        from .countries.links import country_links
        from .dashboards.figure_cache import connect_figure_cache
        from .dashboards.links import cluster_card_links as dashboard_card_links
        from .dashboards.links import cluster_dashboard_panel
        from .iati.links import project_iati_link
        from .indicators.panels import cluster_results_panel
        from .links import me_link, project_links
        from .reminders.next_actions import reminder_next_actions
        from .reports.links import cluster_reports_panel
        from .reports.next_actions import endorsement_next_actions
        from .rollups.activity_signals import connect_activity_rollups
        from .values.links import cluster_card_links

        connect_figure_cache()
        register_links(PROJECT_PAGE, project_links)
        register_links(PROJECT_PAGE, me_link)
        register_links(PROJECT_PAGE, project_iati_link)
        register_links(PROJECT_CARD, project_links)
        register_links(PROJECT_CARD, country_links)
        register_links(PROJECT_PAGE, country_links)
        register_links(CLUSTER_CARD, cluster_card_links)
        register_links(CLUSTER_CARD, dashboard_card_links)
        register_cluster_panel(cluster_results_panel, order=60)
        register_cluster_panel(cluster_dashboard_panel, order=55)
        register_cluster_panel(cluster_reports_panel, order=58)
        register_next_actions(reminder_next_actions)
        register_next_actions(endorsement_next_actions)
        connect_activity_rollups()
