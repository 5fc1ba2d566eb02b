"""The API tokens page: each user makes and revokes their own personal tokens."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .models import ApiToken
from .models.api_tokens import LIFETIME_CHOICES


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is it for?",
        max_length=100,
        help_text='For example "Power BI monthly return". Only you see it.',
        error_messages={"required": "Enter what the token is for."},
    )
    days = forms.TypedChoiceField(
        label="Expires after",
        choices=LIFETIME_CHOICES,
        coerce=int,
        initial=90,
        error_messages={"invalid_choice": "Choose one of the lifetimes offered."},
    )


@never_cache  # the page shows a new secret once; no cache may keep it
@require_http_methods(["GET", "HEAD", "POST"])
def api_tokens(request):
    form = TokenForm(request.POST or None)
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            token, secret = ApiToken.issue(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
            form = TokenForm()
        else:
            status = 400
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"form": form, "secret": secret, "tokens": tokens}
    return render(request, "improvement/api_tokens.html", context, status=status)


@require_POST
def api_token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, f"Token “{token.name}” revoked: it no longer opens the API.")
    return redirect("api-tokens")
