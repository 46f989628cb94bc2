from django.core.management.base import BaseCommand

from contacts.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymises interest registrations older than HORIZONT_RETENTION_MONTHS "
        "and deletes those left unconfirmed. Run daily from cron."
    )

    def handle(self, *args, **options):
        anonymised, deleted = apply_retention()
        self.stdout.write(
            f"{anonymised} registration(s) anonymised, "
            f"{deleted} unconfirmed registration(s) deleted."
        )
