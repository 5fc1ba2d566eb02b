from django.contrib import admin

from improvement.admin_scoping import (
    OrganisationScopedAdmin,
    OrganisationScopedInline,
    ScopedHistoryAdmin,
)

from . import services
from .forms import ActionAdminForm
from .models import Action, ActionSnapshot, DeadlineRevision, Evidence, ProgressUpdate


class ProgressUpdateInline(admin.StackedInline):
    """Add-only: earlier updates are shown but never edited or deleted."""

    model = ProgressUpdate
    fields = ["reported_on", "text", "author_name"]
    readonly_fields = ["author_name"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).order_by(*ProgressUpdate.LATEST_FIRST)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActionInline(OrganisationScopedInline, admin.TabularInline):
    model = Action
    fields = ["number", "text", "by_when", "due_date", "rag", "evidence_status"]
    show_change_link = True
    extra = 0
    ordering = ["sort_key"]


@admin.register(Action)
class ActionAdmin(ScopedHistoryAdmin):
    organisation_path = "plan__organisation"
    form = ActionAdminForm
    list_display = [
        "number",
        "summary",
        "area_number",
        "owners",
        "due_date",
        "rag_label",
        "evidence_status",
        "in_scope",
    ]
    list_display_links = ["number", "summary"]
    list_filter = ["plan", "area", "rag", "evidence_status", "in_scope", "is_closed"]
    search_fields = ["number", "text", "progress_updates__text"]
    ordering = ["plan", "sort_key"]
    list_per_page = 50
    # A plain multiple select: the admin's two-box widget is not accessible (prohibited
    # ARIA, inline styles the CSP refuses).
    inlines = [ProgressUpdateInline]
    fieldsets = [
        (None, {"fields": ["area", "recommendation", "number", "text"]}),
        ("Who", {"fields": ["sros", "operational_leads", "gb_owner"]}),
        ("When", {"fields": ["by_when", "start_date", "due_date", "deadline_reason"]}),
        ("Measures", {"fields": ["outcome_measure", "measure_of_success"]}),
        (
            "Status",
            {
                "fields": [
                    "rag",
                    "rag_as_written",
                    "status",
                    "evidence_status",
                    "evidence_required",
                    "evidence_detail",
                    "actions_to_complete",
                    "in_scope",
                    "is_closed",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("area").prefetch_related("sros")

    @admin.display(description="Action")
    def summary(self, action):
        return action.text[:90]

    @admin.display(description="Area", ordering="area__number")
    def area_number(self, action):
        return action.area.number

    @admin.display(description="SRO")
    def owners(self, action):
        return action.sro_labels

    @admin.display(description="RAG", ordering="rag")
    def rag_label(self, action):
        return action.rag_label

    def save_model(self, request, obj, form, change):
        services.save_action(
            action=obj,
            by=request.user,
            deadline_reason=form.cleaned_data.get("deadline_reason", ""),
        )

    def save_formset(self, request, form, formset, change):
        # Progress is appended through the service, like a lead's update: never edited.
        for update in formset.save(commit=False):
            services.record_progress(
                action=form.instance,
                text=update.text,
                by=request.user,
                reported_on=update.reported_on,
            )


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(OrganisationScopedAdmin):
    organisation_path = "action__plan__organisation"
    list_display = ["action", "reported_on", "author_name", "created_at"]
    list_filter = ["action__plan", "action__area"]
    search_fields = ["action__number", "text", "author_name"]
    list_select_related = ["action"]
    raw_id_fields = ["action"]
    readonly_fields = ["author_name"]
    fields = ["action", "reported_on", "text", "author_name"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        saved = services.record_progress(
            action=obj.action, text=obj.text, by=request.user, reported_on=obj.reported_on
        )
        obj.pk = saved.pk  # the admin's message and redirect name the saved update


class ReadOnlyAdmin(OrganisationScopedAdmin):
    """Records written by the app's own services (reviews, revisions, snapshots): the
    admin shows them but never edits them, so their history stays true."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin, ScopedHistoryAdmin):
    organisation_path = "action__plan__organisation"
    list_display = [
        "action",
        "description",
        "original_name",
        "status",
        "submitted_by",
        "submitted_at",
    ]
    list_filter = ["status", "action__plan"]
    search_fields = ["action__number", "description", "original_name"]
    list_select_related = ["action", "submitted_by"]


@admin.register(DeadlineRevision)
class DeadlineRevisionAdmin(ReadOnlyAdmin):
    organisation_path = "action__plan__organisation"
    list_display = [
        "action",
        "previous_due_date",
        "new_due_date",
        "reason",
        "revised_by",
        "revised_at",
    ]
    list_filter = ["action__plan"]
    search_fields = ["action__number", "reason"]
    list_select_related = ["action", "revised_by"]


@admin.register(ActionSnapshot)
class ActionSnapshotAdmin(ReadOnlyAdmin):
    organisation_path = "action__plan__organisation"
    list_display = ["number", "cycle", "rag", "due_date", "evidence_status", "latest_progress_on"]
    list_filter = ["cycle", "rag"]
    search_fields = ["number"]
    list_select_related = ["cycle"]
