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
"""

_registry: list["EligibilityCheck"] = []


class EligibilityCheck:
    """One condition. Override what applies; every method answers a list of reasons (empty: fine)."""

    name = ""

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
    return check_class


def registered() -> tuple[EligibilityCheck, ...]:
    return tuple(_registry)
