from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from events.demo import load_demo

DEMO_USERS = [
    # username, group, superuser
    ("redaktion", "Redaktion", False),
    ("management", "Management", False),
    ("admin", None, True),
]
DEMO_PASSWORD = "horizont-demo"  # noqa: S105 - printed, DEBUG only


class Command(BaseCommand):
    help = "Load the five seed reports and everything they mention (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Also create demo staff logins (only when DEBUG is on).",
        )

    def handle(self, *args, with_users=False, **options):
        counts = load_demo()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        if with_users:
            self.create_users()

    def create_users(self):
        if not settings.DEBUG:
            self.stderr.write("Demo logins are only created with DJANGO_DEBUG=true.")
            return
        User = get_user_model()
        for username, group_name, superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "is_superuser": superuser},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
        self.stdout.write(
            f"Demo logins for {settings.SITE_URL.rstrip('/')}/admin/ (password "
            f"'{DEMO_PASSWORD}'): redaktion (editor), management (manager), admin."
        )
