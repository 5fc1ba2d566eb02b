"""Free text on the way in: one normalisation and one set of limits for every field.

Limits are sized to what the Governing Body pack and the workbook can show; a progress
update of a megabyte made the pack take 53 s. Normalisation removes the invisible
characters that can disguise text in a board paper (a right-to-left override prints a
URL backwards) and unifies line endings, so pages, PDF and workbook show what was typed.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

OUR_APPS = ("improvement", "actions", "risks", "finance")

PROGRESS = 4000  # a progress update: the pack prints it whole
LONG = 2000  # an action's text, measures, evidence detail, meeting notes, risk text
SHORT = 1000  # reasons and descriptions: why a deadline moved, what the evidence is

# Bidirectional embeddings, overrides and isolates, directional marks, and zero-width
# characters (including the byte-order mark used as a zero-width no-break space).
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\x85")


def normalise(text: str) -> str:
    if not text:
        return text
    return _LINE_BREAKS.sub("\n", _INVISIBLE.sub("", text))


@deconstructible
class TextLimitValidator:
    """The same words on the site, in the admin and in an import."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, value) -> None:
        if value is not None and len(value) > self.limit:
            raise ValidationError(
                f"This is {len(value):,} characters long; it can be at most {self.limit:,} "
                "(what the Governing Body pack and the workbook show). Shorten it, or attach "
                "the full text as evidence.",
                code="max_length",
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, TextLimitValidator) and other.limit == self.limit


class PlainTextFormField(forms.CharField):
    """A text area's form field: normalised, and limited with our message (Django's own
    length message is replaced, so a user sees one sentence, not two)."""

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, MaxLengthValidator)
        ] + [TextLimitValidator(max_length)]

    def to_python(self, value):
        return normalise(super().to_python(value))

    def widget_attrs(self, widget):
        # No maxlength attribute: a browser would cut a pasted text silently; the NHS.UK
        # character count shows what is over instead.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class PlainTextField(models.TextField):
    """A TextField whose limit holds in the model (Django's TextField only passes
    max_length to the form) and whose text is normalised on the way in."""

    def __init__(self, *args, max_length: int = LONG, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property  # as Field.validators is: read for every value a model validates
    def validators(self):
        return [*super().validators, TextLimitValidator(self.max_length)]

    def to_python(self, value):
        return normalise(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": PlainTextFormField, "max_length": self.max_length, **kwargs}
        )


def normalise_instance_text(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: every text and character field of our apps' models is normalised, whatever
    path wrote it (a form, the admin, an import, a service)."""
    if raw:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, normalise(value))
