import os

from django.core.management.base import BaseCommand

from improvement.demo import DEMO_USERS, load_demo

DEFAULT_DEMO_PASSWORD = "southend-demo-2019"


class Command(BaseCommand):
    help = (
        "Load (or refresh) the demo plan from fixtures/demo_plan.json and one demo user per "
        "role. Running it again updates rather than duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD),
            help="Password for every demo user (default: $DEMO_PASSWORD or a fixed demo one).",
        )

    def handle(self, *args, password, **options):
        plan = load_demo(password=password)
        actions = plan.actions.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo plan loaded: {plan.organisation}, {plan} ({actions} actions)."
            )
        )
        self.stdout.write("Log in at http://127.0.0.1:8000/ as:")
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<16} {demo.role.label:<24} password: {password}")
