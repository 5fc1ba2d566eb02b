from django.contrib import admin

from improvement.admin_scoping import (
    OrganisationScopedAdmin,
    OrganisationScopedInline,
    ScopedHistoryAdmin,
    choices_for,
)

from . import services
from .models import (
    ForecastRevision,
    ProgrammeArea,
    QippProgramme,
    QippScheme,
    QippTarget,
    RecoveryPlan,
    RecoveryPosition,
    RecoveryScheme,
    RecoveryShare,
    RiskAdjustedQipp,
    SchemeMonth,
    TargetMonth,
    Workstream,
)


class _Distinct:
    """Scoping through a to-many path (a programme's organisations) can repeat rows and
    drop-down choices; show each once."""

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name == "programme":
            field.queryset = field.queryset.distinct()
        return field


@admin.register(ProgrammeArea, Workstream)
class ConfigurableListAdmin(admin.ModelAdmin):
    """Programme areas and workstreams are shared between the organisations of a system;
    a PMO sees those their system's schemes use and those no scheme uses yet."""

    list_display = ["name", "position", "holds_unidentified"]
    list_editable = ["position"]

    def get_queryset(self, request):
        return choices_for(super().get_queryset(request), request)


class QippTargetInline(OrganisationScopedInline, admin.TabularInline):
    model = QippTarget
    extra = 0
    show_change_link = True


@admin.register(QippProgramme)
class QippProgrammeAdmin(_Distinct, OrganisationScopedAdmin):
    organisation_path = "targets__organisation"
    list_display = ["name", "financial_year", "system_name", "reporting_month"]
    inlines = [QippTargetInline]


class TargetMonthInline(admin.TabularInline):
    model = TargetMonth
    extra = 0
    max_num = 12


@admin.register(QippTarget)
class QippTargetAdmin(_Distinct, OrganisationScopedAdmin):
    list_display = ["organisation", "programme"]
    list_select_related = ["organisation", "programme"]
    inlines = [TargetMonthInline]


class SchemeMonthInline(admin.TabularInline):
    model = SchemeMonth
    extra = 0
    max_num = 12


class ForecastRevisionInline(admin.TabularInline):
    """Add-only: a new row is recorded as a revision, which moves the forecast."""

    model = ForecastRevision
    fields = ["month", "previous", "forecast", "reason", "recorded_by", "recorded_at"]
    readonly_fields = ["month", "previous", "recorded_by", "recorded_at"]
    extra = 0

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QippScheme)
class QippSchemeAdmin(_Distinct, ScopedHistoryAdmin):
    list_display = ["number", "name", "organisation", "workstream", "sro", "forecast"]
    list_filter = ["programme", "organisation", "workstream", "programme_area", "planning_stage"]
    search_fields = ["number", "name"]
    list_select_related = ["organisation", "workstream", "sro"]
    inlines = [SchemeMonthInline, ForecastRevisionInline]

    def get_readonly_fields(self, request, obj=None):
        # Once entered, the forecast moves only through a revision (the inline below).
        return ("forecast",) if obj is not None else ()

    def save_formset(self, request, form, formset, change):
        if formset.model is not ForecastRevision:
            return super().save_formset(request, form, formset, change)
        for revision in formset.save(commit=False):
            services.revise_forecast(
                scheme=form.instance,
                forecast=revision.forecast,
                reason=revision.reason,
                by=request.user,
            )


class RecoverySchemeInline(OrganisationScopedInline, admin.TabularInline):
    model = RecoveryScheme
    extra = 0


class RecoveryPositionInline(OrganisationScopedInline, admin.TabularInline):
    model = RecoveryPosition
    extra = 0


class RecoveryShareInline(OrganisationScopedInline, admin.TabularInline):
    model = RecoveryShare
    extra = 0


@admin.register(RecoveryPlan)
class RecoveryPlanAdmin(_Distinct, OrganisationScopedAdmin):
    organisation_path = "programme__targets__organisation"
    list_display = ["title", "programme", "as_at", "forecast_month"]
    inlines = [RecoveryPositionInline, RecoverySchemeInline, RecoveryShareInline]


@admin.register(RiskAdjustedQipp)
class RiskAdjustedQippAdmin(OrganisationScopedAdmin):
    list_display = ["table", "status", "rag", "net_value", "risk_adjusted"]
    list_filter = ["rag"]
    fields = ["organisation", "table", "position", "status", "rag", "net_value", "risk_adjusted"]
