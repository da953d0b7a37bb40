"""Officers, auxiliary staff, certificates, annual reviews and bad-conduct records: every change."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from supervision import audit, eligibility, notes
from supervision.calendar import deadline_on
from supervision.eligibility import registered
from supervision.errors import TransitionNotAllowed
from supervision.models import Department
from supervision.validators import normalize_citizen_id
from supervision.workflow import (
    apply_changes,
    department_for,
    require_legal_office,
    require_reason,
    require_writer,
    save_new,
    transition,
)

from .models import (
    AnnualReview,
    AuxiliaryStaff,
    Certificate,
    ConductRecord,
    Officer,
)

OFFICER_FIELDS = ("name", "citizen_id", "entity", "post", "on_establishment", "photo")
AUXILIARY_FIELDS = ("name", "citizen_id", "duties", "contract_starts_on", "contract_ends_on")

# Certificate numbers: 皖 (the province) + kind code + department code + year of issue + a
# five-digit sequence per kind, department and year, e.g. 皖ZFZJJ202600007.
CERTIFICATE_NUMBER_PREFIX = "皖"
KIND_CODES = {Certificate.Kind.ENFORCEMENT: "ZF", Certificate.Kind.SUPERVISION: "JD"}


def _normalized(values: dict) -> dict:
    if "citizen_id" in values:
        values = {**values, "citizen_id": normalize_citizen_id(values["citizen_id"])}
    if "name" in values:
        values = {**values, "name": str(values["name"]).strip()}
    return values


# Officers and auxiliary staff -------------------------------------------------------------------


def _not_both(model, citizen_id, message, exclude_pk=None) -> None:
    """One person is an officer or auxiliary staff, never both (issue 18). The refusal names no
    department: the number may be registered in one the user does not see."""
    if not citizen_id:
        return
    if model.objects.filter(citizen_id=citizen_id).exclude(pk=exclude_pk).exists():
        raise ValidationError({"citizen_id": [message]})


def _not_auxiliary(citizen_id):
    _not_both(
        AuxiliaryStaff,
        citizen_id,
        _("This person is registered as auxiliary staff and cannot be an officer as well."),
    )


def _not_officer(citizen_id):
    _not_both(
        Officer,
        citizen_id,
        _("This person is registered as an officer and cannot be auxiliary staff as well."),
    )


@transaction.atomic
def officer_create(*, actor, department: Department | None = None, **values) -> Officer:
    values = _normalized(values)
    _not_auxiliary(values.get("citizen_id"))
    officer = Officer(
        department=department_for(actor, department),
        **{k: v for k, v in values.items() if k in OFFICER_FIELDS},
    )
    return save_new(officer, actor=actor)


@transaction.atomic
def citizen_id_show(*, person, actor) -> str:
    """The whole citizen ID number of an officer or auxiliary staff member, for the person's own
    department and the legal office only; every showing is in the audit trail."""
    if not person.shows_citizen_id_to(actor):
        raise PermissionDenied(_("Only the person's own department and the legal office see it."))
    audit.record(person, action="show_citizen_id", actor=actor)
    return person.citizen_id


@transaction.atomic
def officer_update(*, officer: Officer, actor, **values) -> Officer:
    officer = (
        Officer.objects.select_for_update(of=("self",)).select_related("entity").get(pk=officer.pk)
    )
    require_writer(actor, officer.department_id)
    values = _normalized(values)
    _not_auxiliary(values.get("citizen_id"))
    return apply_changes(officer, actor=actor, fields=OFFICER_FIELDS, values=values)


@transaction.atomic
def auxiliary_create(*, actor, department: Department | None = None, **values) -> AuxiliaryStaff:
    values = _normalized(values)
    _not_officer(values.get("citizen_id"))
    staff = AuxiliaryStaff(
        department=department_for(actor, department),
        **{k: v for k, v in values.items() if k in AUXILIARY_FIELDS},
    )
    return save_new(staff, actor=actor)


@transaction.atomic
def auxiliary_update(*, staff: AuxiliaryStaff, actor, **values) -> AuxiliaryStaff:
    staff = AuxiliaryStaff.objects.select_for_update().get(pk=staff.pk)
    require_writer(actor, staff.department_id)
    values = _normalized(values)
    _not_officer(values.get("citizen_id"))
    return apply_changes(staff, actor=actor, fields=AUXILIARY_FIELDS, values=values)


# Certificates -----------------------------------------------------------------------------------


def annual_review_grace_day(year: int) -> datetime.date:
    """The grace date of ``year``'s annual review as set (settings ``ANNUAL_REVIEW_GRACE_DATE``)."""
    month, day = (int(part) for part in settings.ANNUAL_REVIEW_GRACE_DATE.split("-"))
    return datetime.date(year, month, day)


def annual_review_due(year: int) -> datetime.date:
    """The day by which ``year``'s annual review must have passed: the grace date, moved to the
    next working day if it is not one (DESIGN.md: a fixed date on a non-working day moves)."""
    return deadline_on(annual_review_grace_day(year)).due


def certificate_number_prefix(*, kind: str, department: Department, year: int) -> str:
    return f"{CERTIFICATE_NUMBER_PREFIX}{KIND_CODES[kind]}{department.code.upper()}{year:04d}"


def _next_certificate_number(*, kind: str, department: Department, year: int) -> str:
    # The department row is locked by the caller: two issues at once cannot take the same number.
    prefix = certificate_number_prefix(kind=kind, department=department, year=year)
    last = (
        Certificate.objects.filter(number__startswith=prefix)
        .filter(number__regex=rf"^{prefix}[0-9]{{5}}$")
        .aggregate(last=Max("number"))["last"]
    )
    sequence = int(last[-5:]) + 1 if last else 1
    return f"{prefix}{sequence:05d}"


def _check_number(number: str, *, kind: str, department: Department) -> None:
    prefix = f"{CERTIFICATE_NUMBER_PREFIX}{KIND_CODES[kind]}{department.code.upper()}"
    rest = number.removeprefix(prefix)
    if not number.startswith(prefix) or len(rest) != 9 or not rest.isdigit() or not rest.isascii():
        raise ValidationError(
            {
                "number": _(
                    "A certificate number reads %(prefix)s followed by the year of issue and a "
                    "five-digit sequence, e.g. %(example)s."
                )
                % {"prefix": prefix, "example": f"{prefix}202600001"}
            }
        )


def issuance_refusals(officer: Officer, on=None) -> list[str]:
    """Why ``officer`` may not be issued a certificate (empty: may)."""
    on = on or timezone.localdate()
    checks = registered()
    for check in checks:
        check.prepare([officer], on)
    return [reason for check in checks for reason in check.issuance_reasons(officer, on)]


@transaction.atomic
def certificate_issue(
    *,
    actor,
    officer: Officer,
    kind: str,
    expires_on: datetime.date,
    issued_on: datetime.date | None = None,
    number: str = "",
) -> Certificate:
    """Issue a certificate; the number is the next in sequence unless the legal office gives one."""
    require_legal_office(actor, officer.department)
    department = Department.objects.select_for_update().get(pk=officer.department_id)
    officer = Officer.objects.select_related("entity").get(pk=officer.pk)
    issued_on = issued_on or timezone.localdate()
    refusals = issuance_refusals(officer, issued_on)
    if refusals:
        raise TransitionNotAllowed(" ".join(refusals))
    if kind not in KIND_CODES:
        raise ValidationError({"kind": _("Choose the kind of certificate.")})
    number = (number or "").strip().upper()
    if number:
        _check_number(number, kind=kind, department=department)
    else:
        number = _next_certificate_number(kind=kind, department=department, year=issued_on.year)
    certificate = Certificate(
        officer=officer,
        kind=kind,
        number=number,
        issued_on=issued_on,
        expires_on=expires_on,
        review_due=annual_review_due(issued_on.year + 1),
    )
    return save_new(certificate, actor=actor)


def _locked_certificate(certificate) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


@transaction.atomic
def certificate_withhold(*, certificate: Certificate, actor, reason: str) -> Certificate:
    require_legal_office(actor, certificate.officer.department)
    reason = require_reason(reason)
    S = Certificate.Status
    return transition(
        _locked_certificate(certificate),
        actor=actor,
        action="withhold",
        sources=(S.VALID,),
        target=S.WITHHELD,
        refusal=_("Only a valid certificate can be withheld."),
        reason=reason,
        status_reason=reason,
    )


@transaction.atomic
def certificate_restore(*, certificate: Certificate, actor, reason: str) -> Certificate:
    require_legal_office(actor, certificate.officer.department)
    reason = require_reason(reason)
    certificate = _locked_certificate(certificate)
    S = Certificate.Status
    if certificate.status == S.WITHHELD and certificate.expires_on < timezone.localdate():
        raise TransitionNotAllowed(
            _("The certificate expired on %(date)s: issue a new one instead.")
            % {"date": certificate.expires_on.isoformat()}
        )
    return transition(
        certificate,
        actor=actor,
        action="restore",
        sources=(S.WITHHELD,),
        target=S.VALID,
        refusal=_("Only a withheld certificate can be restored."),
        reason=reason,
        status_reason=reason,
    )


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    require_legal_office(actor, certificate.officer.department)
    reason = require_reason(reason)
    S = Certificate.Status
    return transition(
        _locked_certificate(certificate),
        actor=actor,
        action="revoke",
        sources=(S.VALID, S.WITHHELD),
        target=S.REVOKED,
        refusal=_("Only a valid or withheld certificate can be revoked."),
        reason=reason,
        status_reason=reason,
    )


#: Ids per UPDATE ... WHERE id IN (...): PostgreSQL takes at most 65,535 parameters a query.
UPDATE_CHUNK = 5000


@transaction.atomic
def certificates_expire(*, day: datetime.date) -> int:
    """Valid certificates whose expiry date is before ``day`` become expired: one update, audited.

    Idempotent: a second run finds nothing to change.
    """
    S = Certificate.Status
    expiring = list(
        Certificate.objects.select_for_update()
        .filter(status=S.VALID, expires_on__lt=day)
        .only("id", "number", "expires_on")
    )
    if not expiring:
        return 0
    changed = 0
    for start in range(0, len(expiring), UPDATE_CHUNK):
        chunk = [certificate.pk for certificate in expiring[start : start + UPDATE_CHUNK]]
        changed += Certificate.objects.filter(pk__in=chunk, status=S.VALID).update(status=S.EXPIRED)
    eligibility.changed(certificates__in=[certificate.pk for certificate in expiring])
    for certificate in expiring:
        certificate.status = S.EXPIRED
    audit.record_many(
        expiring,
        action="expire",
        fields=["number", "expires_on", "status"],
        reason=notes.note(gettext_lazy("The certificate's term has ended.")),
    )
    return changed


# Annual reviews ----------------------------------------------------------------------------------


def _review_refusals(certificates, year: int, result: str) -> dict[int, str]:
    """Why each certificate's review of ``year`` cannot be recorded, by certificate id."""
    today = timezone.localdate()
    S = Certificate.Status
    already = set(
        AnnualReview.objects.filter(certificate__in=certificates, year=year).values_list(
            "certificate_id", flat=True
        )
    )
    officers = [certificate.officer for certificate in certificates]
    if result == AnnualReview.Result.PASSED:
        for check in registered():
            check.prepare_review(officers, year)
    refusals = {}
    for certificate in certificates:
        if certificate.pk in already:
            refusals[certificate.pk] = _("The review for %(year)d is already recorded.") % {
                "year": year
            }
        elif certificate.status not in (S.VALID, S.WITHHELD):
            refusals[certificate.pk] = _(
                "The certificate is %(status)s: it is not reviewed any more."
            ) % {"status": certificate.get_status_display()}
        elif year <= certificate.issued_on.year:
            refusals[certificate.pk] = _(
                "A certificate issued in %(issued)d is first reviewed for %(first)d."
            ) % {"issued": certificate.issued_on.year, "first": certificate.issued_on.year + 1}
        elif year > today.year + 1:
            refusals[certificate.pk] = _("The review of %(year)d cannot be recorded yet.") % {
                "year": year
            }
        elif result == AnnualReview.Result.PASSED:
            reasons = [
                reason
                for check in registered()
                for reason in check.review_reasons(certificate.officer, year)
            ]
            if reasons:
                refusals[certificate.pk] = " ".join(reasons)
    return refusals


def _record_reviews(certificates, *, year, result, actor, reviewed_on, note) -> list[AnnualReview]:
    reviews = [
        AnnualReview(
            certificate=certificate,
            year=year,
            result=result,
            reviewed_on=reviewed_on or timezone.localdate(),
            note=note,
            recorded_by=actor,
        )
        for certificate in certificates
    ]
    for review in reviews:
        review.clean_fields(exclude=["certificate", "recorded_by"])
    AnnualReview.objects.bulk_create(reviews)
    audit.record_many(reviews, action="record", actor=actor)
    if result == AnnualReview.Result.PASSED:
        # A passed review carries the certificate on to the next year's grace date.
        next_due = annual_review_due(year + 1)
        Certificate.objects.filter(
            pk__in=[c.pk for c in certificates], review_due__lt=next_due
        ).update(review_due=next_due)
    # bulk_create sends no signal: the holders' stored standing is forgotten here.
    eligibility.changed(certificates__in=[c.pk for c in certificates])
    return reviews


def _locked_for_review(certificates, result) -> list[Certificate]:
    if result not in AnnualReview.Result.values:
        raise ValidationError({"result": _("Choose passed or failed.")})
    return list(
        Certificate.objects.select_for_update(of=("self",))
        .select_related("officer__entity", "officer__department")
        .filter(pk__in=[c.pk for c in certificates])
        .order_by("number")
    )


@transaction.atomic
def annual_review_record(
    *,
    certificate: Certificate,
    year: int,
    result: str,
    actor,
    reviewed_on: datetime.date | None = None,
    note: str = "",
) -> AnnualReview:
    """Record one certificate's review of ``year``; a refusal is an error of the field ``year``."""
    require_legal_office(actor, certificate.officer.department)
    certificates = _locked_for_review([certificate], result)
    refusals = _review_refusals(certificates, year, result)
    if refusals:
        raise ValidationError({"year": list(refusals.values())})
    return _record_reviews(
        certificates, year=year, result=result, actor=actor, reviewed_on=reviewed_on, note=note
    )[0]


@transaction.atomic
def annual_reviews_record(
    *,
    certificates,
    year: int,
    result: str,
    actor,
    reviewed_on: datetime.date | None = None,
    note: str = "",
) -> list[AnnualReview]:
    """Record one year's review for a list of certificates: all of them, or none with the reasons."""
    require_legal_office(actor)
    certificates = _locked_for_review(certificates, result)
    if not certificates:
        raise ValidationError({"certificates": _("Choose at least one certificate.")})
    refusals = _review_refusals(certificates, year, result)
    for certificate in certificates:
        if not actor.handles(certificate.officer.department):
            refusals[certificate.pk] = _(
                "Only the legal office of the department's own jurisdiction may do this."
            )
    if refusals:
        by_id = {c.pk: c.number for c in certificates}
        raise ValidationError(
            {"certificates": [f"{by_id[pk]}: {message}" for pk, message in refusals.items()]}
        )
    return _record_reviews(
        certificates, year=year, result=result, actor=actor, reviewed_on=reviewed_on, note=note
    )


# Bad-conduct records -----------------------------------------------------------------------------

CONDUCT_FIELDS = ("occurred_on", "category", "description", "source", "evidence")


@transaction.atomic
def conduct_report(*, actor, officer: Officer, **values) -> ConductRecord:
    require_writer(actor, officer.department_id)
    record = ConductRecord(
        officer=officer,
        reported_by=actor,
        **{k: v for k, v in values.items() if k in CONDUCT_FIELDS},
    )
    if record.occurred_on and record.occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    if record.category_id and not record.category.is_active:
        raise ValidationError(
            {"category": pgettext("conduct", "This category is no longer in use.")}
        )
    return save_new(record, actor=actor)


@transaction.atomic
def conduct_verify(*, record: ConductRecord, actor, reason: str = "") -> ConductRecord:
    require_legal_office(actor, record.officer.department)
    S = ConductRecord.Status
    return transition(
        ConductRecord.objects.select_for_update().get(pk=record.pk),
        actor=actor,
        action="verify",
        sources=(S.REPORTED,),
        target=S.VERIFIED,
        refusal=_("Only a reported record can be verified."),
        reason=(reason or "").strip(),
        decided_on=timezone.localdate(),
        decision_reason=(reason or "").strip(),
    )


@transaction.atomic
def conduct_dismiss(*, record: ConductRecord, actor, reason: str) -> ConductRecord:
    require_legal_office(actor, record.officer.department)
    reason = require_reason(reason)
    S = ConductRecord.Status
    return transition(
        ConductRecord.objects.select_for_update().get(pk=record.pk),
        actor=actor,
        action="dismiss",
        sources=(S.REPORTED,),
        target=S.DISMISSED,
        refusal=_("Only a reported record can be dismissed."),
        reason=reason,
        decided_on=timezone.localdate(),
        decision_reason=reason,
    )
