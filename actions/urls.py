from django.urls import path

from . import update_views, views

urlpatterns = [
    path("my-actions/", views.my_actions, name="my-actions"),
    path("plans/<int:plan_id>/actions/", views.action_list, name="action-list"),
    path("plans/<int:plan_id>/timeline/", views.timeline, name="timeline"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/update/", update_views.action_update, name="action-update"),
    path("actions/<int:pk>/evidence/", update_views.evidence_add, name="evidence-add"),
    path("actions/<int:pk>/turn-back/", update_views.action_turn_back, name="action-turn-back"),
    path(
        "actions/<int:pk>/embedding-review/",
        update_views.embedding_review,
        name="embedding-review",
    ),
    path(
        "actions/<int:pk>/confirm-held/",
        update_views.action_confirm_held,
        name="action-confirm-held",
    ),
    path("evidence/<int:pk>/download/", update_views.evidence_download, name="evidence-download"),
    path("evidence/<int:pk>/accept/", update_views.evidence_accept, name="evidence-accept"),
    path("evidence/<int:pk>/reject/", update_views.evidence_reject, name="evidence-reject"),
]
