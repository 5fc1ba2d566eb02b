import django_filters
from django.db.models import Q

from .models import ConcernType, ImprovementArea, MeetingItem, Officer


class ConcernFilter(django_filters.FilterSet):
    area = django_filters.ModelChoiceFilter(
        field_name="action__area", queryset=ImprovementArea.objects.none(), empty_label="All areas"
    )
    concern_type = django_filters.ChoiceFilter(
        label="Concern", choices=ConcernType.choices, empty_label="Any concern"
    )
    lead = django_filters.ModelChoiceFilter(
        label="SRO or lead",
        queryset=Officer.objects.none(),
        method="filter_lead",
        empty_label="Anyone",
    )

    class Meta:
        model = MeetingItem
        fields = ["area", "concern_type", "lead"]

    def __init__(self, data=None, *args, plan, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["area"].queryset = plan.areas.all()
        self.filters["lead"].queryset = Officer.objects.filter(
            organisation_id=plan.organisation_id
        ).exclude(initials="")

    def filter_lead(self, queryset, name, officer):
        if officer is None:
            return queryset
        return queryset.filter(
            Q(action__sros=officer) | Q(action__operational_leads=officer)
        ).distinct()
