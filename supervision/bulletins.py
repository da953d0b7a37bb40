"""Bulletins (通报) and criticisms (通报批评): drafted, previewed, edited, issued, voided.

A bulletin is built from the state of the records — every item overdue in its period, whatever
notices went out, with what became of it since (done late, on which day, or still outstanding,
for how many working days) — never from the notices already sent. The legal office previews the
draft as the PDF it will be, edits its covering text, and only then issues it: the document
number is taken on issue (``notices.issue``), so a draft that is never issued leaves no gap.

An issued notice of any kind can be voided (作废) with a reason: it keeps its number, shows as void
everywhere, and a corrected document may replace it, citing it.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import audit, notices
from .calendar import WorkingCalendar, long_date, today
from .deadlines import late_items
from .errors import TransitionNotAllowed
from .models import Department, DocumentDraft, Jurisdiction, Notice, User
from .notices import NoticeDraft
from .workflow import require_legal_office, require_reason

DRAFT_FIELDS = ("subject", "opening", "closing")


def _period(start: datetime.date, end: datetime.date) -> str:
    return _("%(start)s to %(end)s") % {"start": long_date(start), "end": long_date(end)}


def item_line(item, day: datetime.date, calendar: WorkingCalendar) -> str:
    """One overdue item and what became of it, as of ``day``."""
    values = {
        "department": item.department,
        "what": item.what,
        "due": long_date(item.due),
    }
    if item.done_on is not None:
        return _("%(department)s: %(what)s, due by %(due)s; done late, on %(done)s.") % {
            **values,
            "done": long_date(item.done_on),
        }
    days = calendar.working_days_between(item.due, day)
    return ngettext(
        "%(department)s: %(what)s, due by %(due)s; still outstanding, %(days)d working day after"
        " the deadline.",
        "%(department)s: %(what)s, due by %(due)s; still outstanding, %(days)d working days after"
        " the deadline.",
        days,
    ) % {**values, "days": days}


def covered_departments(office: Jurisdiction, to_jurisdiction: Jurisdiction | None):
    """Whose work a bulletin covers: the departments of the office's own level (a bulletin to all
    of them), or those of a jurisdiction below and its own (a bulletin to its government)."""
    if to_jurisdiction is not None:
        return Department.objects.filter(
            jurisdiction__in=Jurisdiction.objects.below(to_jurisdiction).values("pk")
        )
    return Department.objects.filter(jurisdiction=office)


def bulletin_items(
    start: datetime.date,
    end: datetime.date,
    day: datetime.date,
    *,
    office: Jurisdiction,
    to_jurisdiction: Jurisdiction | None = None,
) -> list[str]:
    calendar = WorkingCalendar.load()
    departments = covered_departments(office, to_jurisdiction)
    with translation.override(settings.LANGUAGE_CODE):
        return [item_line(item, day, calendar) for item in late_items(start, end, departments)]


def _office_of(actor) -> Jurisdiction:
    require_legal_office(actor)
    if actor.jurisdiction is None:
        raise TransitionNotAllowed(_("Only a legal office issues bulletins."))
    return actor.jurisdiction


def _check_replaces(replaces: Notice | None) -> None:
    if replaces is not None and not replaces.is_void:
        raise ValidationError(
            {
                "replaces": _("Only a voided document can be replaced: void %(number)s first.")
                % {"number": replaces.number}
            }
        )


def _repeated_draft(draft: DocumentDraft) -> DocumentDraft | None:
    """The same draft asked for again by the same person within ``REPEAT_SUBMISSION_SECONDS``
    (six clicks, a retrying client): the one already made, still a draft. The actor's row is
    locked first, so requests at once see each other's draft. Issuing is once-only by itself."""
    User.objects.select_for_update().filter(pk=draft.created_by_id).first()
    since = timezone.now() - datetime.timedelta(seconds=settings.REPEAT_SUBMISSION_SECONDS)
    candidates = DocumentDraft.objects.filter(
        kind=draft.kind,
        status=DocumentDraft.Status.DRAFT,
        created_by_id=draft.created_by_id,
        office_id=draft.office_id,
        department_id=draft.department_id,
        addressee_jurisdiction_id=draft.addressee_jurisdiction_id,
        period_start=draft.period_start,
        period_end=draft.period_end,
        replaces_id=draft.replaces_id,
        subject=draft.subject,
        opening=draft.opening,
        created_at__gte=since,
    ).order_by("-created_at", "-id")
    for candidate in candidates:
        if candidate.items == draft.items:
            return candidate
    return None


@transaction.atomic
def bulletin_draft(
    *,
    start: datetime.date,
    end: datetime.date,
    actor,
    replaces: Notice | None = None,
    to_jurisdiction: Jurisdiction | None = None,
) -> DocumentDraft:
    """A draft bulletin of the actor's office on the overdue work of ``start`` to ``end``: to all
    departments of its own level, or to the government of a jurisdiction below
    (``to_jurisdiction``) on the work of that jurisdiction; with the office's usual text."""
    office = _office_of(actor)
    if to_jurisdiction is not None and (
        to_jurisdiction.pk == office.pk or not to_jurisdiction.path.startswith(office.path)
    ):
        raise TransitionNotAllowed(
            _("A bulletin goes to the government of a jurisdiction below this office's.")
        )
    if start > end:
        raise ValidationError({"end": _("The end of the period is before its start.")})
    if end > today():
        raise ValidationError({"end": _("The period cannot end in the future.")})
    _check_replaces(replaces)
    with translation.override(settings.LANGUAGE_CODE):
        period = _period(start, end)
        items = bulletin_items(start, end, today(), office=office, to_jurisdiction=to_jurisdiction)
        draft = DocumentDraft(
            kind=Notice.Kind.BULLETIN,
            office=office,
            addressee_jurisdiction=to_jurisdiction,
            period_start=start,
            period_end=end,
            subject=_("Bulletin on overdue enforcement supervision work, %(period)s")
            % {"period": period},
            opening=(
                _(
                    "From %(period)s, the following work was not done by its deadline (as the"
                    " records show, whether or not a notice was sent); each item says what has"
                    " become of it since:"
                )
                if items
                else _("From %(period)s the records show no work overdue.")
            )
            % {"period": period},
            items=items,
            closing=_(
                "The departments named are to complete the work at once and report the"
                " rectification to the legal office."
            )
            if items
            else "",
            replaces=replaces,
            created_by=actor,
        )
    draft.full_clean()
    repeat = _repeated_draft(draft)
    if repeat is not None:
        return repeat
    draft.save()
    audit.record(draft, action="create", actor=actor, after=audit.snapshot(draft))
    return draft


@transaction.atomic
def criticism_draft(
    *,
    department: Department,
    reason: str,
    items: list[str] | str = (),
    actor,
    replaces: Notice | None = None,
) -> DocumentDraft:
    """A draft criticism (通报批评) of ``department`` by the office of its own jurisdiction: the
    reason, and the items it refers to."""
    require_legal_office(actor)
    reason = require_reason(reason)
    if isinstance(items, str):
        items = items.splitlines()
    items = [line.strip() for line in items if line.strip()]
    if department is None or department.is_legal_office:
        raise ValidationError({"department": _("Choose the department criticised.")})
    if not actor.handles(department):
        raise ValidationError(
            {"department": _("Choose a department of this office's own jurisdiction.")}
        )
    _check_replaces(replaces)
    with translation.override(settings.LANGUAGE_CODE):
        values = {"department": department.name}
        draft = DocumentDraft(
            kind=Notice.Kind.CRITICISM,
            department=department,
            office_id=department.jurisdiction_id,
            subject=_("Criticism of %(department)s") % values,
            opening=reason,
            items=items,
            closing=_(
                "%(department)s is to rectify this at once and report the rectification to the"
                " legal office in writing."
            )
            % values,
            replaces=replaces,
            created_by=actor,
        )
    draft.full_clean()
    repeat = _repeated_draft(draft)
    if repeat is not None:
        return repeat
    draft.save()
    audit.record(draft, action="create", actor=actor, after=audit.snapshot(draft))
    return draft


def _locked_draft(draft: DocumentDraft, actor) -> DocumentDraft:
    require_legal_office(actor)
    draft = DocumentDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.office_id != actor.jurisdiction_id:
        raise PermissionDenied(_("Only the office that drafted it may change or issue it."))
    if draft.status != DocumentDraft.Status.DRAFT:
        raise TransitionNotAllowed(_("This draft has been issued and can no longer be changed."))
    return draft


def copy_to_choices(draft: DocumentDraft):
    """Whom the office may send a copy (抄送): the departments of its own level and the legal
    offices of the jurisdictions below, never the addressee nor the office itself."""
    office = draft.office
    below = Jurisdiction.objects.below(office).exclude(pk=office.pk).values("pk")
    return (
        Department.objects.filter(
            Q(jurisdiction=office, is_legal_office=False)
            | Q(is_legal_office=True, jurisdiction__in=below)
        )
        .exclude(pk=draft.department_id)
        .order_by("jurisdiction__path", "-is_legal_office", "code")
    )


def _copy_to_ids(draft: DocumentDraft) -> list[int]:
    return list(draft.copy_to_departments.order_by("code").values_list("pk", flat=True))


def _set_copy_to(draft: DocumentDraft, departments) -> None:
    chosen = [getattr(d, "pk", d) for d in departments or ()]
    allowed = set(copy_to_choices(draft).filter(pk__in=chosen).values_list("pk", flat=True))
    if set(chosen) - allowed:
        raise ValidationError(
            {
                "copy_to_departments": _(
                    "Send copies to departments of this office's level or to the legal offices"
                    " below, not to the addressee."
                )
            }
        )
    draft.copy_to_departments.set(chosen)


@transaction.atomic
def draft_update(*, draft: DocumentDraft, actor, **values) -> DocumentDraft:
    """Edit the covering text (title, opening, closing) of a draft and whom it is copied to
    (``copy_to_departments``); its items come from records."""
    draft = _locked_draft(draft, actor)
    before = {**audit.snapshot(draft, list(DRAFT_FIELDS)), "copy_to": _copy_to_ids(draft)}
    for name in DRAFT_FIELDS:
        if name in values:
            setattr(draft, name, (values[name] or "").strip())
    draft.full_clean()
    draft.save(update_fields=[*DRAFT_FIELDS, "updated_at"])
    if "copy_to_departments" in values:
        _set_copy_to(draft, values["copy_to_departments"])
    audit.record(
        draft,
        action="change",
        actor=actor,
        before=before,
        after={**audit.snapshot(draft, list(DRAFT_FIELDS)), "copy_to": _copy_to_ids(draft)},
    )
    return draft


def compose(draft: DocumentDraft, items: list[str]) -> str:
    """The document's text: the citation of the voided one it replaces, the opening, the items
    numbered, the closing; one paragraph a line."""
    with translation.override(settings.LANGUAGE_CODE):
        paragraphs = []
        if draft.replaces_id:
            paragraphs.append(
                _("This document corrects and replaces %(number)s, which is void.")
                % {"number": draft.replaces.number}
            )
        paragraphs.append(draft.opening)
        paragraphs.extend(f"{number}. {line}" for number, line in enumerate(items, 1))
        if draft.closing:
            paragraphs.append(draft.closing)
    return "\n".join(paragraphs)


def _current_items(draft: DocumentDraft, day: datetime.date) -> list[str]:
    if draft.kind == Notice.Kind.BULLETIN:
        return bulletin_items(
            draft.period_start,
            draft.period_end,
            day,
            office=draft.office,
            to_jurisdiction=draft.addressee_jurisdiction,
        )
    return list(draft.items)


def _notice_draft(draft: DocumentDraft, items: list[str]) -> NoticeDraft:
    return NoticeDraft(
        kind=draft.kind,
        department_id=draft.department_id,
        subject=draft.subject,
        body=compose(draft, items),
        object_key=f"draft:{draft.pk}",
        office_id=draft.office_id,
        addressee_jurisdiction_id=draft.addressee_jurisdiction_id,
        copy_to=tuple(_copy_to_ids(draft)) if draft.pk else (),
    )


def preview(draft: DocumentDraft) -> Notice:
    """The notice the draft would be if issued today, unsaved and unnumbered (for the PDF)."""
    day = today()
    office = draft.office
    offices = {office.pk: office}
    if draft.addressee_jurisdiction_id:
        offices[draft.addressee_jurisdiction_id] = draft.addressee_jurisdiction
    with translation.override(settings.LANGUAGE_CODE):
        placeholder = _("(number given on issue)")
        addressee = notices.addressee_of(_notice_draft(draft, []), draft.department, offices)
    return Notice(
        kind=draft.kind,
        department=draft.department,
        addressee_jurisdiction=draft.addressee_jurisdiction,
        office=office,
        year=day.year,
        sequence=0,
        number=f"{office.number_prefix}〔{day.year}〕{placeholder}",
        addressee=addressee,
        subject=draft.subject,
        body=compose(draft, _current_items(draft, day)),
        office_name=office.office_name,
        seal_text="",  # a draft is not sealed: the seal comes with the number, on issue
        issued_on=day,
        copy_to=notices.copy_to_line(draft.copy_to_departments.order_by("code")),
    )


def render_preview_pdf(draft: DocumentDraft) -> bytes:
    return notices.render_pdf(preview(draft), draft=True)


@transaction.atomic
def draft_issue(*, draft: DocumentDraft, actor) -> Notice:
    """Issue the draft: the items as the records stand today, then the number (``notices.issue``).

    The draft is the notice's subject (``draft:<pk>``), so a second click issues nothing twice."""
    draft = _locked_draft(draft, actor)
    day = today()
    items = _current_items(draft, day)
    issued = notices.issue([_notice_draft(draft, items)], rule=draft.kind, day=day, actor=actor)
    if not issued:
        raise TransitionNotAllowed(_("This draft has been issued and can no longer be changed."))
    (notice,) = issued
    if draft.replaces_id:
        notice.replaces_id = draft.replaces_id
        notice.save(update_fields=["replaces"])
    before = audit.snapshot(draft, ["status", "items"])
    draft.status, draft.notice, draft.items = DocumentDraft.Status.ISSUED, notice, items
    draft.save(update_fields=["status", "notice", "items", "updated_at"])
    audit.record(
        draft,
        action="issue",
        actor=actor,
        before=before,
        after={**audit.snapshot(draft, ["status", "items"]), "number": notice.number},
    )
    return notice


@transaction.atomic
def notice_void(*, notice: Notice, reason: str, actor) -> Notice:
    """Void (作废) an issued notice, by the office that issued it: it keeps its number and says
    so everywhere."""
    require_legal_office(actor)
    reason = require_reason(reason)
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.office_id != actor.jurisdiction_id:
        raise PermissionDenied(_("Only the office that issued a document may void it."))
    if notice.is_void:
        raise TransitionNotAllowed(_("This document has already been voided."))
    notice.voided_at, notice.voided_by, notice.void_reason = timezone.now(), actor, reason
    notice.save(update_fields=["voided_at", "voided_by", "void_reason"])
    audit.record(
        notice,
        action="void",
        actor=actor,
        before={"voided_at": None},
        after={"voided_at": notice.voided_at.isoformat(), "number": notice.number},
        reason=reason,
    )
    return notice
