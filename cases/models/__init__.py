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
    DecisionAttachment,
    DecisionAttachmentQuerySet,
    MajorDecision,
    MajorDecisionCategory,
    MajorDecisionCategoryQuerySet,
    MajorDecisionQuerySet,
)

__all__ = [
    "ATTACHMENT_EXTENSIONS",
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
    "last_year",
]
