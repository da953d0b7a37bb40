"""The writes of the cases app: one function per domain action, for major decisions
(``decisions``) and case-file catalogues (``catalogues``).

Each runs in a transaction, locks the row it changes, checks the transition through the kernel's
``supervision.workflow`` (refusing with ``TransitionNotAllowed`` and a reason), validates with
``full_clean()``, saves only the fields it changed and writes the audit entry in the same
transaction. Views, the API, the admin and the demo call these; none of them repeats a rule.
"""

from .catalogues import (
    ITEM_FIELDS,
    catalogue_file,
    catalogue_item_add,
    catalogue_item_remove,
    catalogue_items_add,
    catalogue_open,
    catalogue_receive,
    catalogue_return,
    catalogue_upload,
)
from .decisions import (
    CATEGORY_FIELDS,
    DECISION_FIELDS,
    category_create,
    category_update,
    check_uploads,
    decision_attach,
    decision_decide,
    decision_detach,
    decision_edit_refusal,
    decision_file,
    decision_receive,
    decision_register,
    decision_return,
    decision_review,
    decision_update,
)

__all__ = [
    "CATEGORY_FIELDS",
    "DECISION_FIELDS",
    "ITEM_FIELDS",
    "catalogue_file",
    "catalogue_item_add",
    "catalogue_item_remove",
    "catalogue_items_add",
    "catalogue_open",
    "catalogue_receive",
    "catalogue_return",
    "catalogue_upload",
    "category_create",
    "category_update",
    "check_uploads",
    "decision_attach",
    "decision_decide",
    "decision_detach",
    "decision_edit_refusal",
    "decision_file",
    "decision_receive",
    "decision_register",
    "decision_return",
    "decision_review",
    "decision_update",
]
