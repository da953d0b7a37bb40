"""Notices (通知/通报): issuing with gap-free document numbers, reading, replying, PDF, e-mail."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import audit, uploads
from .calendar import long_date, today
from .errors import TransitionNotAllowed
from .models import Department, Notice, NoticeReply, NoticeSequence, User

logger = logging.getLogger(__name__)


@dataclass
class NoticeDraft:
    """What a rule wants to say; ``issue`` turns it into a numbered Notice (or into nothing)."""

    kind: str
    department_id: int | None
    subject: str
    body: str
    object_key: str = ""
    due_date: datetime.date | None = None
    explanation: str = ""


NOTICE_FIELDS = ["kind", "rule", "object_key", "department_id", "number", "subject", "due_date"]


def document_number(year: int, sequence: int) -> str:
    """宿法监通〔2026〕7号: the office's prefix, the year in hexagonal brackets, the number."""
    return f"{settings.NOTICE_NUMBER_PREFIX}〔{year}〕{sequence}号"


def _departments_by_id(ids):
    return Department.objects.in_bulk([i for i in ids if i is not None])


def issue(drafts, *, rule: str, day: datetime.date | None = None, actor=None) -> list[Notice]:
    """Issue the drafts that were not issued before, numbered without gaps; returns the new ones.

    Every issue takes the year's number row with SELECT ... FOR UPDATE before it looks for
    notices already issued, so two workers running the same check serialise here and the
    second finds the first one's notices; the unique constraint on (rule, object_key, kind)
    stays the last guard. Numbers are taken in the same transaction, so a rollback leaves no gap.
    """
    if not drafts:
        return []
    day = day or today()
    with transaction.atomic():
        NoticeSequence.objects.bulk_create([NoticeSequence(year=day.year)], ignore_conflicts=True)
        sequence = NoticeSequence.objects.select_for_update().get(year=day.year)
        keys = list({d.object_key for d in drafts})
        issued = set()
        for start in range(0, len(keys), 5000):
            issued.update(
                Notice.objects.filter(
                    rule=rule, object_key__in=keys[start : start + 5000]
                ).values_list("object_key", "kind")
            )
        fresh = []
        for draft in drafts:
            if (draft.object_key, draft.kind) not in issued:
                issued.add((draft.object_key, draft.kind))
                fresh.append(draft)
        if not fresh:
            return []
        departments = _departments_by_id({d.department_id for d in fresh})
        with translation.override(settings.LANGUAGE_CODE):
            all_departments = _("All departments of the city government")
        new = []
        for draft in fresh:
            sequence.last += 1
            department = departments.get(draft.department_id)
            new.append(
                Notice(
                    kind=draft.kind,
                    rule=rule,
                    object_key=draft.object_key,
                    department=department,
                    year=day.year,
                    sequence=sequence.last,
                    number=document_number(day.year, sequence.last),
                    addressee=department.name if department else all_departments,
                    subject=draft.subject,
                    body=draft.body,
                    due_date=draft.due_date,
                    explanation=draft.explanation,
                    office_name=settings.PORTAL_OFFICE_NAME,
                    issued_on=day,
                    issued_by=actor,
                )
            )
        Notice.objects.bulk_create(new, batch_size=1000)
        sequence.save(update_fields=["last"])
        audit.record_many(new, action="issue", actor=actor, fields=NOTICE_FIELDS)
        ids = [n.pk for n in new]
        transaction.on_commit(lambda: _queue_emails(ids), robust=True)
    return new


def _queue_emails(notice_ids):
    from .tasks import send_notice_emails

    for start in range(0, len(notice_ids), 500):
        send_notice_emails.delay(notice_ids[start : start + 500])


@transaction.atomic
def notice_mark_read(*, notice: Notice, actor) -> Notice:
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.read_at is not None:
        return notice
    # A bulletin to every department has no single reader, so it is never marked read.
    if actor.role != User.Role.CLERK or notice.department_id != actor.department_id:
        raise TransitionNotAllowed(
            _("Only a clerk of the addressee department marks a notice read.")
        )
    notice.read_at, notice.read_by = timezone.now(), actor
    notice.save(update_fields=["read_at", "read_by"])
    audit.record(notice, action="read", actor=actor, after={"read_at": notice.read_at.isoformat()})
    return notice


def _recently():
    return timezone.now() - datetime.timedelta(seconds=settings.REPEAT_SUBMISSION_SECONDS)


def _repeated_reply(notice, actor, text, attachment):
    """The same author's reply with the same text (and an attachment of the same size, or none)
    sent to this notice within ``REPEAT_SUBMISSION_SECONDS``."""
    candidates = notice.replies.filter(author=actor, text=text, created_at__gte=_recently())
    for reply in candidates.order_by("-created_at"):
        if not attachment and not reply.attachment:
            return reply
        if attachment and reply.attachment and reply.attachment.size == attachment.size:
            return reply
    return None


@transaction.atomic
def notice_reply(*, notice: Notice, actor, text: str, attachment=None) -> NoticeReply:
    if actor.role != User.Role.CLERK or notice.department_id != actor.department_id:
        raise TransitionNotAllowed(_("Only a clerk of the addressee department answers a notice."))
    # A reply sent twice (a double click, a client retrying) is one reply: the notice row is
    # locked, so six identical requests at once find the first one's reply.
    Notice.objects.select_for_update().filter(pk=notice.pk).first()
    repeat = _repeated_reply(notice, actor, text, attachment)
    if repeat is not None:
        return repeat
    reply = NoticeReply(notice=notice, author=actor, text=text, attachment=attachment or "")
    uploads.remember_names(reply)
    reply.full_clean()
    reply.save()
    if notice.read_at is None:
        notice_mark_read(notice=notice, actor=actor)
    audit.record(reply, action="create", actor=actor, after=audit.snapshot(reply))
    return reply


def bulletin_issue(*, start: datetime.date, end: datetime.date, actor) -> Notice:
    """A bulletin (通报) listing the overdue notices issued between ``start`` and ``end``."""
    overdue = (
        Notice.objects.filter(kind=Notice.Kind.OVERDUE, issued_on__range=(start, end))
        .select_related("department")
        .order_by("department__code", "due_date", "sequence")
    )
    with translation.override(settings.LANGUAGE_CODE):
        period = _("%(start)s to %(end)s") % {"start": long_date(start), "end": long_date(end)}
        lines = [
            _("%(department)s: %(subject)s (deadline %(due)s, notice %(number)s)")
            % {
                "department": n.addressee,
                "subject": n.subject,
                "due": long_date(n.due_date) if n.due_date else "—",
                "number": n.number,
            }
            for n in overdue
        ]
        if lines:
            body = "\n".join(
                [
                    _("From %(period)s the following work was not done by its deadline:")
                    % {"period": period},
                    *(f"{i}. {line}" for i, line in enumerate(lines, 1)),
                    _(
                        "The departments named are to complete the work at once and report the rectification to the legal office."
                    ),
                ]
            )
        else:
            body = _("From %(period)s no work was overdue.") % {"period": period}
        subject = _("Bulletin on overdue enforcement supervision work, %(period)s") % {
            "period": period
        }
    with transaction.atomic():
        # The same bulletin asked for again by the same person (six clicks, a retrying client)
        # is the one already issued: their row is locked, so requests at once see each other's.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        repeat = (
            Notice.objects.filter(
                kind=Notice.Kind.BULLETIN,
                issued_by=actor,
                subject=subject,
                body=body,
                issued_at__gte=_recently(),
            )
            .order_by("-issued_at")
            .first()
        )
        if repeat is not None:
            return repeat
        return _issue_bulletin(subject, body, start, end, actor)


def _issue_bulletin(subject, body, start, end, actor) -> Notice:
    draft = NoticeDraft(
        kind=Notice.Kind.BULLETIN,
        department_id=None,
        subject=subject,
        body=body,
        object_key=f"bulletin:{start.isoformat()}:{end.isoformat()}:{timezone.now().timestamp()}",
    )
    return issue([draft], rule="", actor=actor)[0]


def render_pdf(notice: Notice) -> bytes:
    """The notice as an official document (GB/T 9704 layout), from its stored snapshot only."""
    from weasyprint import HTML

    with translation.override("zh-hans"):
        html = render_to_string(
            "supervision/notice_pdf.html",
            {
                "notice": notice,
                "paragraphs": [p for p in notice.body.split("\n") if p.strip()],
                "issued_on": long_date(notice.issued_on),
                "due_date": long_date(notice.due_date) if notice.due_date else "",
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def send_emails(notice_ids) -> int:
    """E-mail each notice to its department's clerks, once.

    Each notice is locked, sent and marked in its own transaction: a retry after a failure
    skips the ones already marked, and two workers never send the same notice.
    """
    notice_ids = list(notice_ids)
    department_ids = set(
        Notice.objects.filter(pk__in=notice_ids).values_list("department_id", flat=True)
    )
    clerks = User.objects.filter(role=User.Role.CLERK, is_active=True).exclude(email="")
    if None not in department_ids:
        clerks = clerks.filter(department_id__in=department_ids)
    recipients: dict[int | None, set[str]] = {}
    for department_id, email in clerks.values_list("department_id", "email"):
        recipients.setdefault(department_id, set()).add(email)
        recipients.setdefault(None, set()).add(email)  # bulletins go to every department
    # Notices whose department has no clerk with an e-mail address have nothing to send.
    silent = Q(department_id__in=department_ids - set(recipients))
    if None not in recipients:
        silent |= Q(department__isnull=True)
    pending = Notice.objects.filter(pk__in=notice_ids, emailed_at__isnull=True)
    pending.filter(silent).update(emailed_at=timezone.now())
    sent = 0
    for notice_id in list(pending.values_list("pk", flat=True)):
        with transaction.atomic():
            notice = (
                Notice.objects.select_for_update()
                .filter(pk=notice_id, emailed_at__isnull=True)
                .first()
            )
            if notice is None:
                continue
            to = sorted(recipients.get(notice.department_id, ()))
            if to:
                with translation.override(settings.LANGUAGE_CODE):
                    send_mail(
                        subject=f"{notice.number} {notice.subject}",
                        message=render_to_string(
                            "supervision/notice_email.txt", {"notice": notice}
                        ),
                        from_email=None,
                        recipient_list=to,
                    )
                sent += 1
            notice.emailed_at = timezone.now()
            notice.save(update_fields=["emailed_at"])
    return sent
