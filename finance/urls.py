from django.urls import path

from . import entry_views, views

urlpatterns = [
    path("finance/", views.programme_list, name="finance-programmes"),
    path("finance/<int:programme_id>/", views.dashboard, name="finance-dashboard"),
    path("finance/<int:programme_id>/workstreams/", views.workstreams, name="finance-workstreams"),
    path("finance/<int:programme_id>/schemes/", views.scheme_list, name="finance-schemes"),
    path("finance/<int:programme_id>/actuals/", entry_views.bulk_entry, name="finance-bulk"),
    path("finance/<int:programme_id>/recovery/", views.recovery_plan, name="finance-recovery"),
    path("finance/schemes/<int:pk>/", views.scheme_detail, name="finance-scheme"),
    path(
        "finance/schemes/<int:pk>/update/", entry_views.scheme_update, name="finance-scheme-update"
    ),
    path(
        "finance/schemes/<int:pk>/assure/", entry_views.scheme_assure, name="finance-scheme-assure"
    ),
]
