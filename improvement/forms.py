from django import forms


class CycleOpenForm(forms.Form):
    as_at = forms.DateField(
        label="Report as at",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date the report will describe the plan at.",
        error_messages={
            "required": "Enter the report's as-at date.",
            "invalid": "Enter a real date.",
        },
    )
    update_deadline = forms.DateField(
        label="Updates due by",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leads are reminded until they have updated their actions.",
        error_messages={"required": "Enter when updates are due.", "invalid": "Enter a real date."},
    )
