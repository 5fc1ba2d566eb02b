"""Writes to the risk register: reviews (the only way the current score moves) and the
snapshot taken when a reporting cycle closes."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from improvement import clock
from improvement.models import ReportingCycle

from . import scoring
from .models import Risk, RiskReview, RiskSnapshot, ScoreBasis


@transaction.atomic
def review_risk(
    *,
    risk: Risk,
    likelihood: int,
    impact: int,
    commentary: str,
    by,
    reviewed_on: date | None = None,
) -> RiskReview:
    """Record a review: the new current score, who gave it and why. The score it replaces
    is kept on the review, so the history of the current score is complete."""
    if likelihood not in scoring.SCALE or impact not in scoring.SCALE:
        raise ValidationError("Likelihood and impact run from 1 to 5.")
    if not commentary.strip():
        raise ValidationError({"commentary": "Say what the review found."})
    locked = Risk.objects.select_for_update().get(pk=risk.pk)
    review = RiskReview(
        risk=locked,
        reviewed_on=reviewed_on or clock.today(locked.plan),
        reviewed_by=by,
        reviewer_name=by.get_full_name() or by.get_username(),
        previous_likelihood=locked.current_likelihood,
        previous_impact=locked.current_impact,
        previous_reported_score=(
            locked.pre_mitigation_score if locked.scored_before_and_after_mitigation else None
        ),
        likelihood=likelihood,
        impact=impact,
        commentary=commentary.strip(),
        cycle=ReportingCycle.objects.open().filter(plan_id=locked.plan_id).first(),
    )
    review.full_clean()
    review.save()
    locked.current_likelihood, locked.current_impact = likelihood, impact
    # Reviewed on the matrix, a risk the register scored before and after mitigation is
    # scored by likelihood and impact from now on; its reported scores stay on record.
    locked.score_basis = ScoreBasis.MATRIX
    locked._score_change_allowed = True
    locked._history_user = by
    locked.save()
    risk.refresh_from_db()
    return review


def snapshot_risks(cycle) -> int:
    """Freeze the current scores of the cycle's organisation's risks (two queries)."""
    risks = Risk.objects.filter(organisation_id=cycle.plan.organisation_id)
    snapshots = RiskSnapshot.objects.bulk_create(
        RiskSnapshot(
            cycle=cycle,
            risk=risk,
            likelihood=risk.current_likelihood,
            impact=risk.current_impact,
            reported_score=risk.pre_mitigation_score
            if risk.scored_before_and_after_mitigation
            else None,
            status=risk.status,
        )
        for risk in risks
    )
    return len(snapshots)
