from django.contrib import admin, messages

from .admin_scoping import OrganisationScopedAdmin, OrganisationScopedInline
from .models import (
    ImprovementArea,
    ImprovementPlan,
    IssuedPack,
    Meeting,
    MeetingItem,
    MeetingItemReview,
    Membership,
    Officer,
    Organisation,
    ProjectRole,
    Recommendation,
    ReportingCycle,
    SignInMapping,
)
from .officers import open_responsibilities

admin.site.site_header = "Improvement plan tracker: data entry"
admin.site.site_title = "Improvement plan tracker"
admin.site.index_title = "Plans, actions and the officer directory"


class OfficerInline(OrganisationScopedInline, admin.TabularInline):
    model = Officer
    fields = ["position", "abbreviation", "title", "name", "initials", "user", "left_on"]
    raw_id_fields = ["user"]
    extra = 0
    # Removing someone is "left on" here, or the officer's own delete page, which refuses
    # while they hold an action role.
    can_delete = False


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["user", "role"]
    raw_id_fields = ["user"]
    extra = 0

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_path = ""
    list_display = ["name", "short_name", "is_system_body"]
    list_filter = ["is_system_body"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["members"]
    inlines = [OfficerInline]

    def get_readonly_fields(self, request, obj=None):
        # Which bodies an organisation sits on decides whose PMOs read the body's pages:
        # the installation's administrator's decision, like memberships.
        if request.user.is_superuser:
            return []
        return ["is_system_body", "members"]

    def get_inlines(self, request, obj):
        # Who may use the product is the installation's administrator's decision.
        return [OfficerInline, MembershipInline] if request.user.is_superuser else [OfficerInline]


class StillInPost(admin.SimpleListFilter):
    title = "in post"
    parameter_name = "in_post"

    def lookups(self, request, model_admin):
        return [("yes", "In post"), ("no", "Left")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(left_on__isnull=True)
        if self.value() == "no":
            return queryset.filter(left_on__isnull=False)
        return queryset


@admin.register(Officer)
class OfficerAdmin(OrganisationScopedAdmin):
    """Officers are never deleted while they hold or held an action role: set "left on"
    instead, and the page lists what they still hold for reassignment."""

    list_display = ["label", "title", "name", "organisation", "user", "left_on"]
    list_filter = ["organisation", StillInPost]
    search_fields = ["abbreviation", "title", "name", "initials"]
    raw_id_fields = ["user"]
    readonly_fields = ["still_holds"]

    @admin.display(description="Still holds")
    def still_holds(self, officer):
        if officer.pk is None:
            return "–"
        return open_responsibilities(officer).summary() or "Nothing open"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "left_on" in form.changed_data and obj.has_left:
            held = open_responsibilities(obj)
            if held:
                self.message_user(
                    request,
                    f"{obj.label} is marked as having left on {obj.left_on:%d/%m/%Y}. Reassign "
                    f"what they still hold: {held.summary()}.",
                    messages.WARNING,
                )

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for officer in objs:
            if officer.holds_action_roles():
                protected = [
                    *protected,
                    f'{officer.label}: SRO or lead on actions. Set "left on" instead of '
                    "deleting, so past actions and their history still name them.",
                ]
        return deleted, model_count, perms_needed, protected


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]


@admin.register(SignInMapping)
class SignInMappingAdmin(admin.ModelAdmin):
    """Who single sign-on lets in, and as what: the installation's administrator's (a
    superuser's) decision, like memberships."""

    list_display = ["organisation", "kind", "value", "role"]
    list_filter = ["organisation", "kind", "role"]
    search_fields = ["value", "organisation__name"]


class ProjectRoleInline(admin.TabularInline):
    model = ProjectRole
    fields = ["position", "role", "who", "task"]
    extra = 0


class ImprovementAreaInline(admin.TabularInline):
    model = ImprovementArea
    fields = ["number", "title"]
    show_change_link = True
    extra = 0


@admin.register(ImprovementPlan)
class ImprovementPlanAdmin(OrganisationScopedAdmin):
    list_display = [
        "title",
        "version",
        "organisation",
        "as_at",
        "gb_approved_on",
        "nhse_approved_on",
        "reporting_clock",
    ]
    list_filter = ["organisation"]
    search_fields = ["title", "version"]
    date_hierarchy = "as_at"
    inlines = [ProjectRoleInline, ImprovementAreaInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "organisation",
                    "title",
                    "version",
                    "as_at",
                    "gb_approved_on",
                    "nhse_approved_on",
                    "assurance_wait_days",
                    "reporting_clock",
                ]
            },
        ),
        (
            "The plan's own words and shape",
            {
                "description": "How this plan names its groups and rows, its own columns and "
                "its RAG words, as its owners wrote it. Pages, the pack and the workbook "
                "use these words.",
                "fields": [
                    "area_term",
                    "recommendation_term",
                    "action_term",
                    "reference_style",
                    "gb_owner_term",
                    "statuses",
                    "rag_words",
                ],
            },
        ),
    ]


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    fields = [("source", "reference", "position"), "text"]
    show_change_link = True
    extra = 0


@admin.register(ImprovementArea)
class ImprovementAreaAdmin(OrganisationScopedAdmin):
    organisation_path = "plan__organisation"
    list_display = ["__str__", "plan"]
    list_filter = ["plan"]
    search_fields = ["title"]
    list_select_related = ["plan"]
    inlines = [RecommendationInline]

    def get_inlines(self, request, obj):
        from actions.admin import ActionInline  # the actions app registers its own admin

        return [RecommendationInline, ActionInline]


@admin.register(Recommendation)
class RecommendationAdmin(OrganisationScopedAdmin):
    organisation_path = "area__plan__organisation"
    list_display = ["reference", "summary", "source", "area"]
    list_filter = ["source", "area__plan", "area"]
    search_fields = ["reference", "text"]
    list_select_related = ["area__plan"]

    @admin.display(description="Recommendation")
    def summary(self, recommendation):
        return recommendation.text[:100]


@admin.register(ReportingCycle)
class ReportingCycleAdmin(OrganisationScopedAdmin):
    """Cycles are opened and closed on the Reporting cycles page, where closing freezes the
    snapshot; the admin only shows them."""

    organisation_path = "plan__organisation"
    list_display = ["__str__", "plan", "update_deadline", "status", "closed_at", "closed_by"]
    list_filter = ["status", "plan"]
    list_select_related = ["plan", "closed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(OrganisationScopedAdmin):
    list_display = ["__str__", "organisation", "title"]
    list_filter = ["organisation", "body"]
    date_hierarchy = "date"


class MeetingItemReviewInline(OrganisationScopedInline, admin.TabularInline):
    model = MeetingItemReview
    fields = ["meeting", "note"]
    extra = 0


@admin.register(MeetingItem)
class MeetingItemAdmin(OrganisationScopedAdmin):
    """Meeting actions (a board's decision log) are entered here; concerns are raised from
    the Action Concern Report, where the product proposes them."""

    list_display = ["__str__", "kind", "raised_at", "responsible", "due_date", "status"]
    list_filter = ["kind", "status", "organisation"]
    search_fields = ["item", "minute_no", "action_required", "action__number"]
    list_select_related = ["raised_at", "responsible", "action"]
    raw_id_fields = ["action"]
    inlines = [MeetingItemReviewInline]
    fields = [
        "kind",
        "raised_at",
        "minute_no",
        "item",
        "responsible",
        "action_required",
        "due_date",
        "action_taken",
        "action",
        "concern_type",
        "comments",
        "status",
        "closed_reason",
    ]

    def save_model(self, request, obj, form, change):
        if obj.status == "closed" and obj.closed_by_id is None:
            obj.closed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(IssuedPack)
class IssuedPackAdmin(OrganisationScopedAdmin):
    """Issued packs are records: listed here, never edited."""

    organisation_path = "plan__organisation"
    list_display = ["__str__", "plan", "pages", "size", "issued_by", "issued_at", "sha256"]
    list_filter = ["plan"]
    list_select_related = ["plan", "cycle", "issued_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# django-tasks-db registers its queue of task results, which spans every organisation and
# is not scoped like our admin pages: the queue is read through the pack list's build
# status instead (and `manage.py db_worker` for operators).
def _unregister_task_results() -> None:
    from django_tasks_db.models import DBTaskResult

    if admin.site.is_registered(DBTaskResult):
        admin.site.unregister(DBTaskResult)


_unregister_task_results()
