from django import template

from improvement.permissions import can_enter_actuals, is_pmo, reads_any_finance

register = template.Library()


@register.filter
def is_pmo_of(user, plan) -> bool:
    """Whether `user` is the PMO of `plan`'s organisation (menus offer PMO pages only then)."""
    return bool(plan) and user.is_authenticated and is_pmo(user, plan.organisation_id)


@register.filter
def reads_finance(user) -> bool:
    """Whether the menu offers Finance: only to users whose organisations have QIPP."""
    return reads_any_finance(user)


@register.filter
def enters_actuals(user, programme) -> bool:
    """Whether "Monthly actuals" is a page this user may use in `programme`."""
    return can_enter_actuals(user, programme)
