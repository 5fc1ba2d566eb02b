"""Changing QIPP figures: an SRO's monthly return, the PMO's assurance, and a month's
actuals for many schemes on one screen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from improvement.forms import add_validation_error
from improvement.permissions import schemes_editable_by
from improvement.table_paging import first_page_unless

from . import services
from .access import (
    chosen_organisation,
    get_programme_in_scope,
    get_scheme_to_assure,
    get_scheme_to_edit,
)
from .forms import (
    BULK_PAGE_SIZE,
    AssuranceForm,
    BulkActualFormSet,
    BulkMonthForm,
    SchemeUpdateForm,
    bulk_rows,
    forbidden_schemes,
)
from .models import QippScheme, SchemeMonth


def scheme_update(request, pk: int):
    scheme = get_scheme_to_edit(request.user, pk)
    if request.method == "POST":
        form = SchemeUpdateForm(request.POST, scheme=scheme)
        if form.is_valid():
            data = form.cleaned_data
            try:
                outcome = services.update_scheme(scheme=scheme, by=request.user, **data)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                done = "updated" if outcome.changed else "unchanged"
                messages.success(request, f"Scheme {scheme.number} {done}.")
                return redirect("finance-scheme", pk=scheme.pk)
    else:
        form = SchemeUpdateForm(
            scheme=scheme, initial={"forecast": scheme.forecast, "commentary": scheme.commentary}
        )
    return _scheme_form_page(request, "finance/scheme_update.html", scheme, form)


def scheme_assure(request, pk: int):
    scheme = get_scheme_to_assure(request.user, pk)
    if request.method == "POST":
        form = AssuranceForm(request.POST)
        if form.is_valid():
            try:
                services.assure_scheme(scheme=scheme, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, f"Assurance of scheme {scheme.number} recorded.")
                return redirect("finance-scheme", pk=scheme.pk)
    else:
        form = AssuranceForm(
            initial={
                "assured_value": scheme.assured_value,
                "milestones": scheme.milestones_rag,
                "benefits": scheme.benefits_rag,
                "risk": scheme.risk_rag,
            }
        )
    return _scheme_form_page(request, "finance/scheme_assure.html", scheme, form)


def _scheme_form_page(request, template: str, scheme, form):
    """One scheme's form, answered 400 while it has errors."""
    status = 400 if form.is_bound and form.errors else 200
    context = {"programme": scheme.programme, "scheme": scheme, "form": form, "nav_finance": True}
    return render(request, template, context, status=status)


def bulk_entry(request, programme_id: int):
    """One month's actuals for the schemes the user may update, a page of schemes at a
    time (a programme can hold thousands), each page saved all or nothing."""
    programme, editable_schemes, choices, selected = _bulk_scope(request, programme_id)
    shown = editable_schemes.filter(organisation=selected) if selected else editable_schemes
    page = first_page_unless(Paginator(shown, BULK_PAGE_SIZE), request.GET.get("page"))
    data = request.POST if request.method == "POST" else request.GET
    month_form = BulkMonthForm(
        data if "month" in data else None,
        programme=programme,
        initial={"month": programme.reporting_month},
    )
    month = month_form.cleaned_data["month"] if month_form.is_valid() else None
    month = month or programme.reporting_month
    if request.method == "POST":
        # The schemes sent, not the page's schemes now: a scheme added since the page was
        # drawn moves the others between pages, and what the user typed stays theirs; any
        # scheme of the programme they may update, whichever CCG the page shows.
        editable = {
            scheme.pk: scheme
            for scheme in editable_schemes.filter(pk__in=_posted_scheme_ids(request.POST))
        }
        formset = BulkActualFormSet(request.POST, editable=editable)
        if not formset.is_valid() and forbidden_schemes(formset):
            raise PermissionDenied(
                "Some of these schemes are not yours to update, so nothing has been saved."
            )
        if month_form.is_valid() and formset.is_valid():
            rows = [
                (form.cleaned_data["scheme"], form.cleaned_data["actual"])
                for form in formset
                if form.cleaned_data.get("actual") is not None
            ]
            try:
                count = services.record_actuals(
                    programme=programme, month=month, actuals=rows, by=request.user
                )
            except ValidationError as error:
                month_form.add_error(None, error.messages)
            else:
                label = programme.financial_year.month_label(month)
                messages.success(request, f"Actuals for {label} saved for {count} schemes.")
                query = _page_query(month, selected)
                return redirect(f"{request.path}?{query}page={page.number}")
    else:
        editable = {scheme.pk: scheme for scheme in page}
        actuals = dict(
            SchemeMonth.objects.filter(scheme_id__in=editable, month=month).values_list(
                "scheme_id", "actual"
            )
        )
        formset = BulkActualFormSet(
            initial=[{"scheme": pk, "actual": actuals.get(pk)} for pk in editable],
            editable=editable,
        )
    rows = bulk_rows(formset, editable)
    has_errors = bool(
        month_form.errors or formset.non_form_errors() or any(row.has_errors for row in rows)
    )
    context = {
        "programme": programme,
        "month_form": month_form,
        "page_query": _page_query(month, selected),
        "organisations": choices,
        "selected": selected,
        "all_label": f"All of yours ({len(choices)})",
        "month_label": programme.financial_year.month_label(month),
        "formset": formset,
        "rows": rows,
        "schemes": page,
        "has_errors": has_errors,
        "nav_finance": True,
        "page": "bulk",
    }
    return render(request, "finance/bulk_entry.html", context, status=400 if has_errors else 200)


def _bulk_scope(request, programme_id: int):
    """The programme; the schemes the user may update there, in the entry's order; the
    organisations where they have such schemes; and the one ?organisation= chooses to show
    (a finance lead enters one CCG's ledger at a time; all of them by default)."""
    programme, organisations = get_programme_in_scope(request.user, programme_id)
    schemes = (
        QippScheme.objects.filter(
            schemes_editable_by(request.user),
            programme=programme,
            organisation__in=organisations,
        )
        .select_related("organisation")
        .order_by("organisation__short_name", "number", "line", "pk")
    )
    with_schemes = set(schemes.order_by().values_list("organisation_id", flat=True).distinct())
    if not with_schemes:
        raise PermissionDenied("None of this programme's schemes are yours to update.")
    choices = [organisation for organisation in organisations if organisation.pk in with_schemes]
    return programme, schemes, choices, chosen_organisation(request, choices)


def _page_query(month: int, organisation) -> str:
    """What the bulk entry's page links and its return after saving keep: the month and
    the organisation chosen."""
    chosen = f"organisation={organisation.pk}&" if organisation else ""
    return f"month={month}&{chosen}"


def _posted_scheme_ids(data) -> set[int]:
    """The scheme ids of a posted bulk entry; what is not a number is the form's to refuse."""
    ids = set()
    for key, value in data.items():
        if key.startswith("form-") and key.endswith("-scheme"):
            try:
                ids.add(int(value))
            except ValueError:
                continue
    return ids
