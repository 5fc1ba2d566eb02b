"""The login page (a password form, a "Sign in with NHSmail" button, or both, as the
installation is set up) and the two legs of the single sign-on."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


def _sign_in_context(request) -> dict:
    return {
        "single_sign_on": settings.SINGLE_SIGN_ON,
        "provider_name": settings.SIGN_IN_PROVIDER_NAME,
        "sign_in_failed": request.GET.get("sign_in") == "failed",
        "local_passwords": settings.LOCAL_PASSWORDS,
    }


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_sign_in_context(self.request)}


password_login = LoginView.as_view()


@login_not_required
def login(request):
    """With local passwords switched off there is no form to show or to post to."""
    if settings.LOCAL_PASSWORDS:
        return password_login(request)
    if request.method not in ("GET", "HEAD"):
        return render(request, "registration/login.html", _sign_in_context(request), status=405)
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    context = {**_sign_in_context(request), "next": request.GET.get("next", "")}
    return render(request, "registration/login.html", context)


@login_not_required
def admin_login(request):
    if settings.LOCAL_PASSWORDS:
        return admin.site.login(request)
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return redirect(f"{reverse('login')}?{query}")


def _only_with_single_sign_on(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not settings.SINGLE_SIGN_ON:
            raise Http404("Single sign-on is not set up here.")
        return view(request, *args, **kwargs)

    return login_not_required(require_safe(guarded))


sign_in_start = _only_with_single_sign_on(OIDCAuthenticationRequestView.as_view())
sign_in_callback = _only_with_single_sign_on(OIDCAuthenticationCallbackView.as_view())
