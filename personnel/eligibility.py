"""What decides whether an officer may enforce, be issued a certificate or pass an annual review.

Each condition is an ``EligibilityCheck`` in one registry. personnel registers its own (on the
establishment, entity published, a valid enforcement certificate with its annual review); another
app adds its rule without personnel importing it, from its ``AppConfig.ready()``::

    from personnel.eligibility import EligibilityCheck, register

    @register
    class TrainingCheck(EligibilityCheck):
        name = "training"

        def prepare(self, officers, on):      # one query for the whole list
            hours = dict(Hours.objects.filter(officer__in=officers, year=on.year)...)
            for officer in officers:
                self.remember(officer, hours.get(officer.pk, 0))

        def enforcement_reasons(self, officer, on):
            return [] if self.recalled(officer) >= 40 else [_("Fewer than 40 training hours.")]

``selectors.can_enforce`` and ``selectors.annotate_enforcement`` run every registered check; a
list of officers costs each check's ``prepare`` queries once, never a query per row.
"""

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import AnnualReview, AuxiliaryStaff, Certificate

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


@register
class EstablishmentCheck(EligibilityCheck):
    """Only staff on the establishment and in post (在编在岗) may hold a certificate and enforce."""

    name = "establishment"

    def _reasons(self, officer):
        if officer.on_establishment:
            return []
        return [_("The officer is not on the establishment and in post.")]

    def enforcement_reasons(self, officer, on):
        return self._reasons(officer)

    def issuance_reasons(self, officer, on):
        return self._reasons(officer)


@register
class EntityCheck(EligibilityCheck):
    """Only officers of a published entity may hold a valid certificate and enforce."""

    name = "entity"

    def _reasons(self, officer):
        if officer.entity.is_published:
            return []
        return [
            _("The enforcement entity %(entity)s is not published.") % {"entity": officer.entity}
        ]

    def enforcement_reasons(self, officer, on):
        return self._reasons(officer)

    def issuance_reasons(self, officer, on):
        return self._reasons(officer)


@register
class AuxiliaryStaffCheck(EligibilityCheck):
    """Auxiliary staff never hold a certificate, even if registered as an officer too."""

    name = "auxiliary"

    def issuance_reasons(self, officer, on):
        if AuxiliaryStaff.objects.filter(citizen_id=officer.citizen_id).exists():
            return [_("This person is registered as auxiliary staff, who never hold certificates.")]
        return []


@register
class CertificateCheck(EligibilityCheck):
    """A valid enforcement certificate, not past its expiry date, with its annual review passed.

    The review rule: a certificate carries ``review_due``, the grace date (settings
    ``ANNUAL_REVIEW_GRACE_DATE``, moved to a working day) by which its next annual review must have
    passed; a passed review moves it to the next year's grace date. A failed review of the current
    year stops enforcement at once, grace date or not.
    """

    name = "certificate"

    def prepare(self, officers, on):
        by_officer = {officer.pk: [] for officer in officers}
        certificates = (
            Certificate.objects.filter(
                officer_id__in=list(by_officer), kind=Certificate.Kind.ENFORCEMENT
            )
            .order_by("-issued_on", "-id")
            .prefetch_related(
                Prefetch(
                    "reviews",
                    queryset=AnnualReview.objects.filter(year=on.year),
                    to_attr="reviews_this_year",
                )
            )
        )
        if by_officer:
            for certificate in certificates:
                by_officer[certificate.officer_id].append(certificate)
        for officer in officers:
            self.remember(officer, by_officer[officer.pk])

    def enforcement_reasons(self, officer, on):
        certificates = self.recalled(officer)
        if certificates is None:
            self.prepare([officer], on)
            certificates = self.recalled(officer)
        current = next((c for c in certificates if c.is_valid_on(on)), None)
        if current is None:
            return [self._why_not_valid(certificates[0] if certificates else None, on)]
        if any(r.result == r.Result.FAILED for r in current.reviews_this_year):
            return [_("The annual review for %(year)d failed.") % {"year": on.year}]
        if on > current.review_due:
            return [
                _("The annual review for %(year)d has not passed (due by %(date)s).")
                % {"year": current.review_due.year, "date": date_format(current.review_due)}
            ]
        return []

    @staticmethod
    def _why_not_valid(certificate, on):
        if certificate is None:
            return _("The officer holds no enforcement certificate.")
        status = certificate.Status
        if certificate.status == status.VALID and certificate.issued_on > on:
            return _("The enforcement certificate %(number)s is valid from %(date)s.") % {
                "number": certificate.number,
                "date": date_format(certificate.issued_on),
            }
        if certificate.status == status.WITHHELD:
            return _("The enforcement certificate %(number)s is withheld.") % {
                "number": certificate.number
            }
        if certificate.status == status.REVOKED:
            return _("The enforcement certificate %(number)s is revoked.") % {
                "number": certificate.number
            }
        return _("The enforcement certificate %(number)s expired on %(date)s.") % {
            "number": certificate.number,
            "date": date_format(certificate.expires_on),
        }
