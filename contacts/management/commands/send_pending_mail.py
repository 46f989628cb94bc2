from django.core.management.base import BaseCommand

from contacts.outbox import send_pending_mail


class Command(BaseCommand):
    help = (
        "Sends the mails waiting in the outbox and notes failures on the interest "
        "registrations. Safe to run from cron, and twice: sent mail is not resent."
    )

    def handle(self, *args, **options):
        changed = send_pending_mail()
        self.stdout.write(f"Outbox processed; {changed} registration(s) updated.")
