from django.urls import path

from . import views

urlpatterns = [
    path("plans/<int:plan_id>/actions/", views.action_list, name="action-list"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
]
