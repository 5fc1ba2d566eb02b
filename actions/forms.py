from django import forms
from django.conf import settings

from improvement import text as limits
from improvement.date_input import NhsDateField
from improvement.models import Officer
from improvement.text import PlainTextFormField

from .models import Action, EmbeddingOutcome, Rag
from .uploads import validate_evidence_file


class ActionForm(forms.ModelForm):
    """Checks what the model cannot see: SROs and leads come from the plan's own directory."""

    class Meta:
        model = Action
        fields = [
            "area",
            "recommendation",
            "number",
            "text",
            "sros",
            "operational_leads",
            "by_when",
            "start_date",
            "due_date",
            "outcome_measure",
            "measure_of_success",
            "rag",
            "evidence_status",
            "evidence_required",
            "evidence_detail",
            "actions_to_complete",
            "in_scope",
            "is_closed",
        ]

    def clean(self):
        cleaned = super().clean()
        area = cleaned.get("area")
        if area is None:
            return cleaned
        organisation_id = area.plan.organisation_id
        for field in ("sros", "operational_leads"):
            outsiders = [
                officer
                for officer in cleaned.get(field) or Officer.objects.none()
                if officer.organisation_id != organisation_id
            ]
            if outsiders:
                names = ", ".join(officer.label for officer in outsiders)
                self.add_error(
                    field,
                    f"{names} is not in {area.plan.organisation}'s directory of responsible "
                    "officers. Add them to the directory first.",
                )
        return cleaned


class ActionAdminForm(ActionForm):
    """The PMO's form in "Data entry": a deadline moved here needs its reason, like a
    lead's update, and becomes a deadline revision."""

    deadline_reason = PlainTextFormField(
        max_length=limits.SHORT,
        label="Why the deadline is moving",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when you change the due date of an existing action. The original "
        "deadline is kept and shown beside the new one.",
    )

    def clean(self):
        cleaned = super().clean()
        stored_due = self.initial.get("due_date")
        moving = self.instance.pk is not None and stored_due is not None
        if moving and "due_date" in self.changed_data:
            if cleaned.get("due_date") is None and "due_date" not in self.errors:
                self.add_error("due_date", "A deadline cannot be removed once set; revise it.")
            elif not (cleaned.get("deadline_reason") or "").strip():
                self.add_error("deadline_reason", "Give the reason the deadline is moving.")
        return cleaned


class ActionUpdateForm(forms.Form):
    """A lead's update: progress is required; the deadline moves only with a reason."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    progress = PlainTextFormField(
        max_length=limits.PROGRESS,
        label="Progress update",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What has happened since the last update. Earlier updates are kept.",
        error_messages={"required": "Enter a progress update."},
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a RAG rating.",
            "invalid_choice": "Choose Red, Amber, Green or Blue.",
        },
    )
    new_due_date = NhsDateField(
        label="New deadline (optional)",
        required=False,
        help_text="Only if the deadline is moving. The original is kept and shown beside it.",
        invalid_message="Enter the new deadline as a real date.",
    )
    revision_reason = PlainTextFormField(
        max_length=limits.SHORT,
        label="Why the deadline is moving",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def clean(self):
        cleaned = super().clean()
        new_due = cleaned.get("new_due_date")
        reason = (cleaned.get("revision_reason") or "").strip()
        if new_due and new_due == self.action.due_date:
            self.add_error("new_due_date", "That is already the deadline; leave this blank.")
        elif new_due and not reason:
            self.add_error("revision_reason", "Give the reason the deadline is moving.")
        elif reason and not new_due:
            self.add_error("new_due_date", "Enter the new deadline, or remove the reason.")
        if new_due and self.action.start_date and new_due < self.action.start_date:
            self.add_error(
                "new_due_date",
                f"The deadline cannot be before the action starts "
                f"({self.action.start_date:%d/%m/%Y}).",
            )
        return cleaned


class EvidenceForm(forms.Form):
    description = PlainTextFormField(
        max_length=limits.SHORT,
        label="Describe the evidence",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text='What it is and, if there is no file, where it is kept (e.g. "GB minutes '
        'of 28 March 2018, in the evidence folder").',
        error_messages={"required": "Describe the evidence."},
    )
    file = forms.FileField(
        label="File (optional)",
        required=False,
        validators=[validate_evidence_file],
        help_text=f"PDF, Word, Excel, PowerPoint, Outlook message, image, CSV or text; "
        f"up to {settings.EVIDENCE_MAX_UPLOAD_MB} MB.",
    )


class EvidenceRejectForm(forms.Form):
    reason = PlainTextFormField(
        max_length=limits.SHORT,
        label="Why is it rejected?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give the reason the evidence is rejected."},
    )


class TurnBackForm(forms.Form):
    reason = PlainTextFormField(
        max_length=limits.SHORT,
        label="Why is it going back to Green?",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text='For example "no evidence has been forthcoming; chasing evidence".',
        error_messages={"required": "Give the reason the action goes back to Green."},
    )


class EmbeddingReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Has the change embedded?",
        choices=EmbeddingOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the change has embedded."},
    )
    note = PlainTextFormField(
        max_length=limits.LONG,
        label="What the review found",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when it has not embedded: what has not, and what happens next.",
    )
