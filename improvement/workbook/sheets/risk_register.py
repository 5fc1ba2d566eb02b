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


def score(pair) -> int | None:
    return pair[0] * pair[1] if pair else None


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
            current, status = risk.pair("current"), risk.status
            if frozen is not None:
                snapshot = frozen.get(risk.pk)
                if snapshot is None:
                    continue  # not on the register when the cycle closed
                current, status = (snapshot.likelihood, snapshot.impact), snapshot.status
            initial, target = risk.pair("initial"), risk.pair("target")
            band = scoring.band_for(score(current)) if current else None
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
                risk.owner.label,
                RiskStatus(status).label,
                written(initial),
                score(initial),
                written(current),
                score(current),
                band.key if band else "",
                written(target),
                score(target),
                risk.review_date,
                ", ".join(number for _, number in numbers),
            )
