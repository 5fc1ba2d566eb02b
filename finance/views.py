"""Reading QIPP and the financial recovery plan: dashboards, schemes, the FRP."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from improvement import table_downloads
from improvement.models import Organisation
from improvement.permissions import can_edit_scheme, is_pmo
from improvement.table_paging import paginate

from . import charts, recovery
from .access import chosen_organisation, get_programme_in_scope, get_scheme_for_user
from .dashboards import QippDashboard
from .filters import SchemeFilter
from .lines import organisations_of
from .models import QippProgramme, QippScheme
from .tables import ROWS_PER_PAGE, SchemeTable


@require_safe
def programme_list(request):
    programmes = list(QippProgramme.objects.for_user(request.user))
    if len(programmes) == 1:
        return redirect("finance-dashboard", programme_id=programmes[0].pk)
    return render(
        request, "finance/programme_list.html", {"programmes": programmes, "nav_finance": True}
    )


def _scope(
    request, programme_id: int
) -> tuple[QippProgramme, list[Organisation], Organisation | None]:
    """The programme and its organisations this user reads, and the one ?organisation=
    narrows them to (read in one query: the programme, its organisations and the user's
    access were three)."""
    programme, organisations = get_programme_in_scope(request.user, programme_id)
    return programme, organisations, chosen_organisation(request, organisations)


def _context(programme, organisations, selected, **extra) -> dict:
    return {
        "programme": programme,
        "organisations": organisations,
        "selected": selected,
        "all_label": f"{programme.system_name} (all {len(organisations)})",
        "nav_finance": True,
        **extra,
    }


def _dashboard_context(request, programme_id: int, page: str) -> dict:
    """The QIPP dashboard for the organisations in scope, with what surrounds it on every
    dashboard page; each page adds its own chart."""
    programme, organisations, selected = _scope(request, programme_id)
    covered = organisations_of(programme, [selected] if selected else organisations)
    data = QippDashboard(programme, covered, red_limit=ROWS_PER_PAGE)
    return _context(programme, organisations, selected, dashboard=data, page=page)


@require_safe
def dashboard(request, programme_id: int):
    context = _dashboard_context(request, programme_id, "dashboard")
    by_organisation = context["dashboard"].by_organisation
    context["organisation_chart"] = charts.plan_forecast_assured_svg(by_organisation)
    return render(request, "finance/dashboard.html", context)


@require_safe
def workstreams(request, programme_id: int):
    context = _dashboard_context(request, programme_id, "workstreams")
    context["waterfall_chart"] = charts.waterfall_svg(context["dashboard"].waterfall)
    return render(request, "finance/workstreams.html", context)


@require_safe
def scheme_list(request, programme_id: int):
    programme, organisations, selected = _scope(request, programme_id)
    ids = [selected.pk] if selected else [organisation.pk for organisation in organisations]
    schemes = (
        QippScheme.objects.filter(programme=programme, organisation_id__in=ids)
        .select_related("organisation", "workstream", "sro")
        .with_figures(programme.reporting_month, movement=False)  # not a column of the list
    )
    scheme_filter = SchemeFilter(request.GET or None, queryset=schemes, programme=programme)
    table = SchemeTable(scheme_filter.qs)
    if kind := table_downloads.requested(request):
        RequestConfig(request, paginate=False).configure(table)
        header, rows = table_downloads.table_rows(table)
        return table_downloads.download(kind, f"qipp-schemes-{programme.pk}", header, rows)
    paginate(request, table, ROWS_PER_PAGE)
    context = _context(
        programme, organisations, selected, filter=scheme_filter, table=table, page="schemes"
    )
    return render(request, "finance/scheme_list.html", context)


@require_safe
def scheme_detail(request, pk: int):
    scheme = get_scheme_for_user(request.user, pk)
    programme = scheme.programme
    months = {figure.month: figure for figure in scheme.months.all()}
    year = programme.financial_year
    context = {
        "programme": programme,
        "scheme": scheme,
        "months": [
            (year.short_month_label(m), months.get(m), m <= programme.reporting_month)
            for m in range(1, 13)
        ],
        "figures": QippScheme.objects.with_figures(programme.reporting_month).get(pk=scheme.pk),
        "revisions": list(
            scheme.forecast_revisions.select_related("recorded_by").order_by("-recorded_at", "-id")
        ),
        "can_edit": can_edit_scheme(request.user, scheme),
        "can_assure": is_pmo(request.user, scheme.organisation_id),
        "nav_finance": True,
        "page": "schemes",
    }
    return render(request, "finance/scheme_detail.html", context)


@require_safe
def recovery_plan(request, programme_id: int):
    programme, organisations = get_programme_in_scope(request.user, programme_id)
    plan = recovery.latest_plan(programme)
    if plan is None:
        raise Http404("This programme has no financial recovery plan yet.")
    ids = [organisation.pk for organisation in organisations]
    context = {
        "programme": programme,
        "summary": recovery.recovery_summary(plan, ids),
        "nav_finance": True,
        "page": "recovery",
    }
    return render(request, "finance/recovery.html", context)
