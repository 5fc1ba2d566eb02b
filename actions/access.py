"""Fetching an action for the current user: scoped to their organisations, 404 otherwise."""

from django.shortcuts import get_object_or_404

from improvement.permissions import can_edit_action, require

from .models import Action


def get_action_for_user(user, pk: int) -> Action:
    actions = (
        Action.objects.for_user(user)
        .select_related("plan__organisation", "area", "recommendation", "parent")
        .prefetch_related("sros", "operational_leads", "deadline_revisions")
    )
    return get_object_or_404(actions, pk=pk)


def get_action_to_edit(user, pk: int) -> Action:
    """The action, if the user may edit it: 404 outside their organisations, 403 inside."""
    action = get_action_for_user(user, pk)
    require(
        can_edit_action(user, action),
        "Only the action's SRO, operational lead or the PMO can update it.",
    )
    return action
