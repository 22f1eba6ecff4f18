from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring, evaluation and reports")

    def ready(self) -> None:
        from clusters.panels import PROJECT_CARD, PROJECT_PAGE, register_links

        from .links import project_links

        register_links(PROJECT_PAGE, project_links)
        register_links(PROJECT_CARD, project_links)
