"""Who may do what, decided in one place for every view, form and download.

Reading follows membership: any member of an organisation reads its plans. Writing
follows the role within that organisation: the PMO edits everything and runs the
reporting cycles; a programme lead edits only the actions on which their officer-
directory entry is SRO or operational lead; Governing Body members and NHS England
viewers only read.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q

from .models import Membership, Role


def _roles_by_organisation(user) -> dict[int, str]:
    """The user's memberships, read once per request (the user object lives that long),
    with which of their organisations take part in a QIPP programme (for the menu)."""
    cache = getattr(user, "_roles_by_organisation", None)
    if cache is None:
        target = apps.get_model("finance", "QippTarget")
        rows = (
            Membership.objects.filter(user=user)
            .annotate(has_qipp=Exists(target.objects.filter(organisation=OuterRef("organisation"))))
            .values_list("organisation_id", "role", "has_qipp")
        )
        cache = {organisation_id: role for organisation_id, role, _ in rows}
        user._qipp_organisations = {organisation_id for organisation_id, _, qipp in rows if qipp}
        user._roles_by_organisation = cache
    return cache


def role_in(user, organisation_id: int) -> str | None:
    """The user's role in the organisation, or None. Superusers act as its PMO."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.PMO
    return _roles_by_organisation(user).get(organisation_id)


def is_pmo(user, organisation_id: int) -> bool:
    return role_in(user, organisation_id) == Role.PMO


def leads_any_organisation(user) -> bool:
    return user.is_authenticated and Role.PROGRAMME_LEAD in _roles_by_organisation(user).values()


def can_edit_action(user, action) -> bool:
    role = role_in(user, action.plan.organisation_id)
    if role == Role.PMO:
        return True
    if role != Role.PROGRAMME_LEAD:
        return False
    owners = [*action.sros.all(), *action.operational_leads.all()]
    return any(officer.user_id == user.pk for officer in owners)


def can_download_evidence(user, action) -> bool:
    """Evidence can hold personal data (HR cases, consultation outcomes), so programme
    leads open the evidence files of their own actions only; the PMO, Governing Body
    members and NHS England viewers of the organisation open all of them."""
    role = role_in(user, action.plan.organisation_id)
    if role == Role.PROGRAMME_LEAD:
        return can_edit_action(user, action)
    return role is not None


def can_review_risk(user, risk) -> bool:
    """The PMO reviews every risk; a senior risk owner (PMO or programme lead) their own."""
    role = role_in(user, risk.organisation_id)
    if role == Role.PMO:
        return True
    return role == Role.PROGRAMME_LEAD and risk.owner.user_id == user.pk


def can_edit_scheme(user, scheme) -> bool:
    """The PMO of the scheme's organisation edits every QIPP scheme there; a programme lead
    there edits the schemes whose SRO officer entry is linked to their login."""
    role = role_in(user, scheme.organisation_id)
    if role == Role.PMO:
        return True
    return (
        role == Role.PROGRAMME_LEAD and scheme.sro_id is not None and scheme.sro.user_id == user.pk
    )


def schemes_editable_by(user) -> Q:
    """`can_edit_scheme` as a filter of QIPP schemes, so that the schemes a user may update
    are counted and paged in SQL (tests hold the two to the same answer for every role)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    roles = _roles_by_organisation(user)
    run = [organisation for organisation, role in roles.items() if role == Role.PMO]
    led = [organisation for organisation, role in roles.items() if role == Role.PROGRAMME_LEAD]
    return Q(organisation_id__in=run) | Q(organisation_id__in=led, sro__user=user)


def can_enter_actuals(user, programme) -> bool:
    """Whether any of the programme's schemes is the user's to update (`can_edit_scheme`),
    so that "Monthly actuals" is offered exactly to those whose entry page opens: a PMO of a
    CCG that has no schemes yet has nothing to enter there."""
    return programme.schemes.filter(schemes_editable_by(user)).exists()


def reads_any_finance(user) -> bool:
    """Whether the user's organisations take part in any QIPP programme (the menu offers
    Finance only then); read with the memberships, no query of its own."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    _roles_by_organisation(user)
    return bool(user._qipp_organisations)


def require(allowed: bool, message: str = "You do not have permission to do that.") -> None:
    if not allowed:
        raise PermissionDenied(message)
