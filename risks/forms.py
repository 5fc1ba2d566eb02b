from django import forms

from improvement import text as limits
from improvement.text import PlainTextFormField

from . import scoring
from .models import Risk

SCALE_CHOICES = [(n, str(n)) for n in scoring.SCALE]


class ReviewForm(forms.Form):
    likelihood = forms.TypedChoiceField(
        label="Likelihood (1 rare – 5 almost certain)",
        choices=SCALE_CHOICES,
        coerce=int,
        error_messages={
            "invalid_choice": "Likelihood runs from 1 to 5.",
            "required": "Choose the likelihood.",
        },
    )
    impact = forms.TypedChoiceField(
        label="Impact (1 negligible – 5 catastrophic)",
        choices=SCALE_CHOICES,
        coerce=int,
        error_messages={
            "invalid_choice": "Impact runs from 1 to 5.",
            "required": "Choose the impact.",
        },
    )
    commentary = PlainTextFormField(
        max_length=limits.LONG,
        label="What the review found",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the review found."},
    )


class RiskAdminForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "organisation",
            "plan",
            "reference",
            "title",
            "description",
            "category",
            "ciaf_domain",
            "register",
            "impact",
            "mitigations",
            "owner",
            "status",
            "review_date",
            "initial_likelihood",
            "initial_impact",
            "current_likelihood",
            "current_impact",
            "target_likelihood",
            "target_impact",
        ]
