from django import forms

from improvement.models import Officer

from .models import Action


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
