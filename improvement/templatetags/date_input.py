from django import template

from improvement.date_input import date_parts as parts_of

register = template.Library()


@register.filter
def date_parts(bound_field) -> list[str]:
    return parts_of(bound_field)
