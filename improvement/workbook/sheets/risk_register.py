"""Risk Register: each risk's scores at year start, now and as targeted, written both as
numbers and as the registers write them ("4x5"), with the current score's band coloured.
For a closed reporting cycle the current score is the one frozen when it closed."""

from risks import scoring
from risks.models import Risk, RiskSnapshot, RiskStatus

from ..columns import RISK_FIELDS, RISK_SHEET
from ..writer import Header, Title
from . import PlanSheet


def written(pair) -> str:
    return scoring.written(*pair) if pair else ""


def _as_written(risk, which: str) -> str:
    """ "4x5" on the matrix; "20 (pre-mitigation)" where the register scores a risk only
    before and after mitigation, so the L x I column never reads as a matrix score."""
    written_score = risk.written_score(which)
    if written_score and risk.scored_before_and_after_mitigation:
        return f"{written_score} ({risk.score_label(which).lower()})"
    return written_score


class RiskRegisterSheet(PlanSheet):
    title = RISK_SHEET
    columns = tuple(field.column for field in RISK_FIELDS)

    def rows(self):
        yield Title(f"{self.plan.organisation}: risk register")
        yield Header()
        risks = (
            Risk.objects.filter(organisation_id=self.plan.organisation_id)
            .select_related("owner")
            .prefetch_related("mitigating_actions")
            .order_by("reference")
        )
        frozen = None
        if self.cycle:
            frozen = {s.risk_id: s for s in RiskSnapshot.objects.filter(cycle=self.cycle)}
        for risk in risks:
            # (as written, score) for each score set; a risk scored before and after
            # mitigation writes its single numbers, as the register gives them.
            initial, current, target = (
                (_as_written(risk, which), risk.score_of(which))
                for which in ("initial", "current", "target")
            )
            status = risk.status
            if frozen is not None:
                snapshot = frozen.get(risk.pk)
                if snapshot is None:
                    continue  # not on the register when the cycle closed
                pair = snapshot.pair
                current = (written(pair) if pair else str(snapshot.score or ""), snapshot.score)
                status = snapshot.status
            band = scoring.band_for(current[1]) if current[1] else None
            numbers = sorted(
                (action.sort_key, action.number) for action in risk.mitigating_actions.all()
            )
            yield (
                risk.reference,
                risk.title,
                risk.description,
                risk.get_category_display(),
                risk.get_ciaf_domain_display(),
                risk.get_register_display(),
                risk.impact,
                risk.mitigations,
                risk.owner.label if risk.owner else "",
                RiskStatus(status).label,
                *initial,
                *current,
                band.key if band else "",
                *target,
                risk.review_date,
                ", ".join(number for _, number in numbers),
            )
