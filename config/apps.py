from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The composition root as an app: it holds what spans every phase (the demo
    loader). No models; nothing in the phase apps imports it."""

    name = "config"
    verbose_name = "ClusterDev"
