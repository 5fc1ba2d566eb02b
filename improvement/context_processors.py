from .permissions import leads_any_organisation


def navigation(request):
    """Whether to offer "My actions": asked once per request (django-tables2 renders its
    table in a second context, which runs context processors again)."""
    if not hasattr(request, "_is_lead"):
        user = getattr(request, "user", None)
        request._is_lead = bool(user and user.is_authenticated and leads_any_organisation(user))
    return {"is_lead": request._is_lead}
