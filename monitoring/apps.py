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
        )

        from .iati.links import project_iati_link
        from .indicators.panels import cluster_results_panel
        from .links import me_link, project_links
        from .values.links import cluster_card_links

        register_links(PROJECT_PAGE, project_links)
        register_links(PROJECT_PAGE, me_link)
        register_links(PROJECT_PAGE, project_iati_link)
        register_links(PROJECT_CARD, project_links)
        register_links(CLUSTER_CARD, cluster_card_links)
        register_cluster_panel(cluster_results_panel, order=60)
