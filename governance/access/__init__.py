"""The one access policy of ClusterDev (see ``policy``): actions, the policy itself and
the named rules for the special cases. Import from here::

    from governance.access import Action, authorize, can, get_authorized, visible
"""

from .actions import Action
from .policy import (
    ACTION_CODENAMES,
    COUNTRY_ROLE_PERMISSIONS,
    ROLE_PERMISSIONS,
    authorize,
    can,
    can_project_wide,
    get_authorized,
    people_filter,
    roles_of,
    scope_filter,
    visible,
)
from .rules import (
    authorize_body,
    authorize_candidate_mapping,
    authorize_role_change,
    authorize_rule,
    authorize_score_withdrawal,
    country_codes_viewable,
    may_act_on_body,
    may_create_project,
    may_grant_country_roles,
    may_grant_role,
    may_map_candidates,
    may_view_country,
    may_withdraw_score,
)

__all__ = [
    "ACTION_CODENAMES",
    "COUNTRY_ROLE_PERMISSIONS",
    "ROLE_PERMISSIONS",
    "Action",
    "authorize",
    "authorize_body",
    "authorize_candidate_mapping",
    "authorize_role_change",
    "authorize_rule",
    "authorize_score_withdrawal",
    "can",
    "can_project_wide",
    "country_codes_viewable",
    "get_authorized",
    "may_act_on_body",
    "may_create_project",
    "may_grant_country_roles",
    "may_grant_role",
    "may_map_candidates",
    "may_view_country",
    "may_withdraw_score",
    "people_filter",
    "roles_of",
    "scope_filter",
    "visible",
]
