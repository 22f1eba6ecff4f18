"""Repair data left by an earlier bug: ending a CDA role on the People page left the
appointment holding it active. An appointment ends when its role does (not later)."""

from django.db import migrations


def end_appointments_of_ended_roles(apps, schema_editor):
    CDAAppointment = apps.get_model("governance", "CDAAppointment")
    appointments = CDAAppointment.objects.filter(
        role_assignment__ends_on__isnull=False
    ).select_related("role_assignment")
    for appointment in appointments:
        ends_on = max(appointment.role_assignment.ends_on, appointment.starts_on)
        if appointment.ends_on is None or appointment.ends_on > ends_on:
            appointment.ends_on = ends_on
            appointment.save(update_fields=["ends_on", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_phase2_governance")]

    operations = [
        migrations.RunPython(end_appointments_of_ended_roles, migrations.RunPython.noop),
    ]
