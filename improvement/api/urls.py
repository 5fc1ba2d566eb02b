"""/api/v1/: the read API, its OpenAPI schema and its documentation page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView, DefaultRouter

from . import views


class ApiRoot(views.AllowsItsInlineStyles, APIRootView):
    """The list of the API's lists."""


class Router(DefaultRouter):
    include_format_suffixes = False
    APIRootView = ApiRoot


class DocsView(views.AllowsItsInlineStyles, SpectacularSwaggerSplitView):
    pass


router = Router(use_regex_path=False)
router.register("plans", views.PlanViewSet, basename="api-plan")
router.register("areas", views.AreaViewSet, basename="api-area")
router.register("recommendations", views.RecommendationViewSet, basename="api-recommendation")
router.register("actions", views.ActionViewSet, basename="api-action")
router.register("risks", views.RiskViewSet, basename="api-risk")
router.register("qipp-schemes", views.SchemeViewSet, basename="api-scheme")
router.register("cycles", views.CycleViewSet, basename="api-cycle")
router.register("action-snapshots", views.SnapshotViewSet, basename="api-snapshot")
router.register("risk-snapshots", views.RiskSnapshotViewSet, basename="api-risk-snapshot")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
