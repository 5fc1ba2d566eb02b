"""Writing the risks of a Risk Register sheet: matched on reference within the
organisation. A changed current score goes through risks.services.review_risk, the only
way the current score moves, so its history stays complete."""

from django.core.exceptions import ValidationError

from risks.models import Category, Register, Risk
from risks.services import review_risk

from .columns import RISK_SHEET
from .parse_ip import ParsedSheet
from .parse_risks import ParsedRisk
from .report import CREATE, UNCHANGED, UPDATE, RowChange

CURRENT = ("current_likelihood", "current_impact")
ERROR_COLUMNS = {
    "initial_impact": "initial",
    "initial_likelihood": "initial",
    "current_impact": "current",
    "current_likelihood": "current",
    "target_impact": "target",
    "target_likelihood": "target",
}


_FIELD_NAMES = {field.name for field in Risk._meta.get_fields()}


class RiskImport:
    def __init__(self, plan, *, report, by, filename: str, actions):
        self.plan, self.report, self.by = plan, report, by
        self.reason = f"Imported from {filename}"
        self.actions = actions  # the ActionImport that ran first: its actions and directory
        self.existing = {
            risk.reference: risk
            for risk in Risk.objects.filter(organisation_id=plan.organisation_id)
            .select_related("owner")
            .prefetch_related("mitigating_actions")
        }

    def run(self, sheet: ParsedSheet) -> None:
        for parsed in sheet.readable():
            self._row(parsed)

    def problem(self, parsed: ParsedRisk, key: str, message: str) -> None:
        self.report.problem(RISK_SHEET, parsed.row, parsed.columns.get(key, ""), message)

    def _row(self, parsed: ParsedRisk) -> None:
        problems = len(self.report.problems)
        existing = self.existing.get(parsed.reference)
        risk = existing or Risk(
            organisation=self.plan.organisation,
            reference=parsed.reference,
            plan=self.plan,
            category=Category.OTHER,
            register=Register.OPERATIONAL,
        )
        tracked = [name for name in parsed.fields if name not in CURRENT]
        before = {name: getattr(risk, name) for name in [*tracked, *CURRENT]}
        for name, value in parsed.fields.items():
            setattr(risk, name, value)
        if not risk.description and risk.title:
            risk.description = risk.title
        if not risk.title:
            risk.title = risk.description[:200]
        self._owner(risk, parsed)
        mitigating = self._mitigating(parsed)
        try:
            risk.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                key = ERROR_COLUMNS.get(name, name)
                for message in messages:
                    if key not in parsed.columns and name in _FIELD_NAMES:
                        message = f"{Risk._meta.get_field(name).verbose_name}: {message}"
                    self.problem(parsed, key, message)
        if len(self.report.problems) > problems:
            return
        new_score = (risk.current_likelihood, risk.current_impact)
        old_score = (before["current_likelihood"], before["current_impact"])
        changes = [
            str(Risk._meta.get_field(name).verbose_name)
            for name in tracked
            if existing and before[name] != getattr(risk, name)
        ]
        if existing and risk.owner_id != existing.owner_id:
            changes.append("senior risk owner")
        if existing is None or changes:
            if existing is not None:
                risk.current_likelihood, risk.current_impact = old_score
            risk._history_user = self.by
            risk.save()
        if existing is not None and new_score != old_score:
            review_risk(
                risk=risk,
                likelihood=new_score[0],
                impact=new_score[1],
                commentary=self.reason,
                by=self.by,
            )
            changes.append("current score")
        if mitigating is not None and self._link(risk, existing, mitigating) and existing:
            changes.append("mitigating actions")
        outcome = CREATE if existing is None else UPDATE if changes else UNCHANGED
        self.report.rows.append(
            RowChange(RISK_SHEET, parsed.row, parsed.reference, outcome, changes)
        )

    def _link(self, risk: Risk, existing: Risk | None, mitigating: list) -> bool:
        """Link the risk to these actions of this plan; links to other plans' actions stay."""
        linked = existing.mitigating_actions.all() if existing else []
        current = {action.pk for action in linked if action.plan_id == self.plan.pk}
        wanted = {action.pk for action in mitigating}
        if wanted == current:
            return False
        risk.mitigating_actions.remove(*(current - wanted))
        risk.mitigating_actions.add(*(wanted - current))
        return True

    def _owner(self, risk: Risk, parsed: ParsedRisk) -> None:
        if "owner" not in parsed.columns:
            return
        if parsed.owner is None:
            self.problem(parsed, "owner", "Name the senior risk owner, such as AO (CG).")
            return
        found, unknown = self.actions.directory.resolve([parsed.owner])
        if unknown:
            self.problem(
                parsed,
                "owner",
                f'"{parsed.owner.label}" is not in the directory of responsible officers.',
            )
        elif found:
            risk.owner = found[0]

    def _mitigating(self, parsed: ParsedRisk):
        if parsed.mitigating_actions is None:
            return None
        actions = []
        for number in parsed.mitigating_actions:
            action = self.actions.actions.get(number)
            if action is None or action.pk is None:
                self.problem(parsed, "mitigating_actions", f"The plan has no action {number}.")
            else:
                actions.append(action)
        return actions
