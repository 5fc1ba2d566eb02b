from django.urls import path

from . import views

urlpatterns = [
    path("plans/<int:plan_id>/workbook.xlsx", views.workbook_download, name="workbook-download"),
    path("plans/<int:plan_id>/workbook/import/", views.workbook_import, name="workbook-import"),
    path(
        "plans/<int:plan_id>/workbook/import/preview/",
        views.workbook_import_preview,
        name="workbook-import-preview",
    ),
]
