import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property

from improvement.models import Officer

from .models import Action, ProgressUpdate, Rag

NOT_RATED_CHOICE = "none"


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="search",
        help_text="Action number or words in the action or its updates",
    )
    area = django_filters.ModelChoiceFilter(
        queryset=None, empty_label="All areas", label="Improvement area"
    )
    rag = django_filters.MultipleChoiceFilter(
        label="RAG",
        choices=[*Rag.choices, (NOT_RATED_CHOICE, "Not rated")],
        method="filter_rag",
        widget=forms.CheckboxSelectMultiple,
    )
    sro = django_filters.ModelChoiceFilter(
        field_name="sros", queryset=None, empty_label="Any SRO", label="SRO"
    )
    lead = django_filters.ModelChoiceFilter(
        field_name="operational_leads",
        queryset=None,
        empty_label="Any operational lead",
        label="Operational lead",
    )
    overdue = django_filters.BooleanFilter(
        label="Overdue only", method="filter_overdue", widget=forms.CheckboxInput
    )
    awaiting_assurance = django_filters.BooleanFilter(
        label="Blue awaiting assurance only",
        method="filter_awaiting_assurance",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Action
        fields = ["q", "area", "rag", "sro", "lead", "overdue", "awaiting_assurance"]

    def __init__(self, data=None, *args, plan, today, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.today = today
        officers = Officer.objects.filter(organisation_id=plan.organisation_id).exclude(initials="")
        self.filters["area"].queryset = plan.areas.all()
        # The plan's own word for its groups ("Theme", "Section").
        self.filters["area"].label = plan.area_term
        self.filters["area"].extra["empty_label"] = f"All {plan.area_term.lower()}s"
        self.filters["sro"].queryset = officers
        self.filters["lead"].queryset = officers

    @cached_property
    def _officer_options(self) -> list[tuple[int, str]]:
        """The organisation's officers, read once for both the SRO and the lead select."""
        field = self.form.fields["sro"]
        return [(officer.pk, field.label_from_instance(officer)) for officer in field.queryset]

    @property
    def sro_choices(self):
        return [("", self.form.fields["sro"].empty_label), *self._officer_options]

    @property
    def lead_choices(self):
        return [("", self.form.fields["lead"].empty_label), *self._officer_options]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        in_updates = ProgressUpdate.objects.filter(action=OuterRef("pk"), text__icontains=value)
        return queryset.filter(Q(number=value) | Q(text__icontains=value) | Exists(in_updates))

    def filter_rag(self, queryset, name, values):
        if not values:
            return queryset
        rags = [value for value in values if value != NOT_RATED_CHOICE]
        if NOT_RATED_CHOICE in values:
            rags.append("")
        return queryset.filter(rag__in=rags)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(self.today) if value else queryset

    def filter_awaiting_assurance(self, queryset, name, value):
        return queryset.awaiting_assurance() if value else queryset
