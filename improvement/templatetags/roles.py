from django import template

from improvement.permissions import is_pmo

register = template.Library()


@register.filter
def is_pmo_of(user, plan) -> bool:
    """Whether `user` is the PMO of `plan`'s organisation (menus offer PMO pages only then)."""
    return bool(plan) and user.is_authenticated and is_pmo(user, plan.organisation_id)
