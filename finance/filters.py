import django_filters
from django.db.models import Q

from improvement.models import Organisation

from .models import PlanningStage, ProgrammeArea, QippScheme, Workstream
from .rating import OverallRag


class SchemeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    organisation = django_filters.ModelChoiceFilter(
        label="CCG", queryset=Organisation.objects.none(), empty_label="All CCGs"
    )
    workstream = django_filters.ModelChoiceFilter(
        queryset=Workstream.objects.filter(holds_unidentified=False), empty_label="All workstreams"
    )
    programme_area = django_filters.ModelChoiceFilter(
        label="Programme area",
        queryset=ProgrammeArea.objects.filter(holds_unidentified=False),
        empty_label="All areas",
    )
    planning_stage = django_filters.ChoiceFilter(
        label="Planning stage", choices=PlanningStage.choices, empty_label="Any stage"
    )
    overall = django_filters.ChoiceFilter(
        label="PMO rating",
        choices=OverallRag.choices,
        empty_label="Any rating",
        method="filter_overall",
    )

    class Meta:
        model = QippScheme
        fields = ["q", "organisation", "workstream", "programme_area", "planning_stage", "overall"]

    def __init__(self, data=None, *args, programme, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["organisation"].queryset = Organisation.objects.filter(
            qipp_targets__programme=programme
        )
        for name in ("workstream", "programme_area"):
            self.filters[name].queryset = self.filters[name].queryset.used_in(programme)

    def filter_search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(number__icontains=value) | Q(name__icontains=value))

    def filter_overall(self, queryset, name, value):
        return queryset.rated(value) if value else queryset
