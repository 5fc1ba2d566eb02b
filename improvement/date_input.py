"""The NHS.UK date input: day, month and year in three boxes, instead of the browser's date
picker (which varies by browser, is hard to use with a screen reader, and hides the format).

A form may still post the date as one value ("2019-02-01" or "01/02/2019") under the
field's own name, as older pages and scripts do; the three boxes are read otherwise.
"""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
WHOLE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


class NhsDateWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        super().__init__(widgets={part: forms.TextInput for part in PARTS}, attrs=attrs)

    def id_for_label(self, id_):
        # The error summary links to the first box, as the NHS.UK date input asks.
        return f"{id_}_day" if id_ else id_

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        whole = data.get(name)
        if whole:
            for pattern in WHOLE_FORMATS:
                try:
                    return self.decompress(datetime.strptime(whole.strip(), pattern).date())
                except ValueError:
                    continue
            return ["", "", whole]  # reported as not a date
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class NhsDateField(forms.MultiValueField):
    widget = NhsDateWidget
    NOT_NUMBERS = "Enter the date in numbers, for example 31 3 2019."

    def __init__(self, **kwargs):
        parts = tuple(forms.CharField(required=False) for _ in PARTS)
        self.invalid_message = kwargs.pop("invalid_message", None)
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, values):
        if not values or all(value in (None, "") for value in values):
            return None
        label = str(self.label or "The date")
        missing = [part for part, value in zip(PARTS, values, strict=True) if value in (None, "")]
        if missing:
            raise ValidationError(f"{label} must include a {missing[0]}.", code="incomplete")
        try:
            day, month, year = (int(str(value).strip()) for value in values)
        except ValueError:
            raise ValidationError(self.NOT_NUMBERS, code="invalid") from None
        if year < 1000:
            raise ValidationError(f"{label}: give the year in full, for example 2019.")
        try:
            return date(year, month, day)
        except ValueError:
            raise ValidationError(
                self.invalid_message or f"{label} must be a real date.", code="invalid"
            ) from None


def date_parts(bound_field) -> list[str]:
    """(day, month, year) as the boxes show them, bound or not."""
    value = bound_field.value()
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, list | tuple):
        return ["" if part is None else str(part) for part in value]
    return ["", "", ""]
