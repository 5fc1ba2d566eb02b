"""A list's page and order from the address bar, the one rule for every django-tables2
list (actions, risks, QIPP schemes): ?sort= where it names sortable columns, else the
table's default order; ?page= where there is such a page, else the first; a fixed number
of rows a page whatever ?per_page= says. No request draws more than a page of rows, and
no bad page or sort key fails (issue 17).

Imports nothing of the apps, as improvement.table_downloads does not."""

import django_tables2 as tables
from django.core.paginator import Paginator
from django_tables2.utils import OrderBy


def paginate(request, table: tables.Table, per_page: int) -> None:
    requested = request.GET.getlist(table.prefixed_order_by_field)
    known = [key for key in requested if _sortable(table, key)]
    if known:
        table.order_by = known
    table.paginator = Paginator(table.rows, per_page)
    try:
        number = int(request.GET.get(table.prefixed_page_field, 1))
    except (TypeError, ValueError):
        number = 1
    in_range = 1 <= number <= table.paginator.num_pages
    table.page = table.paginator.page(number if in_range else 1)
    table.request = request


def _sortable(table: tables.Table, key: str) -> bool:
    name = OrderBy(key).bare
    return name in table.columns and table.columns[name].orderable
