from django.urls import path

from governance.routing import under

from . import views
from .mapping import views as mapping_views
from .selection import views as selection_views

urlpatterns = [
    path("", views.home, name="home"),
    path("projects/<int:pk>/", views.project_detail, name="project-detail"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster-detail"),
    # Mapping: candidate clusters, import/export, map
    *under(
        "projects/<int:pk>/candidates/",
        ("", mapping_views.candidate_list, "candidate-list"),
        ("new/", mapping_views.candidate_create, "candidate-create"),
        ("export.<str:fmt>", mapping_views.candidate_export, "candidate-export"),
        ("import/", mapping_views.candidate_import, "candidate-import"),
        ("import/confirm/", mapping_views.candidate_import_confirm, "candidate-import-confirm"),
        (
            "import/template.<str:fmt>",
            mapping_views.candidate_import_template,
            "candidate-import-template",
        ),
    ),
    path("clusters/<int:pk>/mapping/", mapping_views.candidate_edit, name="candidate-edit"),
    path("projects/<int:pk>/map/", mapping_views.cluster_map, name="cluster-map"),
    path("projects/<int:pk>/map/data/", mapping_views.cluster_map_data, name="cluster-map-data"),
    # Selection: criteria, expert scores, ranking, decisions
    *under(
        "projects/<int:pk>/selection/",
        ("", selection_views.selection_ranking, "selection-ranking"),
        ("weights/", selection_views.selection_weights_save, "selection-weights"),
        ("criteria/", selection_views.criterion_list, "selection-criteria"),
        ("criteria/starter/", selection_views.criteria_starter, "selection-criteria-starter"),
        (
            "criteria/<int:criterion_pk>/",
            selection_views.criterion_edit,
            "selection-criterion-edit",
        ),
        (
            "criteria/<int:criterion_pk>/delete/",
            selection_views.criterion_delete,
            "selection-criterion-delete",
        ),
        ("scores/", selection_views.selection_scores, "selection-scores"),
        ("decisions/", selection_views.selection_decisions, "selection-decisions"),
        ("decisions/new/", selection_views.selection_decision_create, "selection-decision-create"),
    ),
    # The phase tracker
    path("clusters/<int:pk>/phase/", views.cluster_phase, name="cluster-phase"),
]
