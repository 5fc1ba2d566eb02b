from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from improvement.models import ImprovementPlan
from improvement.workbook.export import build_workbook, workbook_filename


class Command(BaseCommand):
    help = (
        "Write a plan's Excel workbook (Governance, Improvement Plan Summary, IP Performance, "
        "Action Concern Report, Risk Register); with --cycle, as that closed report stated it."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--cycle", type=int, help="id of a closed reporting cycle")
        parser.add_argument("-o", "--output", help="file to write (default: a name from the plan)")

    def handle(self, *args, plan_id, cycle=None, output=None, **options):
        plan = ImprovementPlan.objects.select_related("organisation").filter(pk=plan_id).first()
        if plan is None:
            raise CommandError(f"No plan with id {plan_id}.")
        report = None
        if cycle is not None:
            report = plan.cycles.closed().filter(pk=cycle).first()
            if report is None:
                raise CommandError(f"Plan {plan_id} has no closed reporting cycle {cycle}.")

        def progress(sheet: str, rows: int) -> None:
            self.stderr.write(f"\r{sheet}: {rows:,} rows", ending="")

        data = build_workbook(plan, report, progress=progress)
        path = Path(output or workbook_filename(plan, report))
        path.write_bytes(data)
        self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({len(data):,} bytes)."))
