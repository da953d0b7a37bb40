"""personnel's own conditions in the kernel's eligibility registry (``supervision.eligibility``):
on the establishment, not auxiliary staff, entity published, a valid enforcement certificate with
its annual review."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from supervision.eligibility import EligibilityCheck, register

from .models import AnnualReview, AuxiliaryStaff, Certificate


@register
class EstablishmentCheck(EligibilityCheck):
    """Only staff on the establishment and in post (在编在岗) may hold a certificate and enforce."""

    name = "establishment"
    depends_on = {"personnel.Officer": lambda officer: {"pk": officer.pk}}

    def holds_until(self, officer, on):
        return datetime.date.max

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
    depends_on = {
        "personnel.Officer": lambda officer: {"pk": officer.pk},
        "entities.EnforcementEntity": lambda entity: {"entity_id": entity.pk},
    }

    def holds_until(self, officer, on):
        return datetime.date.max

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

    def holds_until(self, officer, on):  # issuance only: enforcement never depends on it
        return datetime.date.max

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
    depends_on = {
        "personnel.Certificate": lambda certificate: {"pk": certificate.officer_id},
        "personnel.AnnualReview": lambda review: {"certificates": review.certificate_id},
    }

    def prepare(self, officers, on):
        by_officer = {officer.pk: [] for officer in officers}
        certificates = (
            Certificate.objects.filter(
                officer_id__in=list(by_officer), kind=Certificate.Kind.ENFORCEMENT
            )
            .order_by("-issued_on", "-id")
            # In the same query (no prefetch): whether this year's review failed.
            .annotate(
                failed_this_year=Exists(
                    AnnualReview.objects.filter(
                        certificate=OuterRef("pk"),
                        year=on.year,
                        result=AnnualReview.Result.FAILED,
                    )
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
        if current.failed_this_year:
            return [_("The annual review for %(year)d failed.") % {"year": on.year}]
        if on > current.review_due:
            return [
                _("The annual review for %(year)d has not passed (due by %(date)s).")
                % {"year": current.review_due.year, "date": date_format(current.review_due)}
            ]
        return []

    def holds_until(self, officer, on):
        """Until a certificate starts, or the current one expires or passes its review grace
        date; at the latest the year's end (the reviews read are the year's)."""
        days = [datetime.date(on.year, 12, 31)]
        for certificate in self.recalled(officer) or ():
            if certificate.issued_on > on:
                days.append(certificate.issued_on - datetime.timedelta(days=1))
            elif certificate.expires_on >= on:
                days.append(certificate.expires_on)
            if certificate.review_due >= on:
                days.append(certificate.review_due)
        return min(days)

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
