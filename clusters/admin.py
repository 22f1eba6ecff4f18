from django.contrib import admin

from .models import Cluster, Project


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "donor", "starts_on", "ends_on")
    search_fields = ("name", "donor")


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "project", "sector", "status", "phase")
    list_filter = ("project", "sector", "status", "phase")
    search_fields = ("name", "main_products", "region")
