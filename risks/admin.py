from django.contrib import admin

from improvement.admin_scoping import (
    OrganisationScopedAdmin,
    OrganisationScopedInline,
    ScopedHistoryAdmin,
)

from . import services
from .forms import RiskAdminForm
from .models import FinancialRisk, Risk, RiskReview

SCORE_FIELDS = ("current_likelihood", "current_impact")


class RiskReviewInline(admin.TabularInline):
    """Add-only: a new row here is recorded as a review, which moves the current score."""

    model = RiskReview
    fields = ["reviewed_on", "likelihood", "impact", "commentary", "reviewer_name"]
    readonly_fields = ["reviewer_name"]
    extra = 0

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MitigatingActionInline(OrganisationScopedInline, admin.TabularInline):
    model = Risk.mitigating_actions.through
    verbose_name = "mitigating plan action"
    verbose_name_plural = "mitigating plan actions"
    raw_id_fields = ["action"]
    extra = 0


@admin.register(Risk)
class RiskAdmin(ScopedHistoryAdmin):
    form = RiskAdminForm
    list_display = ["reference", "title", "register", "category", "owner", "current", "status"]
    list_filter = ["organisation", "register", "category", "status"]
    search_fields = ["reference", "title", "description"]
    list_select_related = ["owner"]
    inlines = [RiskReviewInline, MitigatingActionInline]

    @admin.display(description="Current score")
    def current(self, risk):
        return f"{risk.current_score_value} ({risk.current_written})"

    def get_readonly_fields(self, request, obj=None):
        # Once entered, the current score moves only through a review (the inline below).
        return SCORE_FIELDS if obj is not None else ()

    def save_formset(self, request, form, formset, change):
        if formset.model is not RiskReview:
            return super().save_formset(request, form, formset, change)
        for review in formset.save(commit=False):
            services.review_risk(
                risk=form.instance,
                likelihood=review.likelihood,
                impact=review.impact,
                commentary=review.commentary,
                reviewed_on=review.reviewed_on,
                by=request.user,
            )


@admin.register(FinancialRisk)
class FinancialRiskAdmin(OrganisationScopedAdmin):
    list_display = ["area", "group", "table", "total_risk", "residual", "mitigated", "in_forecast"]
    list_filter = ["group"]
    search_fields = ["area", "risk_comment", "mitigation_comment"]
    fields = [
        "organisation",
        "table",
        "group",
        "position",
        "area",
        "total_risk",
        "risk_comment",
        "mitigation_comment",
        "residual",
        "mitigated",
        "in_forecast",
    ]
