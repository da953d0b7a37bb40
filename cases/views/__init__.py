"""Pages of the cases app: major decisions (``decisions``) and case-file catalogues
(``catalogues``). Every record is fetched through ``for_user``: another department's record
answers 404. Every change goes through ``cases.services``; the pages show its refusals."""

# The record pages' actions answer as every registry's do (the kernel's).
from supervision.web.pages import post_to_record, record_action

__all__ = ["post_to_record", "record_action"]
