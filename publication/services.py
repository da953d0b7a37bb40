"""The writes of publication: normative documents (registration, filing, the legal office's
filing review), discretion benchmarks (versions, review, publication, superseding), and the
catalogues of major decisions with their flowcharts (sent, acknowledged or returned, published),
and the year's work plan (tasks, deliveries reported with evidence, accepted or returned).

Every function checks who acts and the record's state, locks the row, saves, and audits in the
same transaction; views, the API and the admin call these and nothing else.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cases.models import MajorDecisionCategory
from supervision import audit, calendar, notes, rectification, uploads
from supervision.calendar import long_date
from supervision.errors import TransitionNotAllowed
from supervision.tracking import TrackingCodes
from supervision.uploads import check_uploads
from supervision.workflow import (
    apply_changes,
    department_for,
    require_legal_office,
    require_writer,
    save_new,
    transition,
)

from .deadlines import delivery_due, filing_deadline, objection_answer_deadline
from .models import (
    DOCUMENT_TYPES,
    FLOWCHART_TYPES,
    CatalogueFiling,
    CleanupCampaign,
    CleanupItem,
    DiscretionBenchmark,
    NormativeDocument,
    Objection,
    TaskDelivery,
    WorkTask,
)

DOCUMENT_FIELDS = ("number", "title", "issued_on", "effective_on", "text")
BENCHMARK_FIELDS = (
    "matter",
    "legal_basis",
    "discretion",
    "grades",
    "higher_benchmark",
    "effective_from",
)

Doc = NormativeDocument.Status
Bench = DiscretionBenchmark.Status

DUPLICATE_NUMBER = gettext_lazy(
    "This department already has a normative document with this number."
)


def _check_issued_on(issued_on: datetime.date) -> None:
    if issued_on and issued_on > calendar.today():
        raise ValidationError({"issued_on": _("The issuing date cannot be in the future.")})


# Normative documents (规范性文件备案) ---------------------------------------------------------


def _locked_document(document: NormativeDocument) -> NormativeDocument:
    return NormativeDocument.objects.select_for_update().get(pk=document.pk)


def _with_deadline(document: NormativeDocument) -> None:
    deadline = filing_deadline(document.issued_on)
    document.filing_due = deadline.due
    document.filing_due_provisional = deadline.provisional
    document.filing_due_explanation = deadline.as_json()


@transaction.atomic
def document_register(
    *,
    actor,
    number: str,
    title: str,
    issued_on: datetime.date,
    effective_on: datetime.date,
    text,
    department=None,
) -> NormativeDocument:
    """Register a normative document the department issued; its filing deadline starts to run
    from the issuing date, whenever it is registered."""
    department = department_for(actor, department)
    check_uploads([text] if text else [], types=DOCUMENT_TYPES, field="text")
    _check_issued_on(issued_on)
    document = NormativeDocument(
        department=department,
        number=(number or "").strip(),
        title=(title or "").strip(),
        issued_on=issued_on,
        effective_on=effective_on,
        text=text,
        created_by=actor,
    )
    if issued_on:
        _with_deadline(document)
    try:
        # Two registrations of one number at once: the unique constraint keeps one.
        with transaction.atomic():
            save_new(document, actor=actor, action="register")
    except IntegrityError:
        raise ValidationError({"number": DUPLICATE_NUMBER}) from None
    return document


@transaction.atomic
def document_update(*, document: NormativeDocument, actor, **values) -> NormativeDocument:
    """Correct a document not yet filed; a new issuing date moves its filing deadline."""
    document = _locked_document(document)
    require_writer(actor, document.department_id)
    if not document.is_editable:
        raise TransitionNotAllowed(_("This document has been filed and can no longer be changed."))
    values = {k: v for k, v in values.items() if k in DOCUMENT_FIELDS}
    text = values.pop("text", None)
    if text and text != document.text:  # a new file; none: keep the one uploaded
        values["text"] = check_uploads([text], types=DOCUMENT_TYPES, field="text")[0]
    if "issued_on" in values:
        _check_issued_on(values["issued_on"])
    fields = list(DOCUMENT_FIELDS)
    if values.get("issued_on") and values["issued_on"] != document.issued_on:
        deadline = filing_deadline(values["issued_on"])
        values |= {
            "filing_due": deadline.due,
            "filing_due_provisional": deadline.provisional,
            "filing_due_explanation": deadline.as_json(),
        }
        fields += ["filing_due", "filing_due_provisional", "filing_due_explanation"]
    try:
        with transaction.atomic():
            return apply_changes(document, actor=actor, fields=fields, values=values)
    except IntegrityError:
        raise ValidationError({"number": DUPLICATE_NUMBER}) from None


@transaction.atomic
def document_file(
    *, document: NormativeDocument, actor, filed_on: datetime.date | None = None
) -> NormativeDocument:
    """Record the filing (备案) with the legal office; a late filing is accepted and shows late."""
    document = _locked_document(document)
    require_writer(actor, document.department_id)
    today = calendar.today()
    filed_on = filed_on or today
    if filed_on > today:
        raise ValidationError({"filed_on": _("The filing date cannot be in the future.")})
    if filed_on < document.issued_on:
        raise ValidationError(
            {
                "filed_on": _("The filing date cannot be earlier than the issuing date (%(day)s).")
                % {"day": long_date(document.issued_on)}
            }
        )
    return transition(
        document,
        actor=actor,
        action="file",
        sources=(Doc.REGISTERED,),
        target=Doc.FILED,
        refusal=_("This document has already been filed."),
        filed_on=filed_on,
        filed_by=actor,
    )


NOT_UNDER_REVIEW = {
    Doc.REGISTERED: gettext_lazy(
        "This document has not been filed yet: there is nothing to review."
    ),
    Doc.NO_PROBLEM: gettext_lazy("This document has already been reviewed."),
    Doc.PROBLEM_FOUND: gettext_lazy("This document has already been reviewed."),
}


@transaction.atomic
def document_review(
    *,
    document: NormativeDocument,
    actor,
    result: str,
    opinion: str = "",
    problem: str = "",
    correction_required: str = "",
) -> NormativeDocument:
    """The legal office's filing review (备案审查): no problem, or a problem found with the
    correction it demands (有错必纠). Only the office of the department's own jurisdiction."""
    require_legal_office(actor, document.department)
    document = _locked_document(document)
    opinion, problem = (opinion or "").strip(), (problem or "").strip()
    correction_required = (correction_required or "").strip()
    if result not in (Doc.NO_PROBLEM, Doc.PROBLEM_FOUND):
        raise ValidationError({"result": _("The result is either no problem or problem found.")})
    if result == Doc.PROBLEM_FOUND:
        errors = {}
        if not problem:
            errors["problem"] = _("Describe the problem found.")
        if not correction_required:
            errors["correction_required"] = _("Say what correction the department must make.")
        if errors:
            raise ValidationError(errors)
    else:
        problem = correction_required = ""
    document = transition(
        document,
        actor=actor,
        action=f"review_{result}",
        sources=(Doc.FILED,),
        target=result,
        refusal=NOT_UNDER_REVIEW.get(document.status),
        reason=problem or opinion,
        review_opinion=opinion,
        problem=problem,
        correction_required=correction_required,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )
    if result == Doc.PROBLEM_FOUND:
        # 有错必纠: the correction goes into the kernel's rectification loop (order, report,
        # accepted or returned, follow-up), as a finding linked to this document.
        finding = rectification.finding_raise(
            department=document.department,
            problem=notes.note(
                gettext_lazy("%(problem)s\nCorrection required: %(correction)s"),
                problem=problem,
                correction=correction_required,
            ),
            actor=actor,
            source=document,
            source_label=str(document),
        )
        rectification.finding_order(finding=finding, actor=actor)
    return document


# Discretion benchmarks (行政裁量权基准) -------------------------------------------------------


def _locked_benchmark(benchmark: DiscretionBenchmark) -> DiscretionBenchmark:
    return DiscretionBenchmark.objects.select_for_update().get(pk=benchmark.pk)


ALREADY_KEPT = gettext_lazy(
    "This department already has a benchmark for this matter: open a new version of it instead."
)


@transaction.atomic
def benchmark_register(
    *,
    actor,
    matter: str,
    legal_basis: str,
    discretion: str,
    grades: list,
    effective_from: datetime.date,
    higher_benchmark: str = "",
    department=None,
) -> DiscretionBenchmark:
    """Register the first version of a department's benchmark for a matter, as a draft."""
    department = department_for(actor, department)
    matter = (matter or "").strip()
    if DiscretionBenchmark.objects.filter(department=department, matter=matter).exists():
        raise ValidationError({"matter": ALREADY_KEPT})
    benchmark = DiscretionBenchmark(
        department=department,
        matter=matter,
        legal_basis=legal_basis,
        discretion=discretion,
        grades=grades,
        higher_benchmark=higher_benchmark,
        effective_from=effective_from,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            save_new(benchmark, actor=actor, action="register")
    except IntegrityError:
        raise ValidationError({"matter": ALREADY_KEPT}) from None
    return benchmark


@transaction.atomic
def benchmark_update(*, benchmark: DiscretionBenchmark, actor, **values) -> DiscretionBenchmark:
    """Correct a draft, or a version the legal office returned. The matter is named once: a
    new version keeps it."""
    benchmark = _locked_benchmark(benchmark)
    require_writer(actor, benchmark.department_id)
    if not benchmark.is_editable:
        raise TransitionNotAllowed(
            _("Only a draft or a returned version can be changed; open a new version instead.")
        )
    values.pop("matter", None)
    return apply_changes(benchmark, actor=actor, fields=BENCHMARK_FIELDS, values=values)


@transaction.atomic
def benchmark_submit(*, benchmark: DiscretionBenchmark, actor) -> DiscretionBenchmark:
    """Send a draft (or a corrected returned version) to the legal office for review."""
    benchmark = _locked_benchmark(benchmark)
    require_writer(actor, benchmark.department_id)
    return transition(
        benchmark,
        actor=actor,
        action="resubmit" if benchmark.status == Bench.RETURNED else "submit",
        sources=(Bench.DRAFT, Bench.RETURNED),
        target=Bench.SUBMITTED,
        refusal=_("Only a draft or a returned version can be submitted for review."),
    )


@transaction.atomic
def benchmark_review(
    *, benchmark: DiscretionBenchmark, actor, result: str, opinion: str = ""
) -> DiscretionBenchmark:
    """The legal office's review: approved (the department may publish) or returned with
    reasons. Only the office of the department's own jurisdiction."""
    require_legal_office(actor, benchmark.department)
    benchmark = _locked_benchmark(benchmark)
    opinion = (opinion or "").strip()
    if result not in (Bench.APPROVED, Bench.RETURNED):
        raise ValidationError({"result": _("The result is either approved or returned.")})
    if result == Bench.RETURNED and not opinion:
        raise ValidationError(
            {"opinion": _("Give the reasons for returning it: the department needs them.")}
        )
    return transition(
        benchmark,
        actor=actor,
        action="approve" if result == Bench.APPROVED else "return_for_correction",
        sources=(Bench.SUBMITTED,),
        target=result,
        refusal=_("This version is not waiting for review."),
        reason=opinion,
        review_opinion=opinion,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )


@transaction.atomic
def benchmark_publish(*, benchmark: DiscretionBenchmark, actor) -> DiscretionBenchmark:
    """Publish an approved version. The version in force until now is superseded: it stays
    readable, in force until the day before the new one takes effect."""
    benchmark = _locked_benchmark(benchmark)
    require_writer(actor, benchmark.department_id)
    if benchmark.status != Bench.APPROVED:
        raise TransitionNotAllowed(_("Only a version whose review has passed can be published."))
    current = (
        DiscretionBenchmark.objects.select_for_update()
        .filter(department_id=benchmark.department_id, matter=benchmark.matter)
        .in_force()
        .first()
    )
    if current is not None:
        if benchmark.effective_from <= current.effective_from:
            raise ValidationError(
                {
                    "effective_from": _(
                        "The new version must take effect after the version in force (from"
                        " %(day)s)."
                    )
                    % {"day": long_date(current.effective_from)}
                }
            )
        transition(
            current,
            actor=actor,
            action="supersede",
            sources=(Bench.PUBLISHED,),
            target=Bench.SUPERSEDED,
            refusal=None,  # it was just read in force, under a lock
            reason=str(benchmark),
            effective_until=benchmark.effective_from - datetime.timedelta(days=1),
        )
    return transition(
        benchmark,
        actor=actor,
        action="publish",
        sources=(Bench.APPROVED,),
        target=Bench.PUBLISHED,
        refusal=None,
        published_on=calendar.today(),
    )


@transaction.atomic
def benchmark_revise(*, benchmark: DiscretionBenchmark, actor) -> DiscretionBenchmark:
    """Open the next version of the benchmark in force, as a draft copied from it."""
    benchmark = _locked_benchmark(benchmark)
    require_writer(actor, benchmark.department_id)
    if benchmark.status != Bench.PUBLISHED:
        raise TransitionNotAllowed(_("Only the version in force can be revised."))
    if DiscretionBenchmark.objects.filter(
        department_id=benchmark.department_id,
        matter=benchmark.matter,
        status__in=DiscretionBenchmark.IN_PREPARATION,
    ).exists():
        raise TransitionNotAllowed(_("A new version of this benchmark is already being prepared."))
    revision = DiscretionBenchmark(
        department_id=benchmark.department_id,
        matter=benchmark.matter,
        version=benchmark.version + 1,
        previous=benchmark,
        **{name: getattr(benchmark, name) for name in BENCHMARK_FIELDS if name != "matter"},
        created_by=actor,
    )
    revision.effective_from = max(
        calendar.today(), benchmark.effective_from + datetime.timedelta(days=1)
    )
    try:
        with transaction.atomic():
            return save_new(revision, actor=actor, action="revise")
    except IntegrityError:
        raise TransitionNotAllowed(
            _("A new version of this benchmark is already being prepared.")
        ) from None


# Catalogues of major decisions and flowcharts (重大执法决定事项目录、法制审核流程图) -----------

Cat = CatalogueFiling.Status


def _locked_catalogue(filing: CatalogueFiling) -> CatalogueFiling:
    return CatalogueFiling.objects.select_for_update().get(pk=filing.pk)


ALREADY_WITH_THE_OFFICE = gettext_lazy(
    "This department's catalogue is already with the legal office."
)


@transaction.atomic
def catalogue_send(*, actor, flowchart, department=None) -> CatalogueFiling:
    """Send the department's catalogue of major decisions (its categories in use, as they read
    now) with its legal-review flowchart to the legal office."""
    department = department_for(actor, department)
    check_uploads([flowchart] if flowchart else [], types=FLOWCHART_TYPES, field="flowchart")
    categories = [
        {"title": title, "criteria": criteria}
        for title, criteria in MajorDecisionCategory.objects.filter(
            department=department, is_active=True
        )
        .order_by("title")
        .values_list("title", "criteria")
    ]
    if not categories:
        raise ValidationError(
            _("The department's catalogue of major decisions is empty: add its categories first.")
        )
    if CatalogueFiling.objects.filter(
        department=department, status__in=(Cat.SUBMITTED, Cat.ACKNOWLEDGED)
    ).exists():
        raise TransitionNotAllowed(ALREADY_WITH_THE_OFFICE)
    filing = CatalogueFiling(
        department=department, categories=categories, flowchart=flowchart, created_by=actor
    )
    try:
        with transaction.atomic():
            return save_new(filing, actor=actor, action="submit")
    except IntegrityError:
        raise TransitionNotAllowed(ALREADY_WITH_THE_OFFICE) from None


@transaction.atomic
def catalogue_review(
    *, filing: CatalogueFiling, actor, result: str, opinion: str = ""
) -> CatalogueFiling:
    """The legal office acknowledges the catalogue and flowchart, or returns them with reasons.
    Only the office of the department's own jurisdiction."""
    require_legal_office(actor, filing.department)
    filing = _locked_catalogue(filing)
    opinion = (opinion or "").strip()
    if result not in (Cat.ACKNOWLEDGED, Cat.RETURNED):
        raise ValidationError({"result": _("The result is either acknowledged or returned.")})
    if result == Cat.RETURNED and not opinion:
        raise ValidationError(
            {"opinion": _("Give the reasons for returning it: the department needs them.")}
        )
    return transition(
        filing,
        actor=actor,
        action="approve" if result == Cat.ACKNOWLEDGED else "return_for_correction",
        sources=(Cat.SUBMITTED,),
        target=result,
        refusal=_("This catalogue is not waiting for review."),
        reason=opinion,
        review_opinion=opinion,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )


@transaction.atomic
def catalogue_publish(*, filing: CatalogueFiling, actor) -> CatalogueFiling:
    """Publish an acknowledged catalogue; the one published before is superseded."""
    filing = _locked_catalogue(filing)
    require_writer(actor, filing.department_id)
    if filing.status != Cat.ACKNOWLEDGED:
        raise TransitionNotAllowed(
            _("Only a catalogue the legal office has acknowledged can be published.")
        )
    current = (
        CatalogueFiling.objects.select_for_update()
        .filter(department_id=filing.department_id, status=Cat.PUBLISHED)
        .first()
    )
    if current is not None:
        transition(
            current,
            actor=actor,
            action="supersede",
            sources=(Cat.PUBLISHED,),
            target=Cat.SUPERSEDED,
            refusal=None,  # it was just read published, under a lock
        )
    return transition(
        filing,
        actor=actor,
        action="publish",
        sources=(Cat.ACKNOWLEDGED,),
        target=Cat.PUBLISHED,
        refusal=None,
        published_on=calendar.today(),
    )


# The year's work plan (年度重点工作任务) -----------------------------------------------------

Delivery = TaskDelivery.Status


def _check_co_departments(lead, co_departments) -> list:
    co_departments = [d for d in co_departments or () if d.pk != lead.pk]
    if any(d.jurisdiction_id != lead.jurisdiction_id for d in co_departments):
        raise ValidationError(
            {
                "co_departments": _(
                    "The co-operating departments must be of the lead department's jurisdiction."
                )
            }
        )
    return co_departments


@transaction.atomic
def task_create(
    *,
    actor,
    year: int,
    number: int,
    title: str,
    lead_department,
    deliverable: str,
    co_departments=(),
) -> WorkTask:
    """The legal office enters a task of its jurisdiction's work plan for ``year``."""
    require_legal_office(actor, lead_department)
    co_departments = _check_co_departments(lead_department, co_departments)
    task = WorkTask(
        jurisdiction_id=lead_department.jurisdiction_id,
        year=year,
        number=number,
        title=title,
        lead_department=lead_department,
        deliverable=deliverable,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            save_new(task, actor=actor)
    except IntegrityError:
        raise ValidationError(
            {"number": _("This year's plan already has a task with this number.")}
        ) from None
    task.co_departments.set(co_departments)
    return task


@transaction.atomic
def delivery_add(*, task: WorkTask, actor, description: str, due: datetime.date) -> TaskDelivery:
    """Add what the task delivers by ``due`` (moved to the next working day if it is not one)."""
    require_legal_office(actor, task.lead_department)
    if due.year < task.year:
        raise ValidationError(
            {
                "due": _("The due date cannot be before the plan's year (%(year)d).")
                % {"year": task.year}
            }
        )
    deadline = delivery_due(due)
    delivery = TaskDelivery(
        task=task,
        description=description,
        due=deadline.due,
        due_provisional=deadline.provisional,
        due_explanation=deadline.as_json(),
    )
    return save_new(delivery, actor=actor)


def _locked_delivery(delivery: TaskDelivery) -> TaskDelivery:
    return TaskDelivery.objects.select_for_update().select_related("task").get(pk=delivery.pk)


@transaction.atomic
def delivery_report(*, delivery: TaskDelivery, actor, report: str, evidence=None) -> TaskDelivery:
    """The lead department reports a delivery done, with its evidence; a returned one again."""
    delivery = _locked_delivery(delivery)
    require_writer(actor, delivery.task.lead_department_id)
    report = (report or "").strip()
    if not report:
        raise ValidationError({"report": _("Say what was done.")})
    fields = {"report": report, "reported_on": calendar.today()}
    if evidence:
        fields["evidence"] = check_uploads([evidence], types=uploads.ATTACHMENTS, field="evidence")[
            0
        ]
    return transition(
        delivery,
        actor=actor,
        action="submit" if delivery.status == Delivery.OPEN else "resubmit",
        sources=TaskDelivery.OWED,
        target=Delivery.REPORTED,
        refusal=_("This delivery has already been reported."),
        **fields,
    )


@transaction.atomic
def delivery_review(
    *, delivery: TaskDelivery, actor, result: str, opinion: str = ""
) -> TaskDelivery:
    """The legal office accepts the delivery, or returns it with reasons."""
    delivery = _locked_delivery(delivery)
    require_legal_office(actor, delivery.task.lead_department)
    opinion = (opinion or "").strip()
    if result not in (Delivery.ACCEPTED, Delivery.RETURNED):
        raise ValidationError({"result": _("The result is either accepted or returned.")})
    if result == Delivery.RETURNED and not opinion:
        raise ValidationError(
            {"opinion": _("Give the reasons for returning it: the department needs them.")}
        )
    return transition(
        delivery,
        actor=actor,
        action="approve" if result == Delivery.ACCEPTED else "return_for_correction",
        sources=(Delivery.REPORTED,),
        target=result,
        refusal=_("This delivery is not waiting for acceptance."),
        reason=opinion,
        review_opinion=opinion,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )


# Periodic clean-up of normative documents (规范性文件定期清理) ---------------------------------

IN_FORCE = (Doc.FILED, Doc.NO_PROBLEM, Doc.PROBLEM_FOUND)


@transaction.atomic
def cleanup_open(*, actor, title: str, due: datetime.date) -> CleanupCampaign:
    """Open a clean-up campaign listing every normative document in force of the departments of
    the office's own jurisdiction (filed, not repealed)."""
    require_legal_office(actor)
    if actor.jurisdiction_id is None:
        raise PermissionDenied
    if due < calendar.today():
        raise ValidationError({"due": _("The due date cannot be in the past.")})
    documents = list(
        NormativeDocument.objects.filter(
            department__jurisdiction_id=actor.jurisdiction_id,
            status__in=IN_FORCE,
            repealed_on__isnull=True,
        ).values_list("pk", flat=True)
    )
    if not documents:
        raise ValidationError(_("No normative document of this jurisdiction is in force."))
    campaign = save_new(
        CleanupCampaign(
            jurisdiction_id=actor.jurisdiction_id, title=title, due=due, created_by=actor
        ),
        actor=actor,
        action="open",
    )
    CleanupItem.objects.bulk_create(
        CleanupItem(campaign=campaign, document_id=pk) for pk in documents
    )
    return campaign


@transaction.atomic
def cleanup_decide(*, item: CleanupItem, actor, decision: str, reasons: str) -> CleanupItem:
    """The department marks a document kept, to be amended or repealed, with its reasons; it may
    change its mind until the result is published."""
    item = (
        CleanupItem.objects.select_for_update()
        .select_related("campaign", "document")
        .get(pk=item.pk)
    )
    require_writer(actor, item.document.department_id)
    if item.campaign.published_on is not None:
        raise TransitionNotAllowed(_("The result of this clean-up has been published."))
    reasons = (reasons or "").strip()
    if decision not in CleanupItem.Decision.values:
        raise ValidationError({"decision": _("Choose kept, to be amended or repealed.")})
    if not reasons:
        raise ValidationError({"reasons": _("Give the reasons.")})
    return transition(
        item,
        actor=actor,
        action="record",
        state_field="decision",
        sources=("", *CleanupItem.Decision.values),
        target=decision,
        refusal=None,
        reason=reasons,
        reasons=reasons,
        decided_on=calendar.today(),
    )


@transaction.atomic
def cleanup_publish(*, campaign: CleanupCampaign, actor) -> CleanupCampaign:
    """Publish the result once every document is decided; the repealed ones leave the list of
    documents in force."""
    campaign = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
    require_legal_office(actor)
    if actor.jurisdiction_id != campaign.jurisdiction_id:
        raise PermissionDenied(
            _("Only the legal office of the department's own jurisdiction may do this.")
        )
    undecided = campaign.items.filter(decision="").count()
    if undecided:
        raise TransitionNotAllowed(
            ngettext(
                "%(count)d document is not decided yet: the result cannot be published.",
                "%(count)d documents are not decided yet: the result cannot be published.",
                undecided,
            )
            % {"count": undecided}
        )
    today = calendar.today()
    repealed = NormativeDocument.objects.select_for_update().filter(
        cleanup_items__campaign=campaign,
        cleanup_items__decision=CleanupItem.Decision.REPEAL,
        repealed_on__isnull=True,
    )
    for document in repealed:
        before = audit.snapshot(document, ["repealed_on"])
        document.repealed_on = today
        document.save(update_fields=["repealed_on", "updated_at"])
        audit.record(
            document,
            action="repeal",
            actor=actor,
            before=before,
            after=audit.snapshot(document, ["repealed_on"]),
            reason=str(campaign),
        )
    return transition(
        campaign,
        actor=actor,
        action="publish",
        state_field="published_on",
        sources=(None,),
        target=today,
        refusal=_("The result of this clean-up has been published."),
    )


# Objections to normative documents (异议审查) -------------------------------------------------

objection_codes = TrackingCodes("YY")


@transaction.atomic
def objection_file(*, document: NormativeDocument, name: str, contact: str, grounds: str):
    """Anyone objects to a normative document found without problem and in force; the answer is
    due within the period. Returns the objection with its tracking code in ``tracking_code``:
    the code is shown this once, the portal keeps only its digest."""
    document = NormativeDocument.objects.filter(
        pk=document.pk, status=Doc.NO_PROBLEM, repealed_on__isnull=True
    ).first()
    if document is None:
        raise ValidationError(_("This document is not open to objections."))
    today = calendar.today()
    deadline = objection_answer_deadline(today)
    objection = Objection(
        document=document,
        tracking_digest=objection_codes.digest(code := objection_codes.new_code()),
        name=(name or "").strip(),
        contact=(contact or "").strip(),
        grounds=(grounds or "").strip(),
        received_on=today,
        due=deadline.due,
        due_provisional=deadline.provisional,
        due_explanation=deadline.as_json(),
    )
    objection = save_new(objection, actor=None, action="register")
    objection.tracking_code = code
    return objection


def objection_by_code(code: str) -> Objection | None:
    """The objection whose tracking code this is, or None: a wrong code and a malformed one look
    alike."""
    digest = objection_codes.digest(code)
    if digest is None:
        return None
    return Objection.objects.filter(tracking_digest=digest).select_related("document").first()


@transaction.atomic
def objection_answer(*, objection: Objection, actor, answer: str) -> Objection:
    """The legal office of the document's level answers the objection."""
    objection = (
        Objection.objects.select_for_update()
        .select_related("document__department")
        .get(pk=objection.pk)
    )
    require_legal_office(actor, objection.document.department)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    return transition(
        objection,
        actor=actor,
        action="record",
        state_field="answered_on",
        sources=(None,),
        target=calendar.today(),
        refusal=_("This objection has already been answered."),
        reason=answer,
        answer=answer,
        answered_by=actor,
    )
