"""Keeps each PMO inside their own organisations in the admin.

Every admin of an organisation-owned model names the lookup path from the model to its
organisation. Rows, change-list filters, drop-down choices, raw-id labels and history pages
outside the user's organisations are hidden, so an id typed into a URL leads to "not found",
never to another organisation's data.
"""

from django.contrib import admin
from django.contrib.admin.utils import display_for_field, get_fields_from_path, unquote
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import ForeignKey, Q
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, Officer, Organisation


def administered_organisations(request):
    return Organisation.objects.administered_by(request.user)


class OrganisationScopedAdmin(admin.ModelAdmin):
    organisation_path: str = "organisation"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        lookup = f"{self.organisation_path}__in" if self.organisation_path else "pk__in"
        return queryset.filter(**{lookup: administered_organisations(request)})

    def get_list_filter(self, request):
        # Django's related filters list every row of the related table (every
        # organisation's areas and plans); "related only" lists those of the rows this
        # PMO can see.
        return [_scoped_filter(self.model, item) for item in super().get_list_filter(request)]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _scope_choices(field, request, self.admin_site, db_field)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _scope_choices(field, request, self.admin_site, db_field)

    def get_form(self, request, obj=None, **kwargs):
        return _offering_officers_in_post(super().get_form(request, obj, **kwargs))


def _offering_officers_in_post(form_class):
    """Officers who have left are not offered for new responsibilities, but stay chosen
    where they already hold one, so an older entry still saves unchanged."""

    class InPostForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, field in self.fields.items():
                queryset = getattr(field, "queryset", None)
                if queryset is None or queryset.model is not Officer:
                    continue
                held = self.initial.get(name)
                held = held if isinstance(held, list | tuple) else [held]
                held = [getattr(value, "pk", value) for value in held if value is not None]
                field.queryset = queryset.filter(Q(left_on__isnull=True) | Q(pk__in=held))

    InPostForm.__name__ = form_class.__name__
    return InPostForm


class OrganisationScopedInline:
    """Mixin for inlines: scope their drop-downs the same way."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _scope_choices(field, request, self.admin_site, db_field)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _scope_choices(field, request, self.admin_site, db_field)


class ScopedHistoryAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    """django-simple-history's history pages look rows up themselves, past `get_queryset`;
    here they see only the PMO's organisations' records, and only read them. Reverting is
    off (SIMPLE_HISTORY_REVERT_DISABLED): restoring a whole row from the past would bypass
    the services that keep deadline revisions, evidence rules and cycles."""

    history_record_template = "admin/history_record.html"

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        records = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return self.scope_history(request, records)

    def scope_history(self, request, records):
        if request.user.is_superuser:
            return records
        lookup = f"{self.organisation_path}__in" if self.organisation_path else "pk__in"
        return records.filter(**{lookup: administered_organisations(request)})

    def history_view(self, request, object_id, extra_context=None):
        if (
            not self.get_object(request, object_id)
            and not self._history_records(request, object_id).exists()
        ):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        records = self._history_records(request, object_id)
        try:
            record = records.get(history_id=int(version_id))
        except (ValueError, ObjectDoesNotExist):
            raise Http404 from None
        context = {
            **self.admin_site.each_context(request),
            "title": f"{capfirst(self.model._meta.verbose_name)} as it was on "
            f"{record.history_date:%d/%m/%Y %H:%M}",
            "opts": self.model._meta,
            "record": record,
            "rows": _record_rows(self.model, record),
            "history_url": "../",
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.history_record_template, context)

    def _history_records(self, request, object_id):
        history = self.model.history
        key = self.model._meta.pk.attname  # on a history model `pk` is the record's own id
        try:
            return self.scope_history(request, history.filter(**{key: int(unquote(object_id))}))
        except ValueError:
            return history.none()


def _record_rows(model, record) -> list[tuple[str, str]]:
    """(label, value) for every field a person entered, as the record held it."""
    rows = []
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        if isinstance(field, ForeignKey):
            try:
                value = getattr(record, field.name)
            except ObjectDoesNotExist:
                value = f"(deleted, id {getattr(record, field.attname)})"
        else:
            value = getattr(record, field.attname)
        rows.append((capfirst(field.verbose_name), display_for_field(value, field, "–")))
    for field in model._meta.many_to_many:
        related = getattr(record, field.name, None)
        if related is not None and hasattr(related, "all"):
            names = [str(getattr(link, field.m2m_reverse_field_name())) for link in related.all()]
            rows.append((capfirst(field.verbose_name), "; ".join(names) or "–"))
    return rows


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """The raw-id box shows the chosen row's name beside the id; Django reads it from the
    whole table, so an id from another organisation would print that row's name. This one
    names only rows the user may choose."""

    def __init__(self, rel, admin_site, queryset, **kwargs):
        super().__init__(rel, admin_site, **kwargs)
        self.choices_queryset = queryset

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        try:
            if not self.choices_queryset.filter(**{key: value}).exists():
                return "", ""
        except (ValueError, TypeError, ValidationError):
            return "", ""
        return super().label_and_url_for_value(value)


def _scoped_filter(model, item):
    if isinstance(item, str) and get_fields_from_path(model, item)[-1].is_relation:
        return (item, admin.RelatedOnlyFieldListFilter)
    return item


# model -> lookup from that model to its organisation
_ORGANISATION_PATHS = {
    "organisation": "pk",
    "officer": "organisation",
    "improvementplan": "organisation",
    "improvementarea": "plan__organisation",
    "recommendation": "area__plan__organisation",
    "reportingcycle": "plan__organisation",
    "action": "plan__organisation",
    "risk": "organisation",
    "meeting": "organisation",
    "meetingitem": "organisation",
    "qippprogramme": "targets__organisation",
    "qipptarget": "organisation",
    "qippscheme": "organisation",
    "recoveryplan": "programme__targets__organisation",
}


def choices_for(queryset, request):
    """`queryset` narrowed to the rows of the organisations `request.user` administers."""
    if request.user.is_superuser:
        return queryset
    organisations = administered_organisations(request)
    model = queryset.model
    if model._meta.model_name == "user":
        # Logins belong to no organisation of their own: offer the members of ours.
        members = Membership.objects.filter(organisation__in=organisations).values("user")
        return queryset.filter(pk__in=members)
    if hasattr(queryset, "visible_to"):  # shared lists decide for themselves (QIPP lists)
        return queryset.visible_to(organisations)
    path = _ORGANISATION_PATHS.get(model._meta.model_name)
    if path is None:
        return queryset
    # Through a subquery, so a to-many path (a programme's targets) repeats nothing.
    owned = model._default_manager.filter(**{f"{path}__in": organisations}).values("pk")
    return queryset.filter(pk__in=owned)


def _scope_choices(field, request, admin_site, db_field):
    if field is None or getattr(field, "queryset", None) is None:
        return field
    field.queryset = choices_for(field.queryset, request)
    if isinstance(field.widget, ForeignKeyRawIdWidget):
        field.widget = ScopedRawIdWidget(
            db_field.remote_field, admin_site, field.queryset, using=field.widget.db
        )
    return field
