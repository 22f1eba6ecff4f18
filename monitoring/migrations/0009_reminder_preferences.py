import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0008_activity_and_governance_rollups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReminderPreference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "emails_enabled",
                    models.BooleanField(
                        default=True, verbose_name="e-mail me what is due or overdue"
                    ),
                ),
                (
                    "weekly_digest_enabled",
                    models.BooleanField(default=True, verbose_name="send me the weekly digest"),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("en", "English"),
                            ("fr", "French"),
                            ("es", "Spanish"),
                            ("ar", "Arabic"),
                        ],
                        max_length=10,
                        verbose_name="language of the e-mails",
                    ),
                ),
                (
                    "last_sent_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="last reminder e-mail"
                    ),
                ),
                (
                    "digest_sent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last weekly digest"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminder_preference",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "reminder preference",
                "verbose_name_plural": "reminder preferences",
            },
        ),
    ]
