"""What decides whether an officer may enforce, be issued a certificate or pass an annual review.

Each condition is an ``EligibilityCheck`` in this registry of the kernel. personnel registers its
own (on the establishment, entity published, a valid enforcement certificate with its annual
review); another app adds its rule without personnel importing it, from its ``AppConfig.ready()``::

    from supervision.eligibility import EligibilityCheck, register

    @register
    class TrainingCheck(EligibilityCheck):
        name = "training"

        def prepare(self, officers, on):      # one query for the whole list
            hours = dict(Hours.objects.filter(officer__in=officers, year=on.year)...)
            for officer in officers:
                self.remember(officer, hours.get(officer.pk, 0))

        def enforcement_reasons(self, officer, on):
            return [] if self.recalled(officer) >= 40 else [_("Fewer than 40 training hours.")]

personnel's ``selectors.can_enforce`` and ``selectors.annotate_enforcement`` run every registered
check; a
list of officers costs each check's ``prepare`` queries once, never a query per row.

**The stored standing.** The public lookup answers from the outcome stored with the officer (one
query for a found number), computed by these same checks and kept only as long as they say it
holds:

- ``holds_until(officer, on)``: the last day on which the check's answer for ``officer`` stays
  what it is on ``on`` if no data changes (dates: expiry, review grace date, the year's end). The
  default is ``on`` itself: a check that says nothing is recomputed every day.
- ``depends_on``: ``{"app_label.Model": officers_of}``, the models the check reads, each with a
  function that turns a saved or deleted row into the filter of the officers it concerns
  (``lambda certificate: {"pk": certificate.officer_id}``). Saving or deleting such a row forgets
  their stored standing. A service that writes those models in bulk (``update``,
  ``bulk_create``) calls ``changed(**filter)`` itself.
- The app that keeps the standing registers how to forget it with ``keep_standing(forget)``.
"""

import datetime

from django.db.models.signals import post_delete, post_save

_registry: list["EligibilityCheck"] = []
_forgetters: list = []


class EligibilityCheck:
    """One condition. Override what applies; every method answers a list of reasons (empty: fine)."""

    name = ""
    #: {"app_label.Model": function(row) -> filter of the officers concerned}; see the module.
    depends_on: dict = {}

    def prepare(self, officers, on) -> None:
        """Load what the check needs for all ``officers`` in a fixed number of queries."""

    def enforcement_reasons(self, officer, on) -> list[str]:
        """Why ``officer`` may not enforce on day ``on``."""
        return []

    def issuance_reasons(self, officer, on) -> list[str]:
        """Why ``officer`` may not be issued a certificate on day ``on``."""
        return []

    def prepare_review(self, officers, year: int) -> None:
        """Load what ``review_reasons`` needs for all ``officers`` (default: nothing)."""

    def review_reasons(self, officer, year: int) -> list[str]:
        """Why ``officer``'s certificate may not pass the annual review of ``year``."""
        return []

    def holds_until(self, officer, on) -> datetime.date:
        """The last day the answer for ``officer`` (prepared for ``on``) holds without a change."""
        return on

    # What prepare() loaded is kept on the officer object, per check (checks are shared singletons).
    def remember(self, officer, value) -> None:
        officer.__dict__.setdefault("_eligibility", {})[self.name] = value

    def recalled(self, officer, default=None):
        return officer.__dict__.get("_eligibility", {}).get(self.name, default)


def register(check_class):
    """Add a check (class decorator); registering the same name twice replaces the first."""
    check = check_class()
    _registry[:] = [c for c in _registry if c.name != check.name]
    _registry.append(check)
    for label, officers_of in check.depends_on.items():
        _connect(label, officers_of)
    return check_class


def _connect(label: str, officers_of) -> None:
    def forget(sender, instance, **kwargs):
        if kwargs.get("raw"):  # loading fixtures
            return
        changed(**officers_of(instance))

    for signal in (post_save, post_delete):
        signal.connect(forget, sender=label, weak=False, dispatch_uid=(label, officers_of))


def keep_standing(forget) -> None:
    """Register ``forget(**officer_filter)``, which drops the stored standing of those officers."""
    if forget not in _forgetters:
        _forgetters.append(forget)


def changed(**officer_filter) -> None:
    """What the checks read changed for the officers ``officer_filter`` selects: their stored
    standing is recomputed on its next read."""
    for forget in _forgetters:
        forget(**officer_filter)


def holds_until(officer, on) -> datetime.date:
    """The last day every registered check's answer for ``officer`` holds (after ``prepare``)."""
    return min(check.holds_until(officer, on) for check in _registry)


def registered() -> tuple[EligibilityCheck, ...]:
    return tuple(_registry)
