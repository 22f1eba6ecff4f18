from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Projects and clusters")

    def ready(self) -> None:
        from .mapping.views import mapping_panel
        from .panels import (
            PROJECT_CARD,
            PROJECT_PAGE,
            register_cluster_panel,
            register_links,
            register_next_actions,
        )
        from .views import (
            phase_panel,
            project_card_links,
            project_page_links,
            selection_next_actions,
        )

        register_cluster_panel(phase_panel, order=10)
        register_cluster_panel(mapping_panel, order=20)
        register_links(PROJECT_PAGE, project_page_links)
        register_links(PROJECT_CARD, project_card_links)
        register_next_actions(selection_next_actions)
