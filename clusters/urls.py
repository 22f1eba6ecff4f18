from django.urls import path

from . import views
from .mapping import views as mapping_views
from .selection import views as selection_views

urlpatterns = [
    path("", views.home, name="home"),
    path("projects/<int:pk>/", views.project_detail, name="project-detail"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster-detail"),
    # Mapping: candidate clusters, import/export, map
    path("projects/<int:pk>/candidates/", mapping_views.candidate_list, name="candidate-list"),
    path(
        "projects/<int:pk>/candidates/new/",
        mapping_views.candidate_create,
        name="candidate-create",
    ),
    path(
        "projects/<int:pk>/candidates/export.<str:fmt>",
        mapping_views.candidate_export,
        name="candidate-export",
    ),
    path(
        "projects/<int:pk>/candidates/import/",
        mapping_views.candidate_import,
        name="candidate-import",
    ),
    path(
        "projects/<int:pk>/candidates/import/confirm/",
        mapping_views.candidate_import_confirm,
        name="candidate-import-confirm",
    ),
    path(
        "projects/<int:pk>/candidates/import/template.<str:fmt>",
        mapping_views.candidate_import_template,
        name="candidate-import-template",
    ),
    path("clusters/<int:pk>/mapping/", mapping_views.candidate_edit, name="candidate-edit"),
    path("projects/<int:pk>/map/", mapping_views.cluster_map, name="cluster-map"),
    path("projects/<int:pk>/map/data/", mapping_views.cluster_map_data, name="cluster-map-data"),
    # Selection: criteria, expert scores, ranking, decisions
    path(
        "projects/<int:pk>/selection/", selection_views.selection_ranking, name="selection-ranking"
    ),
    path(
        "projects/<int:pk>/selection/weights/",
        selection_views.selection_weights_save,
        name="selection-weights",
    ),
    path(
        "projects/<int:pk>/selection/criteria/",
        selection_views.criterion_list,
        name="selection-criteria",
    ),
    path(
        "projects/<int:pk>/selection/criteria/starter/",
        selection_views.criteria_starter,
        name="selection-criteria-starter",
    ),
    path(
        "projects/<int:pk>/selection/criteria/<int:criterion_pk>/",
        selection_views.criterion_edit,
        name="selection-criterion-edit",
    ),
    path(
        "projects/<int:pk>/selection/criteria/<int:criterion_pk>/delete/",
        selection_views.criterion_delete,
        name="selection-criterion-delete",
    ),
    path(
        "projects/<int:pk>/selection/scores/",
        selection_views.selection_scores,
        name="selection-scores",
    ),
    path(
        "projects/<int:pk>/selection/decisions/",
        selection_views.selection_decisions,
        name="selection-decisions",
    ),
    path(
        "projects/<int:pk>/selection/decisions/new/",
        selection_views.selection_decision_create,
        name="selection-decision-create",
    ),
    # The phase tracker
    path("clusters/<int:pk>/phase/", views.cluster_phase, name="cluster-phase"),
]
