"""Fetching finance objects for the current user: scoped to their organisations, 404
otherwise (ids of other organisations' schemes reveal nothing), 403 for a write they may
not make inside their own."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from improvement.models import Organisation
from improvement.permissions import can_edit_scheme, is_pmo, require

from .models import QippProgramme, QippScheme, QippTarget


def get_programme_in_scope(user, programme_id: int) -> tuple[QippProgramme, list[Organisation]]:
    """The programme and those of its organisations this user reads (in the programme's
    column order, by target), in one query; 404 when there are none: a programme is read
    by the members of its organisations, and its id reveals nothing to anyone else.
    """
    targets = list(
        QippTarget.objects.filter(
            programme_id=programme_id, organisation__in=Organisation.objects.for_user(user)
        )
        .select_related("programme", "organisation")
        .order_by("id")
    )
    if not targets:
        raise Http404("No QIPP programme matches the given query.")
    return targets[0].programme, [target.organisation for target in targets]


def chosen_organisation(request, organisations: list[Organisation]) -> Organisation | None:
    """The one of `organisations` that ?organisation= names; None for all of them (and for
    an id that is not one of them)."""
    chosen = request.GET.get("organisation", "")
    return next((o for o in organisations if str(o.pk) == chosen), None)


def get_scheme_for_user(user, pk: int) -> QippScheme:
    schemes = QippScheme.objects.for_user(user).select_related(
        "programme", "organisation", "programme_area", "workstream", "sro"
    )
    return get_object_or_404(schemes, pk=pk)


def get_scheme_to_edit(user, pk: int) -> QippScheme:
    """The scheme, if the user may update its figures: its SRO (a programme lead) or the
    PMO of its organisation."""
    scheme = get_scheme_for_user(user, pk)
    require(
        can_edit_scheme(user, scheme),
        "Only the scheme's SRO or the PMO can update its figures.",
    )
    return scheme


def get_scheme_to_assure(user, pk: int) -> QippScheme:
    scheme = get_scheme_for_user(user, pk)
    require(
        is_pmo(user, scheme.organisation_id),
        "Only the PMO sets assured values and PMO ratings.",
    )
    return scheme
