"""Fetching objects for the current user: one place that scopes to their organisations."""

from django.shortcuts import get_object_or_404

from .models import ImprovementPlan


def get_plan_for_user(user, plan_id: int) -> ImprovementPlan:
    """The plan, if one of the user's organisations owns it; otherwise 404 (not 403), so
    ids of other organisations' plans reveal nothing."""
    plans = ImprovementPlan.objects.for_user(user).select_related("organisation")
    return get_object_or_404(plans, pk=plan_id)
