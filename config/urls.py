from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from actionplans.api import FieldActivityViewSet
from clusters.api import PhaseChangeViewSet, ProjectViewSet
from clusters.mapping.api import ClusterImportViewSet, ClusterViewSet
from clusters.selection.api import (
    CriterionScoreViewSet,
    CriterionViewSet,
    SelectionDecisionViewSet,
    SelectionRankingViewSet,
)
from governance.accounts.api import auth_token_view
from governance.appointments.api import CDAAppointmentViewSet, HandOverViewSet
from governance.bodies.api import BodyMemberViewSet, BodyViewSet, DecisionViewSet, MeetingViewSet
from monitoring.evaluations.api import ROUTES as EVALUATION_ROUTES
from monitoring.indicators.api import ROUTES as INDICATOR_ROUTES
from monitoring.reports.api import ReportJobViewSet
from monitoring.results.api import ROUTES as RESULT_ROUTES
from monitoring.values.api import ROUTES as VALUE_ROUTES

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="api-project")
router.register("clusters", ClusterViewSet, basename="api-cluster")
router.register(
    r"projects/(?P<project_pk>[0-9]+)/cluster-import",
    ClusterImportViewSet,
    basename="api-cluster-import",
)
router.register("field-activities", FieldActivityViewSet, basename="api-field-activity")
router.register("report-jobs", ReportJobViewSet, basename="api-report-job")
router.register("selection-criteria", CriterionViewSet, basename="api-selection-criterion")
router.register("selection-scores", CriterionScoreViewSet, basename="api-selection-score")
router.register("selection-rankings", SelectionRankingViewSet, basename="api-selection-ranking")
router.register("selection-decisions", SelectionDecisionViewSet, basename="api-selection-decision")
router.register("phase-changes", PhaseChangeViewSet, basename="api-phase-change")
router.register("cda-appointments", CDAAppointmentViewSet, basename="api-cda-appointment")
router.register("governance-bodies", BodyViewSet, basename="api-body")
router.register("body-members", BodyMemberViewSet, basename="api-body-member")
router.register("meetings", MeetingViewSet, basename="api-meeting")
router.register("meeting-decisions", DecisionViewSet, basename="api-meeting-decision")
router.register("hand-overs", HandOverViewSet, basename="api-hand-over")
for prefix, viewset, basename in (
    *RESULT_ROUTES,
    *INDICATOR_ROUTES,
    *VALUE_ROUTES,
    *EVALUATION_ROUTES,
):
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(router.urls)),
    # POST: a token for a username and password (axes lockout, throttled);
    # DELETE: the caller revokes their own token. Tokens expire when idle.
    path("api/auth/token/", auth_token_view, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's init script as a file (?script), not inline,
    # so the docs work under the Content-Security-Policy (script-src 'self').
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    # Django's language switcher (what include("django.conf.urls.i18n") adds), open to
    # anonymous users too: the login page has the switcher.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include("governance.urls")),
    path("", include("clusters.urls")),
    path("", include("actionplans.urls")),
    path("", include("monitoring.urls")),
]

# Unknown URLs under /api/ answer JSON (the schema's 404), not the HTML page.
handler404 = "config.errors.page_not_found"
