from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import CountryRole, RoleAssignment, User
from .roles import country_services, services


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_superuser")


class GrantedThroughServiceAdmin(admin.ModelAdmin):
    """A new role on record is saved by its grant service (its rules and the access
    policy), never by the admin form: the admin only collects the fields."""

    def save_through_grant(self, request, obj, grant: Callable[..., Any], **scope: Any) -> None:
        try:
            granted = grant(
                actor=request.user,
                user=obj.user,
                starts_on=obj.starts_on,
                ends_on=obj.ends_on,
                **scope,
            )
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            raise
        obj.pk = granted.pk


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(GrantedThroughServiceAdmin):
    """Roles are granted and ended through the service, so permissions follow at once."""

    list_display = ("user", "role", "project", "cluster", "starts_on", "ends_on")
    list_filter = ("role", "project")
    search_fields = ("user__username", "project__name", "cluster__name")
    autocomplete_fields = ("user",)
    fields = ("user", "role", "project", "cluster", "starts_on", "ends_on")
    actions = ["end_now"]

    def get_readonly_fields(self, request, obj=None):
        # Handing a role to someone else, or changing what it is on, is ending it and
        # granting a new one (through role_grant and its rules, e.g. CDAs only on
        # selected clusters): only the dates of an existing assignment change here.
        return ("user", "role", "project", "cluster") if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            with transaction.atomic():
                obj.save()
                services.role_permissions_sync(user=obj.user)
            return
        self.save_through_grant(
            request,
            obj,
            services.role_grant,
            role=obj.role,
            project=obj.project,
            cluster=obj.cluster,
        )

    def delete_model(self, request, obj):
        user = obj.user
        obj.delete()
        services.role_permissions_sync(user=user)

    def delete_queryset(self, request, queryset):
        users = {a.user for a in queryset}
        queryset.delete()
        for user in users:
            services.role_permissions_sync(user=user)

    @admin.action(description="End the selected roles today (removes access at once)")
    def end_now(self, request, queryset):
        for assignment in queryset:
            try:
                services.role_end(actor=request.user, assignment=assignment)
            except ValidationError as exc:  # e.g. the project's last active coordinator
                self.message_user(
                    request, f"{assignment}: {'; '.join(exc.messages)}", messages.ERROR
                )


@admin.register(CountryRole)
class CountryRoleAdmin(GrantedThroughServiceAdmin):
    """Programme Officers are granted and ended through the service (administrators
    only). A role on record is not edited: it is ended, and a new one granted."""

    list_display = ("user", "role", "country", "starts_on", "ends_on")
    list_filter = ("role", "country")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)
    fields = ("user", "role", "country", "starts_on", "ends_on")
    actions = ["end_now"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            return  # every field is read-only on a role on record
        self.save_through_grant(
            request, obj, country_services.country_role_grant, country=obj.country, role=obj.role
        )

    @admin.action(description="End the selected country roles today (removes access at once)")
    def end_now(self, request, queryset):
        for country_role in queryset:
            country_services.country_role_end(actor=request.user, role=country_role)
