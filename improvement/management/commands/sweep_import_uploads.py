from datetime import timedelta

from django.core.management.base import BaseCommand

from improvement.workbook.uploads import sweep


class Command(BaseCommand):
    help = "Delete uploaded workbooks left waiting for a commit longer than --hours (cron)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args, hours, **options):
        removed = sweep(older_than=timedelta(hours=hours))
        self.stdout.write(f"Deleted {removed} abandoned workbook upload(s) older than {hours} h.")
