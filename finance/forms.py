from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

from improvement import text as limits
from improvement.text import PlainTextFormField

from . import money, periods
from .models import QippScheme
from .rating import DimensionRag


class AmountField(forms.Field):
    """A saving in £000s as people type it ("1,250", "£250", "-40" for a cost). Refuses
    brackets, words, more than two decimal places and more than £100m."""

    widget = forms.TextInput
    max_length = 20

    def to_python(self, value):
        value = (value or "").strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if not isinstance(value, str):
            return money.to_money(value)
        if len(value) > self.max_length:
            raise ValidationError("That is not an amount in £000s.", code="invalid")
        try:
            return money.parse_amount(value)
        except money.AmountError as error:
            raise ValidationError(str(error), code="invalid") from error

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}


class MonthField(forms.TypedChoiceField):
    def __init__(self, programme, *, up_to: int | None = None, **kwargs):
        year = programme.financial_year
        last = up_to or 12
        choices = [(m, year.month_label(m)) for m in periods.MONTHS if m <= last]
        super().__init__(
            choices=choices,
            coerce=int,
            error_messages={
                "invalid_choice": "Choose a month of the financial year up to the reporting "
                f"month, {programme.reporting_label}."
            },
            **kwargs,
        )


class SchemeUpdateForm(forms.Form):
    """The SRO's monthly return: an actual for a reported month, the forecast (with why it
    moved) and commentary."""

    month = forms.TypedChoiceField()  # replaced in __init__
    actual = AmountField(
        label="Actual saving in the month (£000)",
        required=False,
        help_text="A saving as a positive number: 250 for £250k. A cost as a negative: -40.",
    )
    forecast = AmountField(
        label="Forecast outturn for the year (£000)",
        help_text="The saving you now expect this year.",
    )
    reason = PlainTextFormField(
        max_length=limits.SHORT,
        label="Why the forecast moved",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed whenever the forecast changes: it is reported to the board.",
    )
    commentary = PlainTextFormField(
        max_length=limits.LONG,
        label="Commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, scheme: QippScheme, **kwargs):
        super().__init__(*args, **kwargs)
        programme = scheme.programme
        self.scheme = scheme
        self.fields["month"] = MonthField(
            programme,
            up_to=programme.reporting_month,
            label="Month of the actual",
            initial=programme.reporting_month,
        )

    def clean(self):
        data = super().clean()
        forecast = data.get("forecast")
        moved = forecast is not None and forecast != self.scheme.forecast
        if moved and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why the forecast moved.")
        return data


def _rag_choice(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=DimensionRag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": f"Rate {label.lower()}.", "invalid_choice": "Choose a rating."},
    )


class AssuranceForm(forms.Form):
    """The PMO's monthly assurance of one scheme."""

    assured_value = AmountField(
        label="PMO assured value (£000)",
        required=False,
        help_text="The saving the PMO is confident of this year. Leave blank if not assured.",
    )
    milestones = _rag_choice("Milestones")
    benefits = _rag_choice("Financial benefits")
    risk = _rag_choice("Risks/issues")


class BulkMonthForm(forms.Form):
    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"] = MonthField(programme, up_to=programme.reporting_month, label="Month")


class BulkActualForm(forms.Form):
    """One scheme's actual in the bulk entry screen; the scheme id must be one the user
    may edit, whatever the browser sends."""

    scheme = forms.IntegerField(widget=forms.HiddenInput)
    actual = AmountField(label="Actual saving (£000)", required=False)

    def __init__(self, *args, editable: dict[int, QippScheme], **kwargs):
        super().__init__(*args, **kwargs)
        self.editable = editable

    def clean_scheme(self):
        scheme_id = self.cleaned_data["scheme"]
        if scheme_id not in self.editable:
            raise ValidationError(
                "You cannot enter figures for that scheme: it is not one of yours to edit.",
                code="forbidden",
            )
        return self.editable[scheme_id]


class BaseBulkActualFormSet(forms.BaseFormSet):
    def __init__(self, *args, editable, **kwargs):
        self.editable = editable
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "editable": self.editable}

    def clean(self):
        seen = set()
        for form in self.forms:
            scheme = form.cleaned_data.get("scheme") if hasattr(form, "cleaned_data") else None
            if scheme is not None:
                if scheme.pk in seen:
                    raise ValidationError("A scheme appears twice: reload the page and try again.")
                seen.add(scheme.pk)


def forbidden_schemes(formset) -> bool:
    """Whether the browser sent a scheme the user may not edit (never offered to them)."""
    return any(
        error.code == "forbidden"
        for form in formset.forms
        for error in form.errors.as_data().get("scheme", [])
    )


BULK_PAGE_SIZE = 50  # schemes on one page of the bulk entry, and the most it saves at once

BulkActualFormSet = forms.formset_factory(
    BulkActualForm,
    formset=BaseBulkActualFormSet,
    extra=0,
    max_num=BULK_PAGE_SIZE,
    validate_max=True,
)


@dataclass(frozen=True)
class BulkRow:
    """One scheme's line of the bulk entry as the rows template draws it (Jinja2,
    templates/rows/finance/bulk_rows.html): 50 forms through Django's widget templates
    were most of the page's time."""

    scheme: QippScheme | None  # None: an id the user may not update, sent back to refuse
    scheme_name: str
    scheme_id: str
    scheme_value: object
    actual_name: str
    actual_id: str
    actual_value: object
    actual_errors: list[str]
    scheme_errors: list[str]

    @property
    def has_errors(self) -> bool:
        return bool(self.actual_errors or self.scheme_errors)

    @property
    def summary(self) -> list[tuple[str, str]]:
        """(where, what) of each error, as the page's error summary lists them."""
        return [(self.scheme_id, error) for error in self.scheme_errors] + [
            (self.actual_id, error) for error in self.actual_errors
        ]


def bulk_rows(formset, editable: dict[int, QippScheme]) -> list[BulkRow]:
    rows = []
    for form in formset:
        scheme, actual = form["scheme"], form["actual"]
        value, typed = scheme.value(), actual.value()
        try:
            chosen = editable.get(int(value))
        except (TypeError, ValueError):
            chosen = None
        rows.append(
            BulkRow(
                scheme=chosen,
                scheme_name=scheme.html_name,
                scheme_id=scheme.id_for_label,
                scheme_value="" if value is None else value,
                actual_name=actual.html_name,
                actual_id=actual.id_for_label,
                actual_value="" if typed is None else typed,
                actual_errors=list(actual.errors),
                scheme_errors=list(scheme.errors),
            )
        )
    return rows
