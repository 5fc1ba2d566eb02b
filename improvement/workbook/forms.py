from django import forms

from .safety import MAX_FILE_BYTES


class UploadForm(forms.Form):
    workbook = forms.FileField(
        label="Workbook",
        help_text=(
            "An Excel workbook (.xlsx) up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB, laid out as the Performance Pack's "
            "\u201cIP Performance\u201d sheet, as a requirements table (Ref, Action, "
            "Requirement, Due Date, GB Owner, RAG, Status) or as a workplan (Theme, "
            "Workstream, Owner, Action, Deadline), recognised from its header row; or a "
            "CSV file of the same columns. A \u201cRisk Register\u201d sheet is imported too."
        ),
        error_messages={
            "required": "Choose the workbook to import.",
            "empty": "The file is empty.",
        },
    )
    create_officers = forms.BooleanField(
        label="Create officers that are not in the directory",
        help_text='For example "AD C&C (EH)". Leave unticked to have them listed as problems.',
        required=False,
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The workbook is {upload.size / 1024 / 1024:.1f} MB; it must be "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB or smaller."
            )
        return upload


class CommitForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
