"""Filters and sorting for the API's lists. A query parameter the list does not know, or
a sort key it does not offer, is a 400 naming it: a typo must not silently return
everything (django-filter and DRF both ignore unknown parameters by default)."""

import django_filters
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from actions.models import Action, ActionSnapshot, EvidenceStatus, Rag
from finance.models import QippScheme
from risks.models import Risk, RiskSnapshot

from ..models import ImprovementArea, ImprovementPlan, Recommendation, ReportingCycle

ALWAYS_ALLOWED = {"page", "page_size", "ordering", "format"}


class StrictFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        unknown = sorted(set(request.query_params) - known - ALWAYS_ALLOWED)
        if unknown:
            offered = ", ".join(sorted(known | {"page", "page_size", "ordering"}))
            raise ValidationError(
                {name: [f"Not a filter of this list; it offers: {offered}."] for name in unknown}
            )
        return super().filter_queryset(request, queryset, view)


class StrictOrderingFilter(OrderingFilter):
    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            asked = [term.strip() for term in params.split(",") if term.strip()]
            offered = {
                name for name, _ in self.get_valid_fields(queryset, view, {"request": request})
            }
            wrong = [term for term in asked if term.lstrip("-") not in offered]
            if wrong:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Cannot sort by {', '.join(wrong)}; "
                            f"sort by one of: {', '.join(sorted(offered))}."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)


class ScopedFilterSet(django_filters.FilterSet):
    """Related objects filtered by id as a plain number: a choice filter would check the id
    against every organisation's objects, telling apart another's id from no such id."""

    class Meta:
        filter_overrides = {models.ForeignKey: {"filter_class": django_filters.NumberFilter}}


class PlanFilter(ScopedFilterSet):
    class Meta(ScopedFilterSet.Meta):
        model = ImprovementPlan
        fields = ["organisation"]


class AreaFilter(ScopedFilterSet):
    class Meta(ScopedFilterSet.Meta):
        model = ImprovementArea
        fields = ["plan"]


class RecommendationFilter(ScopedFilterSet):
    plan = django_filters.NumberFilter(field_name="area__plan")

    class Meta(ScopedFilterSet.Meta):
        model = Recommendation
        fields = ["area", "plan"]


class ActionFilter(ScopedFilterSet):
    rag = django_filters.ChoiceFilter(choices=Rag.choices)
    evidence_status = django_filters.ChoiceFilter(choices=EvidenceStatus.choices)
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lt")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    modified_since = django_filters.IsoDateTimeFilter(field_name="modified_at", lookup_expr="gte")

    class Meta(ScopedFilterSet.Meta):
        model = Action
        fields = [
            "plan",
            "area",
            "recommendation",
            "rag",
            "evidence_status",
            "is_closed",
            "in_scope",
        ]


class RiskFilter(ScopedFilterSet):
    class Meta(ScopedFilterSet.Meta):
        model = Risk
        fields = ["organisation", "plan", "status", "register", "category"]


class SchemeFilter(ScopedFilterSet):
    class Meta(ScopedFilterSet.Meta):
        model = QippScheme
        fields = ["programme", "organisation", "workstream", "programme_area"]


class CycleFilter(ScopedFilterSet):
    class Meta(ScopedFilterSet.Meta):
        model = ReportingCycle
        fields = ["plan", "status"]


class SnapshotFilter(ScopedFilterSet):
    plan = django_filters.NumberFilter(field_name="cycle__plan")

    class Meta(ScopedFilterSet.Meta):
        model = ActionSnapshot
        fields = ["cycle", "plan", "action", "rag"]


class RiskSnapshotFilter(ScopedFilterSet):
    plan = django_filters.NumberFilter(field_name="cycle__plan")

    class Meta(ScopedFilterSet.Meta):
        model = RiskSnapshot
        fields = ["cycle", "plan", "risk"]
