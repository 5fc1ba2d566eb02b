from django.urls import path

from . import views

urlpatterns = [
    path("plans/<int:plan_id>/risks/", views.risk_register, name="risk-register"),
    path("plans/<int:plan_id>/risks/heat-map/", views.risk_heatmap, name="risk-heatmap"),
    path("risks/<int:pk>/", views.risk_detail, name="risk-detail"),
    path(
        "organisations/<int:organisation_id>/risks/",
        views.organisation_risk_register,
        name="organisation-risk-register",
    ),
    path(
        "organisations/<int:organisation_id>/financial-risks/",
        views.financial_plan_risks,
        name="financial-plan-risks",
    ),
    path(
        "organisations/<int:organisation_id>/risks/heat-map/",
        views.organisation_risk_heatmap,
        name="organisation-risk-heatmap",
    ),
]
