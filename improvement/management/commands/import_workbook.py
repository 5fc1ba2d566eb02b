import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from improvement.models import ImprovementPlan
from improvement.workbook.importer import ImportRefused, commit_import, preview_import
from improvement.workbook.report import CREATE, UPDATE
from improvement.workbook.safety import WorkbookRefused

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import a plan workbook laid out like the Performance Pack's IP Performance sheet "
        "(and its Risk Register). Previews by default; --commit imports, all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("path")
        parser.add_argument("--by", required=True, help="username the import is recorded as")
        parser.add_argument("--commit", action="store_true", help="import (default: preview)")
        parser.add_argument(
            "--create-officers",
            action="store_true",
            help="create officers the directory does not have, instead of reporting them",
        )

    def handle(self, *args, plan_id, path, by, commit, create_officers, **options):
        plan = ImprovementPlan.objects.select_related("organisation").filter(pk=plan_id).first()
        if plan is None:
            raise CommandError(f"No plan with id {plan_id}.")
        user = get_user_model().objects.filter(username=by).first()
        if user is None:
            raise CommandError(f"No user {by}.")
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No file {path}.")
        run = commit_import if commit else preview_import
        try:
            report = run(
                plan=plan,
                data=source.read_bytes(),
                filename=source.name,
                by=user,
                create_officers=create_officers,
                progress=self._progress,
            )
        except WorkbookRefused as refused:
            raise CommandError(refused.message) from refused
        except ImportRefused as refused:
            self._summary(refused.report)
            raise CommandError("Nothing was imported.") from refused
        finally:
            self.stderr.write("")
        self._summary(report)
        verb = "Imported" if commit else "Preview only (use --commit to import)"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {report.filename}."))

    def _progress(self, done: int, total: int | None) -> None:
        if total:
            filled = min(BAR_WIDTH, BAR_WIDTH * done // total)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stderr.write(f"\rReading [{bar}] {done:,}/{total:,} rows", ending="")
        else:
            self.stderr.write(f"\rReading {done:,} rows", ending="")
        sys.stderr.flush()

    def _summary(self, report) -> None:
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(str(problem)))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"check: {warning}"))
        for row in report.changed_rows:
            what = "create" if row.outcome == CREATE else "update: " + ", ".join(row.changes)
            self.stdout.write(f"{row.sheet} row {row.row} {row.key}: {what}")
        for item in report.created:
            self.stdout.write(f"create {item}")
        for note in report.notes:
            self.stdout.write(note)
        for sheet in {row.sheet for row in report.rows}:
            self.stdout.write(
                f"{sheet}: {report.count(sheet, CREATE)} to create, "
                f"{report.count(sheet, UPDATE)} to update"
            )
        self.stdout.write(f"Progress updates to add: {report.progress_added}")
