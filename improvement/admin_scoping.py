"""Keeps each PMO inside their own organisations in the admin.

Every admin of an organisation-owned model names the lookup path from the model to its
organisation; rows and drop-down choices outside the user's organisations are hidden,
so an id typed into a URL leads to "not found", not to another organisation's data.
"""

from django.contrib import admin

from .models import Organisation


class OrganisationScopedAdmin(admin.ModelAdmin):
    organisation_path: str = "organisation"

    def administered_organisations(self, request):
        return Organisation.objects.administered_by(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        lookup = f"{self.organisation_path}__in" if self.organisation_path else "pk__in"
        return queryset.filter(**{lookup: self.administered_organisations(request)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _scope_choices(field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _scope_choices(field, request)


class OrganisationScopedInline:
    """Mixin for inlines: scope their drop-downs the same way."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _scope_choices(field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _scope_choices(field, request)


# model -> lookup from that model to its organisation
_ORGANISATION_PATHS = {
    "organisation": "pk",
    "officer": "organisation",
    "improvementplan": "organisation",
    "improvementarea": "plan__organisation",
    "recommendation": "area__plan__organisation",
    "action": "plan__organisation",
    "risk": "organisation",
    "meeting": "organisation",
    "qippprogramme": "targets__organisation",
    "qipptarget": "organisation",
    "qippscheme": "organisation",
    "recoveryplan": "programme__targets__organisation",
}


def _scope_choices(field, request):
    if field is None or request.user.is_superuser:
        return field
    queryset = getattr(field, "queryset", None)
    path = (
        _ORGANISATION_PATHS.get(queryset.model._meta.model_name) if queryset is not None else None
    )
    if path:
        organisations = Organisation.objects.administered_by(request.user)
        field.queryset = queryset.filter(**{f"{path}__in": organisations})
    return field
