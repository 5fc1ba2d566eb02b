from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from improvement.models import ImprovementPlan, ReportingCycle
from improvement.pack.render import PackError
from improvement.pack.services import build_pack


class Command(BaseCommand):
    help = "Build the Governing Body pack as a PDF (a draft, or a closed cycle's report)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, required=True, help="Plan id.")
        parser.add_argument("--cycle", type=int, help="Closed reporting cycle id (default: draft).")
        parser.add_argument("--out", type=Path, required=True, help="Where to write the PDF.")

    def handle(self, *args, plan, cycle, out, **options):
        try:
            plan_obj = ImprovementPlan.objects.select_related("organisation").get(pk=plan)
            cycle_obj = ReportingCycle.objects.get(pk=cycle, plan=plan_obj) if cycle else None
        except (ImprovementPlan.DoesNotExist, ReportingCycle.DoesNotExist) as error:
            raise CommandError(f"No such plan or cycle: {error}") from None
        try:
            built = build_pack(plan_obj, cycle_obj)
        except PackError as error:
            raise CommandError(str(error)) from None
        out.write_bytes(built.pdf.data)
        kind = "draft" if built.context.is_draft else f"report as at {cycle_obj.as_at:%d/%m/%Y}"
        self.stdout.write(f"Wrote {out} ({built.pdf.pages} pages, {kind}).")
