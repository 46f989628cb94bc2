"""A delegation may come from several partner cities (guests from Kumasi,
Netanya and Xi'an at one visit): the single partner city becomes a list,
each delegation keeping the one it had."""

from django.db import migrations, models


def to_list(apps, schema_editor):
    Delegation = apps.get_model("delegations", "Delegation")
    Through = Delegation.partner_cities.through
    Through.objects.bulk_create(
        Through(delegation_id=pk, partnercity_id=city)
        for pk, city in Delegation.objects.filter(
            partner_city__isnull=False
        ).values_list("pk", "partner_city")
    )


def to_single(apps, schema_editor):
    Delegation = apps.get_model("delegations", "Delegation")
    Through = Delegation.partner_cities.through
    for row in Through.objects.order_by("-pk"):
        Delegation.objects.filter(pk=row.delegation_id).update(
            partner_city_id=row.partnercity_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0008_slug_en"),
    ]

    operations = [
        migrations.AddField(
            model_name="delegation",
            name="partner_cities",
            field=models.ManyToManyField(
                blank=True,
                help_text="Gäste aus mehreren Partnerstädten: alle wählen.",
                related_name="delegations",
                to="delegations.partnercity",
                verbose_name="Partnerstädte",
            ),
        ),
        migrations.RunPython(to_list, to_single),
        migrations.RemoveField(
            model_name="delegation",
            name="partner_city",
        ),
        migrations.RemoveField(
            model_name="historicaldelegation",
            name="partner_city",
        ),
    ]
