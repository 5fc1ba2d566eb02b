import django_filters

from improvement.models import Officer

from . import scoring
from .models import Category, Register, Risk, ScoreSet

BAND_CHOICES = [(band.key, f"{band.label} ({band.level.lower()})") for band in scoring.BANDS]


class RiskFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=Category.choices, empty_label="Any category")
    register = django_filters.ChoiceFilter(choices=Register.choices, empty_label="Any register")
    band = django_filters.ChoiceFilter(
        label="Current band", choices=BAND_CHOICES, method="filter_band", empty_label="Any band"
    )
    owner = django_filters.ModelChoiceFilter(
        label="Senior risk owner", queryset=Officer.objects.none(), empty_label="Anyone"
    )
    # Heat-map cells link here with the cell's likelihood and impact for one score set.
    scores = django_filters.ChoiceFilter(
        choices=ScoreSet.choices, method="filter_noop", empty_label="Current"
    )
    likelihood = django_filters.NumberFilter(method="filter_cell")
    impact = django_filters.NumberFilter(method="filter_cell")

    class Meta:
        model = Risk
        fields = ["category", "register", "band", "owner"]

    def __init__(self, data=None, *args, organisation_ids, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["owner"].queryset = Officer.objects.filter(
            organisation_id__in=organisation_ids, risks_owned__isnull=False
        ).distinct()

    def filter_band(self, queryset, name, value):
        return queryset.in_band(scoring.BANDS_BY_KEY[value]) if value else queryset

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_cell(self, queryset, name, value):
        if value is None:
            return queryset
        which = self.form.cleaned_data.get("scores") or ScoreSet.CURRENT
        return queryset.filter(**{f"{which}_{name}": int(value)})
