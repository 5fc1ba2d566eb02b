"""A list's page and order from the address bar, the one rule for every django-tables2
list (actions, risks, QIPP schemes): ?sort= where it names sortable columns, else the
table's default order; ?page= where there is such a page, else the first (the same for
every other paged list, by `first_page_unless`); a fixed number of rows a page whatever
?per_page= says. No request draws more than a page of rows, and
no bad page or sort key fails (issue 17).

Imports nothing of the apps, as improvement.table_downloads does not."""

import django_tables2 as tables
from django.core.paginator import Page, Paginator
from django_tables2.utils import OrderBy


def paginate(request, table: tables.Table, per_page: int) -> None:
    requested = request.GET.getlist(table.prefixed_order_by_field)
    known = [key for key in requested if _sortable(table, key)]
    if known:
        table.order_by = known
    table.paginator = Paginator(table.rows, per_page)
    table.page = first_page_unless(table.paginator, request.GET.get(table.prefixed_page_field))
    table.request = request


def first_page_unless(paginator: Paginator, requested) -> Page:
    """The page asked for where there is such a page, else the first (Django's `get_page`
    gives the last page for a number past the end)."""
    try:
        number = int(requested or 1)
    except (TypeError, ValueError):
        number = 1
    return paginator.page(number if 1 <= number <= paginator.num_pages else 1)


def _sortable(table: tables.Table, key: str) -> bool:
    name = OrderBy(key).bare
    return name in table.columns and table.columns[name].orderable
