"""What each role may do, as Django groups, kept in step with the code after every migrate.

Only the PMO uses Django's admin (to enter and correct the plan); the other roles work
through the site's own pages and hold no admin permissions.
"""

from django.contrib.auth.models import Group, Permission

from .models import Membership, Organisation, Role

PMO_GROUP = "PMO"

# (app_label, model) -> actions the PMO may take in the admin
PMO_PERMISSIONS = {
    ("improvement", "organisation"): ("view", "change"),
    ("improvement", "officer"): ("view", "add", "change", "delete"),
    ("improvement", "improvementplan"): ("view", "add", "change", "delete"),
    ("improvement", "projectrole"): ("view", "add", "change", "delete"),
    ("improvement", "improvementarea"): ("view", "add", "change", "delete"),
    ("improvement", "recommendation"): ("view", "add", "change", "delete"),
    ("actions", "action"): ("view", "add", "change", "delete"),
    ("actions", "progressupdate"): ("view", "add"),
    ("actions", "evidence"): ("view",),
    ("actions", "deadlinerevision"): ("view",),
    ("actions", "actionsnapshot"): ("view",),
    ("improvement", "reportingcycle"): ("view",),
    ("improvement", "issuedpack"): ("view",),
    ("improvement", "meeting"): ("view", "add", "change"),
    ("improvement", "meetingitem"): ("view", "add", "change"),
    ("risks", "risk"): ("view", "add", "change", "delete"),
    ("risks", "riskreview"): ("view", "add"),
    ("risks", "financialrisk"): ("view", "add", "change", "delete"),
    ("finance", "qippprogramme"): ("view", "add", "change"),
    ("finance", "qipptarget"): ("view", "add", "change", "delete"),
    ("finance", "targetmonth"): ("view", "add", "change", "delete"),
    ("finance", "programmearea"): ("view", "add", "change"),
    ("finance", "workstream"): ("view", "add", "change"),
    ("finance", "qippscheme"): ("view", "add", "change", "delete"),
    ("finance", "schememonth"): ("view", "add", "change", "delete"),
    ("finance", "forecastrevision"): ("view", "add"),
    ("finance", "recoveryplan"): ("view", "add", "change", "delete"),
    ("finance", "recoveryscheme"): ("view", "add", "change", "delete"),
    ("finance", "recoveryposition"): ("view", "add", "change", "delete"),
    ("finance", "recoveryshare"): ("view", "add", "change", "delete"),
}


def sync_role_groups(**kwargs) -> None:
    """post_migrate hook: make the PMO group hold exactly PMO_PERMISSIONS."""
    group, _ = Group.objects.get_or_create(name=PMO_GROUP)
    wanted = [
        Permission.objects.filter(
            content_type__app_label=app_label, codename=f"{verb}_{model}"
        ).first()
        for (app_label, model), verbs in PMO_PERMISSIONS.items()
        for verb in verbs
    ]
    group.permissions.set([permission for permission in wanted if permission is not None])


def grant_membership(*, user, organisation: Organisation, role: str) -> Membership:
    """Give `user` a role in `organisation`; PMO members get the admin."""
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    user.__dict__.pop("_roles_by_organisation", None)  # permissions' per-request cache
    user.__dict__.pop("_qipp_organisations", None)
    if role == Role.PMO:
        user.groups.add(Group.objects.get(name=PMO_GROUP))
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    return membership


def revoke_membership(*, user, organisation_id: int) -> None:
    """Take away the user's role in the organisation."""
    Membership.objects.filter(user=user, organisation_id=organisation_id).delete()
    user.__dict__.pop("_roles_by_organisation", None)
    user.__dict__.pop("_qipp_organisations", None)
    drop_admin_unless_pmo(user)


def drop_admin_unless_pmo(user) -> None:
    """With no PMO role left anywhere a user loses the admin (a superuser keeps it)."""
    if Membership.objects.filter(user=user, role=Role.PMO).exists():
        return
    user.groups.remove(Group.objects.get(name=PMO_GROUP))
    if user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
