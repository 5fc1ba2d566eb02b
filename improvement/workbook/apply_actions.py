"""Writing the actions of a plan sheet into a plan.

Each row is validated with Action.clean (numbering and parents, dates), against the plan's
numbers held in memory; a row with a problem is reported and not saved. New actions, their
owners and progress are written together at the end through `actions.bulk`, with the same
history rows as a save; changed actions are saved one by one. Progress is appended, never
overwritten: an update whose text the action already has is not added again. A deadline
that moves is recorded as a DeadlineRevision, as the concern report needs.
"""

from django.core.exceptions import ValidationError

from actions import bulk, numbering, services
from actions.bulk import NewAction
from actions.models import Action, ProgressUpdate
from improvement import clock
from improvement.models import ImprovementArea, Recommendation

from . import values
from .columns import IP_SHEET
from .directory import Directory
from .parse_ip import ParsedAction, ParsedSheet
from .report import CREATE, UNCHANGED, UPDATE, ImportReport, RowChange

TRACKED = (
    "area_id",
    "recommendation_id",
    "text",
    "by_when",
    "start_date",
    "due_date",
    "outcome_measure",
    "measure_of_success",
    "rag",
    "evidence_status",
    "evidence_required",
    "evidence_detail",
    "actions_to_complete",
    "in_scope",
    "is_closed",
    "rag_as_written",
    "status",
    "gb_owner_id",
)
# Where Action.clean's errors are shown: the model field's column, or the nearest one.
ERROR_COLUMNS = {
    "number": ("number",),
    "rag": ("rag", "evidence_status"),
    "due_date": ("due_date", "by_when"),
    "start_date": ("start_date", "by_when"),
    "recommendation": ("recommendation",),
    "in_scope": ("in_scope",),
}


def _label(name: str) -> str:
    return str(Action._meta.get_field(name.removesuffix("_id")).verbose_name)


class ActionImport:
    def __init__(self, plan, *, report: ImportReport, by, filename: str, create: bool):
        self.plan, self.report, self.by = plan, report, by
        self.author_name = f"Imported from {filename}"[:150]
        self.reason = f"Imported from {filename}"
        self.today = clock.today(plan)
        self.sheet = IP_SHEET
        self.directory = Directory(plan.organisation, create=create)
        self.areas = {area.number: area for area in plan.areas.all()}
        self.recommendations = {}
        self.positions: dict[int, int] = {}
        for rec in Recommendation.objects.filter(area__plan=plan):
            self.recommendations.setdefault((rec.area_id, values.normalised(rec.text)), rec)
            self.positions[rec.area_id] = max(self.positions.get(rec.area_id, 0), rec.position)
        self.actions = {
            action.number: action
            for action in Action.objects.filter(plan=plan).prefetch_related(
                "sros", "operational_leads"
            )
        }
        self.progress = {
            (action_id, values.normalised(text))
            for action_id, text in ProgressUpdate.objects.filter(action__plan=plan).values_list(
                "action_id", "text"
            )
        }
        self.new: list[NewAction] = []  # created in bulk once every row is read
        self.new_progress: list[ProgressUpdate] = []
        self.unknown: dict[str, list[tuple[int, str]]] = {}  # officer label -> (row, column)
        self.failed: dict[str, int] = {}  # action number -> row, for rows with a problem
        self.open_cycle = plan.cycles.open().first()
        self.last_closed = plan.cycles.latest_closed()

    def run(self, sheet: ParsedSheet) -> None:
        self.sheet = sheet.name
        unreadable = {problem.row for problem in sheet.problems}
        self.failed.update({i.number: i.row for i in sheet.items if i.row in unreadable})
        rows = sorted(sheet.readable(), key=lambda item: numbering.sort_key(item.number))
        for parsed in rows:
            self._row(parsed)
        bulk.create_actions(self.new, by=self.by, reason=self.reason)
        bulk.add_progress_updates(self.new_progress, by=self.by)
        self._report_unknown_officers()

    def _report_unknown_officers(self) -> None:
        """One problem per officer not in the directory, naming every row it is on."""
        self.report.unknown_officers = list(self.unknown)
        for label, places in self.unknown.items():
            row, column = places[0]
            rows = ", ".join(str(place_row) for place_row, _ in places)
            self.report.problem(
                self.sheet,
                row,
                column,
                f'"{label}" is not in the directory of responsible officers (row'
                f"{'s' if len(places) > 1 else ''} {rows}). Add them to the directory, or "
                "choose to create the officers that are not in it.",
            )

    def problem(self, parsed: ParsedAction, keys: tuple[str, ...], message: str) -> None:
        column = next((parsed.columns[key] for key in keys if key in parsed.columns), "")
        self.report.problem(self.sheet, parsed.row, column, message)

    # --- one row ------------------------------------------------------------------------

    def _row(self, parsed: ParsedAction) -> None:
        problems = len(self.report.problems)
        self._place(parsed)
        if len(self.report.problems) > problems:
            self.failed[parsed.number] = parsed.row

    def _place(self, parsed: ParsedAction) -> None:
        parent = numbering.parent_number(parsed.number)
        if parent in self.failed:
            self.problem(
                parsed,
                ("number",),
                f"Its parent action {parent} (row {self.failed[parent]}) has a problem of "
                f"its own, listed here, so {parsed.number} cannot be placed under it until "
                "that is put right.",
            )
            return
        problems = len(self.report.problems)
        area = self._area(parsed)
        if area is None:
            return
        sros = self._officers(parsed, parsed.sros, "sro")
        leads = self._officers(parsed, parsed.leads, "lead")
        if "gb_owner" in parsed.columns:
            owner = self._officers(parsed, [parsed.gb_owner] if parsed.gb_owner else [], "gb_owner")
            parsed.fields["gb_owner"] = owner[0] if owner else None
        existing = self.actions.get(parsed.number)
        action = existing or Action(area=area, number=parsed.number, plan=self.plan)
        action._plan_numbers = self.actions  # numbers and parents checked in memory
        before = {name: getattr(action, name) for name in TRACKED} if existing else {}
        action.area = area
        if "recommendation" in parsed.columns:
            action.recommendation = self._recommendation(area, parsed)
        for name, value in parsed.fields.items():
            setattr(action, name, value)
        self._dates(action, parsed, before)
        if existing is None or any(before[n] != getattr(action, n) for n in TRACKED):
            try:
                # The area and recommendation are the import's own; the database checks
                # the constraints again when saving.
                action.full_clean(
                    exclude=["area", "recommendation", "plan", "parent"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                self._report_errors(parsed, error)
        self._check_progress(parsed)
        if len(self.report.problems) > problems:
            return
        changes = [
            _label(name) for name in TRACKED if existing and before[name] != getattr(action, name)
        ]
        changes += self._people_changes(existing, sros, leads)
        if existing is None:
            self.new.append(NewAction(action, sros or [], leads or []))
            self.actions[action.number] = action
        elif changes and not self._save(parsed, action):
            return
        if existing is not None:
            if "SROs" in changes:
                action.sros.set(sros)
            if "operational leads" in changes:
                action.operational_leads.set(leads)
        if self._add_progress(action, parsed):
            changes.append("progress update added")
        outcome = CREATE if existing is None else UPDATE if changes else UNCHANGED
        self.report.rows.append(RowChange(self.sheet, parsed.row, parsed.number, outcome, changes))

    def _dates(self, action: Action, parsed: ParsedAction, before: dict) -> None:
        """A due date given in the sheet wins; otherwise, when the label changes, the dates
        are worked out from it again (Action.clean does that for blank dates)."""
        label_changed = "by_when" in parsed.fields and parsed.fields["by_when"] != before.get(
            "by_when"
        )
        if "due_date" not in parsed.fields and label_changed:
            action.due_date = None
            if "start_date" not in parsed.fields:
                action.start_date = None

    def _save(self, parsed: ParsedAction, action: Action) -> bool:
        """A changed action, saved as Data entry saves it (`actions.services.save_action`):
        the same validation, history and deadline revisions, the file named as the reason."""
        try:
            services.save_action(action=action, by=self.by, deadline_reason=self.reason)
        except ValidationError as error:
            self._report_errors(parsed, error)
            return False
        return True

    def _check_progress(self, parsed: ParsedAction) -> None:
        """Before anything of the row is saved: the update's text within its limit."""
        if not parsed.progress:
            return
        field = ProgressUpdate._meta.get_field("text")
        try:
            field.clean(parsed.progress, None)
        except ValidationError as error:
            for message in error.messages:
                self.problem(parsed, ("progress",), message)

    def _add_progress(self, action: Action, parsed: ParsedAction) -> bool:
        if not parsed.progress:
            return False
        # A new action (no id yet) has no updates to repeat.
        key = (action.pk or id(action), values.normalised(parsed.progress))
        if key in self.progress:
            return False
        reported_on = parsed.updated or self.today
        counts = self.open_cycle and (
            self.last_closed is None or reported_on > self.last_closed.as_at
        )
        progress = {
            "action": action,
            "text": parsed.progress,
            "by": self.by,
            "reported_on": reported_on,
            "author_name": self.author_name,
            "cycle": self.open_cycle if counts else None,
        }
        if action.pk is None:
            self.new_progress.append(services.new_progress(**progress))  # saved with it
        else:
            services.record_progress(**progress)
        self.progress.add(key)
        self.report.progress_added += 1
        return True

    # --- what a row refers to -----------------------------------------------------------

    def _area(self, parsed: ParsedAction) -> ImprovementArea | None:
        number = parsed.area_number or numbering.area_number(parsed.number)
        area = self.areas.get(number)
        if area is not None:
            return area
        if not parsed.area_title:
            self.problem(
                parsed,
                ("number",),
                f"The plan has no improvement area {number}: add a section row such as "
                f'"{number} Leadership, Structure and OD" above its actions.',
            )
            return None
        area = ImprovementArea(plan=self.plan, number=number, title=parsed.area_title[:200])
        area.full_clean(validate_constraints=False)
        area.save()
        self.areas[number] = area
        self.report.created.append(f"Improvement area {area}")
        return area

    def _recommendation(self, area, parsed: ParsedAction) -> Recommendation | None:
        if not parsed.recommendation:
            return None
        key = (area.pk, values.normalised(parsed.recommendation))
        recommendation = self.recommendations.get(key)
        if recommendation is None:
            position = self.positions.get(area.pk, -1) + 1
            recommendation = Recommendation(
                area=area,
                source=parsed.source,
                reference=parsed.reference[:40],
                text=parsed.recommendation,
                position=position,
            )
            recommendation.full_clean()
            recommendation.save()
            self.positions[area.pk] = position
            self.recommendations[key] = recommendation
            self.report.created.append(f"Recommendation in area {area.number}: {recommendation}")
        return recommendation

    def _officers(self, parsed: ParsedAction, refs, key: str):
        if refs is None:
            return None
        found, unknown = self.directory.resolve(refs)
        column = parsed.columns.get(key, "")
        for ref in unknown:
            self.unknown.setdefault(ref.label, []).append((parsed.row, column))
        return found

    @staticmethod
    def _people_changes(existing, sros, leads) -> list[str]:
        if existing is None:
            return []
        changes = []
        if sros is not None and {o.pk for o in sros} != {o.pk for o in existing.sros.all()}:
            changes.append("SROs")
        if leads is not None and {o.pk for o in leads} != {
            o.pk for o in existing.operational_leads.all()
        }:
            changes.append("operational leads")
        return changes

    def _report_errors(self, parsed: ParsedAction, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            keys = ERROR_COLUMNS.get(name, (name,))
            for message in messages:
                self.problem(parsed, keys, message)
