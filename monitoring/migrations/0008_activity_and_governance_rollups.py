# Field activity and governance figures by month, read by the dashboards.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0004_approve_permission"),
        ("monitoring", "0007_report_periods_formats_schedules"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActivityRollup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField()),
                ("kind", models.CharField(max_length=20)),
                ("count", models.PositiveIntegerField(default=0)),
                ("women", models.PositiveIntegerField(default=0)),
                ("men", models.PositiveIntegerField(default=0)),
                ("last_on", models.DateField(blank=True, null=True)),
                ("refreshed_at", models.DateTimeField()),
                (
                    "cluster",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="clusters.cluster",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="clusters.project",
                    ),
                ),
            ],
            options={
                "verbose_name": "field activity roll-up",
                "verbose_name_plural": "field activity roll-ups",
                "indexes": [
                    models.Index(fields=["project", "month"], name="activity_rollup_project_month")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("cluster", "month", "kind"), name="activity_rollup_cell_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="GovernanceRollup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField()),
                ("meetings", models.PositiveIntegerField(default=0)),
                ("attendance_women", models.PositiveIntegerField(default=0)),
                ("attendance_men", models.PositiveIntegerField(default=0)),
                ("decisions", models.PositiveIntegerField(default=0)),
                ("decisions_done", models.PositiveIntegerField(default=0)),
                ("refreshed_at", models.DateTimeField()),
                (
                    "cluster",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="clusters.cluster",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="clusters.project",
                    ),
                ),
            ],
            options={
                "verbose_name": "governance roll-up",
                "verbose_name_plural": "governance roll-ups",
                "indexes": [
                    models.Index(fields=["project", "month"], name="gov_rollup_project_month")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("cluster__isnull", False)),
                        fields=("cluster", "month"),
                        name="governance_rollup_commission_unique",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("cluster__isnull", True)),
                        fields=("project", "month"),
                        name="governance_rollup_steering_unique",
                    ),
                ],
            },
        ),
    ]
