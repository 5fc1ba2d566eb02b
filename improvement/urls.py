from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import (
    attention_views,
    body_views,
    concern_views,
    front_sheet_views,
    pack_views,
    sign_in_views,
    token_views,
    views,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/<int:plan_id>/", views.plan_summary_view, name="plan-summary"),
    path("plans/<int:plan_id>/cycles/", views.cycle_list, name="cycle-list"),
    path("plans/<int:plan_id>/attention/", attention_views.attention, name="plan-attention"),
    path(
        "plans/<int:plan_id>/attention/accept/",
        attention_views.attention_accept,
        name="attention-accept",
    ),
    path(
        "plans/<int:plan_id>/attention/remind/",
        attention_views.attention_remind,
        name="attention-remind",
    ),
    path("cycles/<int:pk>/close/", views.cycle_close, name="cycle-close"),
    path("cycles/<int:pk>/front-sheet/", front_sheet_views.front_sheet, name="front-sheet"),
    path("plans/<int:plan_id>/concerns/", concern_views.concern_report, name="concern-report"),
    path("plans/<int:plan_id>/concerns/raise/", concern_views.concern_raise, name="concern-raise"),
    path(
        "plans/<int:plan_id>/concerns/dismiss/",
        concern_views.concern_dismiss,
        name="concern-dismiss",
    ),
    path("concerns/<int:pk>/", concern_views.concern_detail, name="concern-detail"),
    path("plans/<int:plan_id>/meetings/", concern_views.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", concern_views.meeting_detail, name="meeting-detail"),
    path(
        "organisations/<int:organisation_id>/meetings/",
        body_views.organisation_meetings,
        name="organisation-meetings",
    ),
    path(
        "organisations/<int:organisation_id>/board-pack/",
        body_views.body_pack,
        name="organisation-pack",
    ),
    path("plans/<int:plan_id>/packs/", pack_views.pack_list, name="pack-list"),
    path("plans/<int:plan_id>/packs/preview/", pack_views.pack_preview, name="pack-preview"),
    path("plans/<int:plan_id>/packs/draft.pdf", pack_views.pack_draft_pdf, name="pack-draft"),
    path("plans/<int:plan_id>/packs/issue/", pack_views.pack_issue, name="pack-issue"),
    path("packs/<int:pk>/download/", pack_views.pack_download, name="pack-download"),
    path("packs/builds/<int:pk>/", pack_views.pack_build_status, name="pack-build"),
    path(
        "packs/builds/<int:pk>/draft.pdf",
        pack_views.pack_build_download,
        name="pack-build-download",
    ),
    path("", include("actions.urls")),
    path("", include("risks.urls")),
    path("", include("finance.urls")),
    path("accounts/login/", sign_in_views.login, name="login"),
    path("accounts/sign-in/", sign_in_views.sign_in_start, name="sign-in-start"),
    path(
        "accounts/sign-in/callback/",
        sign_in_views.sign_in_callback,
        # the name mozilla-django-oidc reverses for its redirect URI
        name="oidc_authentication_callback",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/api-tokens/", token_views.api_tokens, name="api-tokens"),
    path(
        "accounts/api-tokens/<int:pk>/revoke/",
        token_views.api_token_revoke,
        name="api-token-revoke",
    ),
    path("api/v1/", include("improvement.api.urls")),
    path("admin/login/", sign_in_views.admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("", include("improvement.workbook.urls")),
]
