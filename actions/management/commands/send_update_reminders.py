from django.core.management.base import BaseCommand

from actions.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each programme lead the actions still awaiting their update in the open "
        "reporting cycle. Safe to run from cron (e.g. daily until the update deadline)."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
