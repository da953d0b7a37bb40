"""Notices (通知/通报): issuing with gap-free document numbers, reading, replying, PDF, e-mail."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import audit, uploads
from .calendar import long_date, today
from .errors import TransitionNotAllowed
from .models import (
    Department,
    DocumentSequence,
    Jurisdiction,
    Notice,
    NoticeReading,
    NoticeReply,
    User,
)
from .official import official_pdf

logger = logging.getLogger(__name__)


@dataclass
class NoticeDraft:
    """What a rule wants to say; ``issue`` turns it into a numbered Notice (or into nothing).

    The issuing office is the legal office of the addressee department's jurisdiction (filings go
    to the office of the same level); a draft without a department names its ``office_id``. A
    notice to one person (an invited supervisor) names them in ``user_id`` and its ``office_id``.
    """

    kind: str
    department_id: int | None
    subject: str
    body: str
    object_key: str = ""
    #: The id of the row the notice is about; left None, a key "<rule>:<id>" gives it.
    object_id: int | None = None
    #: With ``object_id`` (a department's, an office's id): the period the notice is about.
    period: str = ""
    due_date: datetime.date | None = None
    explanation: str = ""
    office_id: int | None = None
    addressee_jurisdiction_id: int | None = None
    user_id: int | None = None
    #: 抄送: the ids of the departments (or legal offices) sent a copy, in the 版记's order.
    copy_to: tuple[int, ...] = ()


NOTICE_FIELDS = [
    *("kind", "rule", "object_key", "department_id", "number", "subject", "due_date", "copy_to")
]


def document_number(office: Jurisdiction, year: int, sequence: int) -> str:
    """宿法监通〔2026〕7号: the office's prefix, the year in hexagonal brackets, the number."""
    return f"{office.number_prefix}〔{year}〕{sequence}号"


def object_id_of(rule: str, draft: NoticeDraft) -> int | None:
    """The row id a draft is about: its own, or the id of a key "<rule>:<id>"."""
    if draft.object_id is not None:
        return draft.object_id
    head, _sep, tail = draft.object_key.rpartition(":")
    return int(tail) if head == rule and tail.isdigit() else None


def _departments_by_id(ids):
    return Department.objects.in_bulk([i for i in ids if i is not None])


def addressee_of(draft, department, offices, people=None) -> str:
    """Whom a notice is addressed to, as its document says it."""
    if department is not None:
        return department.name
    if draft.user_id is not None:
        person = people[draft.user_id]
        return _("Invited supervisor %(name)s") % {"name": person.get_full_name() or person}
    if draft.addressee_jurisdiction_id is not None:
        government = offices[draft.addressee_jurisdiction_id]
        return _("The people's government of %(jurisdiction)s") % {"jurisdiction": government.name}
    return _("All departments of the people's government of %(jurisdiction)s") % {
        "jurisdiction": offices[draft.office_id].name
    }


def copy_to_line(departments) -> str:
    """The 版记's 抄送 line: the names, in order, each once."""
    return "，".join(dict.fromkeys(d.name for d in departments))


def issue(drafts, *, rule: str, day: datetime.date | None = None, actor=None) -> list[Notice]:
    """Issue the drafts that were not issued before, numbered without gaps; returns the new ones.

    Each office numbers its own notices per year. Every issue takes the number rows of the
    offices concerned with SELECT ... FOR UPDATE (in one order, so two workers cannot deadlock)
    before it looks for notices already issued, so two workers running the same check serialise
    here and the second finds the first one's notices; the unique constraint on (rule,
    object_key, kind) stays the last guard. Numbers are taken in the same transaction, so a
    rollback leaves no gap.
    """
    if not drafts:
        return []
    day = day or today()
    departments = _departments_by_id(
        {d.department_id for d in drafts} | {i for d in drafts for i in d.copy_to}
    )
    for draft in drafts:
        if draft.department_id is not None:
            draft.office_id = departments[draft.department_id].jurisdiction_id
        elif draft.office_id is None:
            raise ValueError("A notice without an addressee department names its office.")
    office_ids = sorted({d.office_id for d in drafts})
    with transaction.atomic():
        DocumentSequence.objects.bulk_create(
            [DocumentSequence(office_id=office_id, year=day.year) for office_id in office_ids],
            ignore_conflicts=True,
        )
        sequences = {
            s.office_id: s
            for s in DocumentSequence.objects.select_for_update()
            .filter(office__in=office_ids, year=day.year)
            .order_by("office_id")
        }
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
        offices = Jurisdiction.objects.in_bulk(
            office_ids + [d.addressee_jurisdiction_id for d in fresh if d.addressee_jurisdiction_id]
        )
        people = User.objects.in_bulk([d.user_id for d in fresh if d.user_id is not None])
        new = []
        with translation.override(settings.LANGUAGE_CODE):
            for draft in fresh:
                office, sequence = offices[draft.office_id], sequences[draft.office_id]
                sequence.last += 1
                department = departments.get(draft.department_id)
                new.append(
                    Notice(
                        kind=draft.kind,
                        rule=rule,
                        object_key=draft.object_key,
                        object_id=object_id_of(rule, draft),
                        period=draft.period,
                        department=department,
                        addressee_jurisdiction_id=draft.addressee_jurisdiction_id,
                        addressee_user_id=draft.user_id,
                        office=office,
                        year=day.year,
                        sequence=sequence.last,
                        number=document_number(office, day.year, sequence.last),
                        addressee=addressee_of(draft, department, offices, people),
                        subject=draft.subject,
                        body=draft.body,
                        due_date=draft.due_date,
                        explanation=draft.explanation,
                        office_name=office.office_name,
                        seal_text=office.seal_text,
                        issued_on=day,
                        issued_by=actor,
                        copy_to=copy_to_line(departments[i] for i in draft.copy_to),
                    )
                )
        Notice.objects.bulk_create(new, batch_size=1000)
        Notice.copy_to_departments.through.objects.bulk_create(
            [
                Notice.copy_to_departments.through(notice_id=notice.pk, department_id=i)
                for notice, draft in zip(new, fresh, strict=True)
                for i in dict.fromkeys(draft.copy_to)
            ],
            batch_size=1000,
        )
        DocumentSequence.objects.bulk_update(sequences.values(), ["last"])
        audit.record_many(new, action="issue", actor=actor, fields=NOTICE_FIELDS)
        ids = [n.pk for n in new]
        transaction.on_commit(lambda: _queue_emails(ids), robust=True)
        if len(new) >= ANALYZE_AFTER:
            transaction.on_commit(_refresh_statistics, robust=True)
    return new


#: Notices issued at once from which the table's planner statistics are refreshed at commit.
ANALYZE_AFTER = 1000


def _refresh_statistics():
    # Autovacuum analyses a table once a tenth of it changed, minutes later: until then the planner
    # believes a rule has no notices and joins the next check's NOT EXISTS against them by a
    # nested loop over every pair (20,000 decisions x 20,000 notices: 54 s instead of 0.2 s).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Notice._meta.db_table}")


def _queue_emails(notice_ids):
    from .tasks import send_notice_emails

    for start in range(0, len(notice_ids), 500):
        send_notice_emails.delay(notice_ids[start : start + 500])


@transaction.atomic
def notice_mark_read(*, notice: Notice, actor) -> Notice:
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.addressee_user_id is not None:
        return _mark_read_by_person(notice, actor)
    if notice.department_id is None:
        return _mark_read_by_department(notice, actor)
    if notice.read_at is not None:
        return notice
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


def _mark_read_by_person(notice: Notice, actor) -> Notice:
    if notice.addressee_user_id != actor.pk:
        raise TransitionNotAllowed(_("Only the person it is addressed to marks this notice read."))
    if notice.read_at is None:
        notice.read_at, notice.read_by = timezone.now(), actor
        notice.save(update_fields=["read_at", "read_by"])
        audit.record(
            notice, action="read", actor=actor, after={"read_at": notice.read_at.isoformat()}
        )
    return notice


def _mark_read_by_department(notice: Notice, actor) -> Notice:
    """A bulletin to every department is read by each department on its own."""
    if actor.role != User.Role.CLERK or not actor.department_id:
        raise TransitionNotAllowed(
            _("Only a clerk of the addressee department marks a notice read.")
        )
    reading, created = NoticeReading.objects.get_or_create(
        notice=notice, department_id=actor.department_id, defaults={"read_by": actor}
    )
    if created:
        audit.record(
            notice,
            action="read",
            actor=actor,
            after={"department": actor.department_id, "read_at": reading.read_at.isoformat()},
        )
    notice.reading_at = reading.read_at
    return notice


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


def is_copy_for(notice: Notice, user) -> bool:
    """Whether the user reads the notice as a copy (抄送) to their department: they owe no
    answer, and the addressee's answers are not theirs to read."""
    return user.is_clerk and notice.department_id not in (None, user.department_id)


def render_pdf(notice: Notice, *, draft: bool = False) -> bytes:
    """The notice as an official document (GB/T 9704 layout), from its stored snapshot only.

    A voided notice is stamped 作废; a draft's preview (``draft``) is stamped 草稿."""
    return official_pdf("supervision/notice_pdf.html", notice_document(notice, draft=draft))


def notice_document(notice: Notice, *, draft: bool = False) -> dict:
    """What the notice's document says, from its snapshot."""
    paragraphs = [p for p in notice.body.split("\n") if p.strip()]
    if notice.due_date:
        paragraphs.append(f"截止日期：{long_date(notice.due_date)}。{notice.explanation}")
    return {
        "notice": notice,
        "office_name": notice.office_name,
        "number": notice.number,
        "subject": notice.subject,
        "addressee": notice.addressee,
        "paragraphs": paragraphs,
        "signed_on": long_date(notice.issued_on),
        "seal_text": notice.seal_text,
        "copy_to": notice.copy_to,
        "draft": draft,
        "voided_on": long_date(timezone.localdate(notice.voided_at)) if notice.voided_at else "",
    }


def _recipients(notice_ids) -> dict[int, list[str]]:
    """Who gets each notice by e-mail: the clerks of its department; for a bulletin to every
    department, the clerks of the issuing office's jurisdiction; for a notice to the government of
    a jurisdiction below, that jurisdiction's legal office; for a notice to a person, that person."""
    notices = list(
        Notice.objects.filter(pk__in=notice_ids).values(
            "pk", "department_id", "office_id", "addressee_jurisdiction_id", "addressee_user_id"
        )
    )
    users = User.objects.filter(is_active=True).exclude(email="")
    people = dict(
        users.filter(pk__in={n["addressee_user_id"] for n in notices}).values_list("pk", "email")
    )
    by_department, clerks_by_jurisdiction, office_by_jurisdiction = {}, {}, {}
    for role, department_id, jurisdiction_id, email in users.filter(
        Q(role=User.Role.CLERK, department__in={n["department_id"] for n in notices})
        | Q(role=User.Role.CLERK, jurisdiction__in={n["office_id"] for n in notices})
        | Q(
            role=User.Role.LEGAL_OFFICE,
            jurisdiction__in={n["addressee_jurisdiction_id"] for n in notices},
        )
    ).values_list("role", "department_id", "jurisdiction_id", "email"):
        if role == User.Role.CLERK:
            by_department.setdefault(department_id, set()).add(email)
            clerks_by_jurisdiction.setdefault(jurisdiction_id, set()).add(email)
        else:
            office_by_jurisdiction.setdefault(jurisdiction_id, set()).add(email)
    recipients = {}
    for n in notices:
        if n["addressee_user_id"] is not None:
            to = [people[n["addressee_user_id"]]] if n["addressee_user_id"] in people else []
        elif n["department_id"] is not None:
            to = by_department.get(n["department_id"], ())
        elif n["addressee_jurisdiction_id"] is not None:
            to = office_by_jurisdiction.get(n["addressee_jurisdiction_id"], ())
        else:
            to = clerks_by_jurisdiction.get(n["office_id"], ())
        recipients[n["pk"]] = sorted(to)
    return recipients


EMAIL_BATCH = 100


def send_emails(notice_ids) -> int:
    """E-mail each notice to those it is addressed to, once.

    Notices go in batches of ``EMAIL_BATCH``: each batch is locked (rows another worker holds are
    skipped), sent over one connection and marked with one UPDATE in one transaction, so a retry
    after a failure skips the batches already marked and two workers never send the same notice.
    """
    recipients = _recipients(list(notice_ids))
    pending = Notice.objects.filter(pk__in=list(recipients), emailed_at__isnull=True)
    # Notices with nobody to e-mail have nothing to send.
    pending.filter(pk__in=[pk for pk, to in recipients.items() if not to]).update(
        emailed_at=timezone.now()
    )
    ids = list(pending.values_list("pk", flat=True))
    sent = 0
    for start in range(0, len(ids), EMAIL_BATCH):
        with transaction.atomic():
            batch = list(
                Notice.objects.select_for_update(skip_locked=True)
                .filter(pk__in=ids[start : start + EMAIL_BATCH], emailed_at__isnull=True)
                .order_by("pk")
            )
            with translation.override(settings.LANGUAGE_CODE):
                messages = [
                    EmailMessage(
                        subject=f"{notice.number} {notice.subject}",
                        body=render_to_string("supervision/notice_email.txt", {"notice": notice}),
                        to=recipients[notice.pk],
                    )
                    for notice in batch
                ]
            if messages:
                get_connection().send_messages(messages)
            Notice.objects.filter(pk__in=[n.pk for n in batch]).update(emailed_at=timezone.now())
            sent += len(messages)
    return sent
