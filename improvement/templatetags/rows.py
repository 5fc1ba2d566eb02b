from django import template

from improvement.rows import render_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def rows(context, template_name: str, **values):
    """`{% rows "improvement/concern_rows.html" items=open_items %}`: the Jinja2 rows
    template's output (improvement/rows.py), given these values and the request (for forms'
    CSRF fields)."""
    return render_rows(template_name, values, context.get("request"))
