"""Read-only lists and details. Every queryset starts from the same `for_user` scoping as
the pages, so an object of another organisation is neither listed nor found (404); each
fetches its related rows in a fixed number of queries, whatever the page's length."""

from django.db.models import Count, Prefetch
from rest_framework import viewsets

from actions.models import Action, ActionSnapshot, DeadlineRevision
from finance.models import QippScheme
from risks.models import Risk, RiskReview, RiskSnapshot

from ..models import ImprovementArea, ImprovementPlan, Recommendation, ReportingCycle
from . import filtering, serializers


def readable_plans(user):
    return ImprovementPlan.objects.for_user(user)


# DRF's browsable pages and drf-spectacular's Swagger UI set inline styles; they hold no
# user-written markup, so their pages alone allow inline styles (never inline scripts).
THIRD_PARTY_PAGE_STYLES = {"style-src": ["'unsafe-inline'"]}


class AllowsItsInlineStyles:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response._csp_update = THIRD_PARTY_PAGE_STYLES  # django-csp's per-view update
        return response


class ReadOnly(AllowsItsInlineStyles, viewsets.ReadOnlyModelViewSet):
    lookup_value_converter = "int"


class PlanViewSet(ReadOnly):
    """Improvement plans of the caller's organisations."""

    serializer_class = serializers.PlanSerializer
    filterset_class = filtering.PlanFilter
    ordering_fields = ["id", "title", "as_at"]
    ordering = ["id"]

    def get_queryset(self):
        return readable_plans(self.request.user).select_related("organisation")


class AreaViewSet(ReadOnly):
    """A plan's groups of actions (improvement areas, sections or themes)."""

    serializer_class = serializers.AreaSerializer
    filterset_class = filtering.AreaFilter
    ordering_fields = ["id", "number"]
    ordering = ["plan_id", "number"]

    def get_queryset(self):
        return ImprovementArea.objects.filter(plan__in=readable_plans(self.request.user))


class RecommendationViewSet(ReadOnly):
    """What sits under each area: recommendations, workstreams or directions."""

    serializer_class = serializers.RecommendationSerializer
    filterset_class = filtering.RecommendationFilter
    ordering_fields = ["id", "position"]
    ordering = ["area_id", "position", "id"]

    def get_queryset(self):
        return Recommendation.objects.filter(
            area__plan__in=readable_plans(self.request.user)
        ).select_related("area")


class ActionViewSet(ReadOnly):
    """Actions with their owners, RAG, assurance, deadline and its revisions, and the
    latest progress update."""

    serializer_class = serializers.ActionSerializer
    filterset_class = filtering.ActionFilter
    ordering_fields = ["id", "sort_key", "due_date", "modified_at"]
    ordering = ["plan_id", "sort_key"]

    def get_queryset(self):
        revisions = DeadlineRevision.objects.select_related("revised_by").order_by("revised_at")
        return (
            Action.objects.for_user(self.request.user)
            .select_related("plan", "gb_owner")
            .prefetch_related(
                "sros", "operational_leads", Prefetch("deadline_revisions", queryset=revisions)
            )
            .with_latest_progress()
        )


class RiskViewSet(ReadOnly):
    """Risk registers' risks, with their scores and reviews."""

    serializer_class = serializers.RiskSerializer
    filterset_class = filtering.RiskFilter
    ordering_fields = ["id", "reference", "review_date"]
    ordering = ["organisation_id", "reference", "id"]

    def get_queryset(self):
        reviews = RiskReview.objects.order_by("-reviewed_on", "-created_at")
        return (
            Risk.objects.for_user(self.request.user)
            .select_related("owner")
            .prefetch_related("mitigating_actions", Prefetch("reviews", queryset=reviews))
        )


class SchemeViewSet(ReadOnly):
    """QIPP schemes with their monthly plan and actual."""

    serializer_class = serializers.SchemeSerializer
    filterset_class = filtering.SchemeFilter
    ordering_fields = ["id", "number", "forecast"]
    ordering = ["programme_id", "organisation_id", "line", "id"]

    def get_queryset(self):
        return (
            QippScheme.objects.for_user(self.request.user)
            .select_related("programme_area", "workstream", "sro")
            .prefetch_related("months")
        )


class CycleViewSet(ReadOnly):
    """Reporting cycles; a closed cycle's frozen actions and risks are at
    /action-snapshots/ and /risk-snapshots/."""

    serializer_class = serializers.CycleSerializer
    filterset_class = filtering.CycleFilter
    ordering_fields = ["id", "as_at"]
    ordering = ["plan_id", "-as_at"]

    def get_queryset(self):
        return ReportingCycle.objects.filter(plan__in=readable_plans(self.request.user)).annotate(
            snapshot_count=Count("action_snapshots", distinct=True),
            risk_snapshot_count=Count("risk_snapshots", distinct=True),
        )


class SnapshotViewSet(ReadOnly):
    """Each action as it stood when its cycle closed (what that cycle's pack reported)."""

    serializer_class = serializers.SnapshotSerializer
    filterset_class = filtering.SnapshotFilter
    ordering_fields = ["id", "number"]
    ordering = ["cycle_id", "id"]

    def get_queryset(self):
        return ActionSnapshot.objects.filter(cycle__plan__in=readable_plans(self.request.user))


class RiskSnapshotViewSet(ReadOnly):
    """Each risk's score and status when its cycle closed."""

    serializer_class = serializers.RiskSnapshotSerializer
    filterset_class = filtering.RiskSnapshotFilter
    ordering_fields = ["id"]
    ordering = ["cycle_id", "id"]

    def get_queryset(self):
        return RiskSnapshot.objects.filter(cycle__plan__in=readable_plans(self.request.user))
