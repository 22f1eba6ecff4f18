from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = _("Vision, action plans and implementation")

    def ready(self) -> None:
        from clusters.panels import CLUSTER_CARD, register_cluster_panel, register_links

        from .links import cluster_links
        from .views import activity_panel

        register_cluster_panel(activity_panel, order=50)
        register_links(CLUSTER_CARD, cluster_links)
