"""Reads that pages, the API, exports and the public lookup share."""

from operator import attrgetter

from django.db.models import BooleanField, Case, Count, DateField, F, Q, Value, When
from django.utils import timezone

from supervision import eligibility
from supervision.eligibility import registered

# The public search term is cleaned as on every public page (the kernel's); re-exported.
from supervision.web.public import PUBLIC_QUERY_MAX_LENGTH, clean_public_query  # noqa: F401

from .models import Certificate, ConductRecord, Officer

PUBLIC_RESULT_LIMIT = 20
FORGET_CHUNK = 10_000


def annotate_enforcement(officers, on=None) -> list:
    """Set ``may_enforce`` and ``enforce_reasons`` on every officer of the list.

    Each registered check loads what it needs for the whole list at once, so the cost is a fixed
    number of queries however long the list is. Officers should come with ``entity`` selected.
    """
    officers = list(officers)
    on = on or timezone.localdate()
    checks = registered()
    for check in checks:
        check.prepare(officers, on)
    for officer in officers:
        reasons = [reason for check in checks for reason in check.enforcement_reasons(officer, on)]
        officer.may_enforce = not reasons
        officer.enforce_reasons = reasons
    return officers


def can_enforce(officer, on=None) -> tuple[bool, list[str]]:
    """May ``officer`` enforce on day ``on`` (today by default)? With the reasons when not.

    Certificate valid (also by date), the annual review passed (after the grace date), the entity
    published, on the establishment, and whatever other apps register (see ``eligibility``).
    """
    annotate_enforcement([officer], on)
    return officer.may_enforce, officer.enforce_reasons


def annotate_officers_of(records, path: str = "officer", on=None) -> list:
    """``annotate_enforcement`` for the officers of a list of records (certificates, reviews,
    bad-conduct records), reached by ``path`` such as "certificate.officer".

    Two records of one officer carry two officer objects: each is annotated."""
    records = list(records)
    officer_of = attrgetter(path)
    annotate_enforcement([officer_of(record) for record in records], on)
    return records


# What the public side shows of a certificate, and the officer's stored standing: nothing else is
# read (the fewer columns, the cheaper the one query of a lookup).
PUBLIC_FIELDS = (
    "kind",
    "number",
    "status",
    "issued_on",
    "expires_on",
    "officer__name",
    "officer__photo",
    "officer__standing_from",
    "officer__standing_through",
    "officer__standing_may_enforce",
    "officer__standing_version",
    "officer__department__name",
    "officer__entity__name",
)


def annotate_standing(records, path: str = "officer", on=None) -> list:
    """Set ``may_enforce`` on the officers of ``records`` from their stored standing (no query),
    computing and storing it for those whose standing was forgotten or has run out.

    The answer is the registered checks' (``annotate_enforcement``, on the officers read afresh
    with every field, one query), kept as long as they say it holds
    (``supervision.eligibility``); no reasons (the public side shows none)."""
    records = list(records)
    on = on or timezone.localdate()
    officer_of = attrgetter(path)
    stale = []
    for record in records:
        officer = officer_of(record)
        if (
            officer.standing_from is not None
            and officer.standing_from <= on <= officer.standing_through
        ):
            officer.may_enforce = officer.standing_may_enforce
        else:
            stale.append(officer)
    if stale:
        fresh = Officer.objects.select_related("entity").in_bulk([o.pk for o in stale])
        annotate_enforcement(fresh.values(), on)
        for officer in stale:
            officer.may_enforce = fresh[officer.pk].may_enforce
        _store_standing(fresh.values(), on)
    return records


def _store_standing(officers, on) -> None:
    """One update for all ``officers``; each row only if nothing changed since it was read (its
    version has not moved), so a standing computed before a change is never stored after it."""
    unchanged = Q()
    through, may_enforce = [], []
    for officer in {officer.pk: officer for officer in officers}.values():
        unchanged |= Q(pk=officer.pk, standing_version=officer.standing_version)
        through.append(When(pk=officer.pk, then=Value(eligibility.holds_until(officer, on))))
        may_enforce.append(When(pk=officer.pk, then=Value(officer.may_enforce)))
    Officer.objects.filter(unchanged).update(
        standing_from=on,
        standing_through=Case(*through, output_field=DateField()),
        standing_may_enforce=Case(*may_enforce, output_field=BooleanField()),
    )


def forget_standing(**officer_filter) -> None:
    """The stored standing of these officers no longer holds (``eligibility.changed``).

    A long list of ids is forgotten in chunks (a query takes at most 65,535 parameters)."""
    (key, value), *others = officer_filter.items() if officer_filter else ((None, None),)
    if isinstance(value, list | tuple | set) and len(value) > FORGET_CHUNK and not others:
        value = list(value)
        for start in range(0, len(value), FORGET_CHUNK):
            forget_standing(**{key: value[start : start + FORGET_CHUNK]})
        return
    Officer.objects.filter(**officer_filter).update(
        standing_from=None,
        standing_through=None,
        standing_may_enforce=None,
        standing_version=F("standing_version") + 1,
    )


def officers_not_eligible_for_advanced(officer_ids, year: int) -> set[int]:
    """Officers with a verified bad-conduct record in ``year``: not to be rated "advanced" that year."""
    return set(
        ConductRecord.objects.verified()
        .filter(officer_id__in=list(officer_ids), occurred_on__year=year)
        .values_list("officer_id", flat=True)
    )


def eligible_for_advanced(officer, year: int) -> bool:
    return officer.pk not in officers_not_eligible_for_advanced([officer.pk], year)


def verified_conduct_by_department(year: int, departments=None) -> dict[int, int]:
    """Verified bad-conduct records per department in ``year``: the figure the annual assessment counts."""
    records = ConductRecord.objects.verified().filter(occurred_on__year=year)
    if departments is not None:
        records = records.filter(officer__department__in=departments)
    return dict(
        records.values_list("officer__department")
        .annotate(n=Count("id"))
        .values_list("officer__department", "n")
    )


def is_certificate_number(query: str) -> bool:
    """A certificate number has digits (皖ZFZJJ202600007); a person's name has none."""
    return any(character.isdigit() for character in query)


def public_certificates(
    query: str, on=None, jurisdiction=None, *, by: str = ""
) -> list[Certificate]:
    """Certificates found by their exact number or the holder's exact name, with ``may_enforce``.

    Exact matches only: a citizen checks the officer in front of them; the public lookup is not a
    way to list every officer whose name contains a character. A number is found city-wide; a
    name, in the ``jurisdiction`` the citizen chose (and those below it), if any. ``by`` is
    "number" or "name"; left empty, a query with digits is a number. A number that is not found
    is not tried again as a name: one indexed query, however the lookup ends.
    """
    query = clean_public_query(query)
    if not query:
        return []
    by = by or ("number" if is_certificate_number(query) else "name")
    if by == "number":  # unique: no order
        certificates = Certificate.objects.filter(number=query.upper()).order_by()
    else:
        certificates = (
            Certificate.objects.in_jurisdiction(jurisdiction)
            if jurisdiction
            else Certificate.objects
        )
        certificates = certificates.filter(officer__name=query).order_by(
            "officer__department__code", "-issued_on", "-id"
        )
    certificates = list(
        certificates.select_related("officer__department", "officer__entity").only(*PUBLIC_FIELDS)[
            :PUBLIC_RESULT_LIMIT
        ]
    )
    return annotate_standing(certificates, on=on)


def public_certificate(number: str) -> Certificate | None:
    """The certificate of the verification page (its number exactly, any case), with
    ``may_enforce``: one query once its holder's standing is stored."""
    found = public_certificates(number, by="number")
    return found[0] if found else None
