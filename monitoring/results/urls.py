from django.urls import path

from . import views

# A chain is a project's (no cluster) or a cluster's: the same views under two names.
urlpatterns = [
    path("projects/<int:pk>/result-chain/", views.result_chain, name="project-result-chain"),
    path(
        "clusters/<int:cluster_pk>/result-chain/",
        views.result_chain,
        name="cluster-result-chain",
    ),
    path(
        "projects/<int:pk>/result-chain/start/",
        views.result_chain_start,
        name="project-result-chain-start",
    ),
    path(
        "clusters/<int:cluster_pk>/result-chain/start/",
        views.result_chain_start,
        name="cluster-result-chain-start",
    ),
    path(
        "projects/<int:pk>/result-chain/new/",
        views.result_statement_create,
        name="project-result-statement-create",
    ),
    path(
        "clusters/<int:cluster_pk>/result-chain/new/",
        views.result_statement_create,
        name="cluster-result-statement-create",
    ),
    path(
        "result-statements/<int:pk>/edit/",
        views.result_statement_edit,
        name="result-statement-edit",
    ),
    path(
        "result-statements/<int:pk>/delete/",
        views.result_statement_delete,
        name="result-statement-delete",
    ),
]
