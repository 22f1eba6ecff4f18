from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = _("Vision, action plans and implementation")

    def ready(self) -> None:
        from clusters.panels import register_cluster_panel

        from .views import activity_panel

        register_cluster_panel(activity_panel, order=50)
