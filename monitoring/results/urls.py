from django.urls import path

from ..owner_pages import owner_paths
from . import views

# A chain is a project's (no cluster) or a cluster's: the same views under two names.
urlpatterns = [
    *owner_paths("result-chain/", views.result_chain, "result-chain"),
    *owner_paths("result-chain/start/", views.result_chain_start, "result-chain-start"),
    *owner_paths("result-chain/new/", views.result_statement_create, "result-statement-create"),
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
