from django import forms
from django.core.exceptions import ValidationError

from . import text as limits
from .date_input import NhsDateField
from .models import ConcernType, Meeting
from .text import PlainTextFormField


def add_validation_error(form, error: ValidationError) -> None:
    """Show a model's or a service's ValidationError on the form: each message beside its
    field where the form has that field, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field_name, errors in error.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def name_the_empty_choice(field: forms.ChoiceField, label: str) -> None:
    """A model field's choices come with Django's "---------" as the empty one; a drop-down
    says what to choose instead."""
    field.choices = [("", label), *((value, text) for value, text in field.choices if value)]


class CycleOpenForm(forms.Form):
    as_at = NhsDateField(
        label="Report as at",
        help_text="The date the report will describe the plan at.",
        error_messages={"required": "Enter the report's as-at date."},
    )
    update_deadline = NhsDateField(
        label="Updates due by",
        help_text="Leads are reminded until they have updated their actions.",
        error_messages={"required": "Enter when updates are due."},
    )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.get_body_display()}, {meeting.date:%d %B %Y}"


def _meetings(organisation_id: int):
    return Meeting.objects.filter(organisation_id=organisation_id).order_by("-date")


class RaiseConcernForm(forms.Form):
    action = forms.IntegerField(widget=forms.HiddenInput)
    concern_type = forms.ChoiceField(choices=ConcernType.choices, widget=forms.HiddenInput)
    raised_at = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        label="First raised at",
        empty_label="Choose the meeting",
        error_messages={"required": "Choose the meeting it was raised at."},
    )
    action_required = PlainTextFormField(
        max_length=limits.LONG,
        label="Remedial action required",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what remedial action is required."},
    )

    DEFAULT_ACTION_REQUIRED = (
        "Decision on whether the action is being effectively managed or whether further "
        "actions are needed for completion"
    )

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = _meetings(organisation_id)
        self.fields["raised_at"].queryset = meetings
        if not self.is_bound:
            # Proposals are raised at the meeting that is reviewing them: the latest one.
            if "raised_at" not in self.initial:
                self.initial["raised_at"] = meetings.values_list("pk", flat=True).first()
            self.initial.setdefault("action_required", self.DEFAULT_ACTION_REQUIRED)


class DismissForm(forms.Form):
    action = forms.IntegerField(widget=forms.HiddenInput)
    concern_type = forms.ChoiceField(choices=ConcernType.choices, widget=forms.HiddenInput)
    reason = PlainTextFormField(
        max_length=limits.SHORT,
        label="Why is this not a concern?",
        error_messages={"required": "Give the reason this is not a concern."},
    )


class SeenForm(forms.Form):
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        label="Seen at",
        empty_label="Choose the meeting",
        error_messages={"required": "Choose the meeting that saw it."},
    )
    note = PlainTextFormField(max_length=limits.SHORT, label="Note (optional)", required=False)

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings(organisation_id)


class ActionTakenForm(forms.Form):
    text = PlainTextFormField(
        max_length=limits.LONG,
        label="Remedial action taken",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the action taken."},
    )


class CloseItemForm(forms.Form):
    reason = PlainTextFormField(
        max_length=limits.SHORT,
        label="Why is it closed?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why it is being closed."},
    )


class ReopenItemForm(forms.Form):
    reason = PlainTextFormField(
        max_length=limits.SHORT,
        label="Why is it being reopened?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why it is being reopened."},
    )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "date", "title"]
        field_classes = {"date": NhsDateField}
        error_messages = {"date": {"required": "Enter the meeting's date."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_empty_choice(self.fields["body"], "Choose the body")
