from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Projects and clusters")

    def ready(self) -> None:
        from .mapping_views import mapping_panel
        from .panels import register_cluster_panel
        from .selection_views import phase_panel

        register_cluster_panel(phase_panel, order=10)
        register_cluster_panel(mapping_panel, order=20)
