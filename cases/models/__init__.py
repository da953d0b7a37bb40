"""The cases app's models: major decisions and case-file catalogues, one module each."""

from .catalogues import (
    FIRST_CATALOGUE_YEAR,
    CaseCatalogue,
    CaseCatalogueQuerySet,
    CatalogueItem,
    CatalogueItemQuerySet,
    last_year,
)
from .decisions import (
    ATTACHMENT_EXTENSIONS,
    ATTACHMENT_MAX_BYTES,
    DecisionAttachment,
    DecisionAttachmentQuerySet,
    MajorDecision,
    MajorDecisionCategory,
    MajorDecisionCategoryQuerySet,
    MajorDecisionQuerySet,
    attachment_path,
)

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "ATTACHMENT_MAX_BYTES",
    "FIRST_CATALOGUE_YEAR",
    "CaseCatalogue",
    "CaseCatalogueQuerySet",
    "CatalogueItem",
    "CatalogueItemQuerySet",
    "DecisionAttachment",
    "DecisionAttachmentQuerySet",
    "MajorDecision",
    "MajorDecisionCategory",
    "MajorDecisionCategoryQuerySet",
    "MajorDecisionQuerySet",
    "attachment_path",
    "last_year",
]
