import clusters.models.projects
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("clusters", "0004_approve_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="time_zone",
            field=models.CharField(
                choices=clusters.models.projects.time_zone_choices,
                default=clusters.models.projects.default_time_zone,
                help_text="The project's pages show times in this zone, with its name.",
                max_length=64,
                verbose_name="time zone",
            ),
        ),
    ]
