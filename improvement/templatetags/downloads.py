"""Links to download a list as it is filtered and sorted (improvement.table_downloads)."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/download_links.html", takes_context=True)
def download_links(context, what: str):
    """ "Download these <what> as CSV or Excel": the page's own query (filters, sort) with
    the download asked for, and without the page number (every page is written)."""
    query = context["request"].GET.copy()
    for name in ("page", "download"):
        query.pop(name, None)
    links = {}
    for kind in ("csv", "xlsx"):
        query["download"] = kind
        links[kind] = f"?{query.urlencode()}"
    return {"what": what, "links": links}
