"""The writes of major decisions: the catalogue of categories, registration and correction, the
legal review, making, filing, and the documents filed with a decision."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.deadlines import filing_deadline
from cases.models import (
    ATTACHMENT_EXTENSIONS,
    DecisionAttachment,
    MajorDecision,
    MajorDecisionCategory,
)
from supervision import audit, calendar, filing, notes, uploads
from supervision.calendar import long_date
from supervision.errors import TransitionNotAllowed
from supervision.workflow import (
    apply_changes,
    department_for,
    require_legal_office,
    require_writer,
    save_new,
    transition,
)

CATEGORY_FIELDS = ("title", "criteria", "is_active")
DECISION_FIELDS = ("case_number", "title", "party", "category", "summary")

Review = MajorDecision.ReviewStatus

# Why a decision is not reviewed (again) in its review state.
NOT_REVIEWABLE = {
    Review.PASSED: gettext_lazy("This decision has already passed its legal review."),
    Review.FAILED: gettext_lazy(
        "This decision failed its legal review; the department must correct and resubmit it"
        " before it is reviewed again."
    ),
}
# Why a decision cannot be recorded as made in its review state (the policy: not before the
# legal review has passed).
NOT_YET_PASSED = {
    Review.PENDING: gettext_lazy(
        "This decision cannot be recorded as made: its legal review has not passed yet"
        " (the review is still pending)."
    ),
    Review.FAILED: gettext_lazy(
        "This decision cannot be recorded as made: its legal review failed. Correct it and"
        " resubmit it for review."
    ),
}


def _locked(decision: MajorDecision) -> MajorDecision:
    return MajorDecision.objects.select_for_update().get(pk=decision.pk)


# Catalogue of major decisions (重大执法决定事项目录) ---------------------------------------------


@transaction.atomic
def category_create(
    *, actor, title: str, criteria: str, is_active: bool = True, department=None
) -> MajorDecisionCategory:
    category = MajorDecisionCategory(
        department=department_for(actor, department),
        title=title,
        criteria=criteria,
        is_active=is_active,
    )
    return save_new(category, actor=actor)


@transaction.atomic
def category_update(*, category: MajorDecisionCategory, actor, **values) -> MajorDecisionCategory:
    category = MajorDecisionCategory.objects.select_for_update().get(pk=category.pk)
    require_writer(actor, category.department_id)
    return apply_changes(category, actor=actor, fields=CATEGORY_FIELDS, values=values)


# Major decisions (重大行政执法决定) -------------------------------------------------------------


def _check_category_in_use(category: MajorDecisionCategory) -> None:
    if not MajorDecisionCategory.objects.filter(pk=category.pk, is_active=True).exists():
        raise ValidationError({"category": _("This category is no longer in use.")})


@transaction.atomic
def decision_register(
    *,
    actor,
    case_number: str,
    title: str,
    party: str,
    category: MajorDecisionCategory,
    summary: str,
    department=None,
    files: Iterable = (),
) -> MajorDecision:
    """Register a decision before it is made; it waits for the legal office's review."""
    department = department_for(actor, department)
    files = check_uploads(files, field="files")
    _check_category_in_use(category)
    decision = MajorDecision(
        department=department,
        case_number=case_number,
        title=title,
        party=party,
        category=category,
        summary=summary,
        created_by=actor,
    )
    try:
        # Two registrations of one case number at once: the unique constraint keeps one.
        with transaction.atomic():
            save_new(decision, actor=actor, action="register")
    except IntegrityError:
        raise ValidationError(
            {
                "case_number": _(
                    "This department already has a major decision with this case number."
                )
            }
        ) from None
    for upload in files:
        _attach(decision=decision, upload=upload, actor=actor)
    return decision


def decision_edit_refusal(decision: MajorDecision) -> str | None:
    """Why ``decision`` can no longer be corrected, or None while it can."""
    if decision.is_filed:
        return _("This decision has been filed and can no longer be changed.")
    if not decision.is_editable:
        return _("This decision has passed its legal review and can no longer be changed.")
    return None


@transaction.atomic
def decision_update(*, decision: MajorDecision, actor, files: Iterable = (), **values):
    """Correct a decision awaiting review or one whose review failed.

    Correcting a failed one resubmits it: it goes back to the legal office as pending.
    """
    decision = _locked(decision)
    require_writer(actor, decision.department_id)
    refusal = decision_edit_refusal(decision)
    if refusal:
        raise TransitionNotAllowed(refusal)
    files = check_uploads(files, field="files")
    changed = {
        name: value
        for name, value in values.items()
        if name in DECISION_FIELDS and getattr(decision, name) != value
    }
    if "category" in changed:
        _check_category_in_use(changed["category"])
    if decision.review_status == Review.FAILED:
        # Back to the legal office, with the corrections, as one audited resubmission.
        decision = transition(
            decision,
            actor=actor,
            action="resubmit",
            state_field="review_status",
            sources=(Review.FAILED,),
            target=Review.PENDING,
            refusal=None,  # never shown: this branch is taken only in that state
            review_opinion="",
            reviewed_by=None,
            reviewed_at=None,
            reviewed_on=None,
            **changed,
        )
    else:
        decision = apply_changes(decision, actor=actor, fields=DECISION_FIELDS, values=changed)
    for upload in files:
        _attach(decision=decision, upload=upload, actor=actor)
    return decision


@transaction.atomic
def decision_review(
    *,
    decision: MajorDecision,
    result: str,
    opinion: str,
    actor,
    reviewed_on: datetime.date | None = None,
) -> MajorDecision:
    """The legal office's legal review (法制审核): passed or failed, with an opinion.

    ``reviewed_on`` is the day the review was held, when it was held on paper before it is
    entered (default today); the audit keeps it beside the moment it was entered.
    """
    require_legal_office(actor, decision.department)
    decision = _locked(decision)
    opinion = (opinion or "").strip()
    if result not in (Review.PASSED, Review.FAILED):
        raise ValidationError({"result": _("The result is either passed or failed.")})
    today = calendar.today()
    reviewed_on = reviewed_on or today
    if reviewed_on > today:
        raise ValidationError({"reviewed_on": _("The review date cannot be in the future.")})
    if result == Review.FAILED and not opinion:
        raise ValidationError(
            {"opinion": _("Give the reasons when the review fails: the department needs them.")}
        )
    return transition(
        decision,
        actor=actor,
        action=f"review_{result}",
        state_field="review_status",
        sources=(Review.PENDING,),
        target=result,
        refusal=NOT_REVIEWABLE.get(decision.review_status),
        reason=opinion,
        review_opinion=opinion,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
        reviewed_on=reviewed_on,
    )


@transaction.atomic
def decision_decide(
    *, decision: MajorDecision, decision_date: datetime.date, actor
) -> MajorDecision:
    """Record that the decision was made on ``decision_date`` and store its filing deadline.

    The policy forbids making a major decision before its legal review has passed, so the date
    cannot be earlier than the day the review passed either. While the decision is not filed the
    date may be corrected; the deadline follows.
    """
    decision = _locked(decision)
    require_writer(actor, decision.department_id)
    if decision.is_filed:
        raise TransitionNotAllowed(_("This decision has been filed and can no longer be changed."))
    if decision_date > calendar.today():
        raise ValidationError({"decision_date": _("The decision date cannot be in the future.")})
    reviewed_on = decision.reviewed_on
    if reviewed_on and decision_date < reviewed_on:
        raise ValidationError(
            {
                "decision_date": _(
                    "The decision date cannot be earlier than the day its legal review passed"
                    " (%(day)s)."
                )
                % {"day": long_date(reviewed_on)}
            }
        )
    if decision.decision_date == decision_date:
        return decision
    deadline = filing_deadline(decision_date)
    return transition(
        decision,
        actor=actor,
        action="correct_decision_date" if decision.decision_date else "decide",
        # Made only once the review has passed; the review status itself stays as it is.
        state_field="review_status",
        sources=(Review.PASSED,),
        target=Review.PASSED,
        refusal=NOT_YET_PASSED.get(decision.review_status),
        reason=notes.explained(deadline),
        decision_date=decision_date,
        filing_due=deadline.due,
        filing_due_provisional=deadline.provisional,
        filing_due_explanation=deadline.as_json(),
    )


@transaction.atomic
def decision_file(
    *, decision: MajorDecision, actor, filed_on: datetime.date | None = None
) -> MajorDecision:
    """File the decision with the legal office (备案), with its documents (the decision document at
    least); dated the day it reaches the portal. Late filings are accepted and show as late; the
    legal office then receives the filing or returns it (``decision_receive``, ``decision_return``).
    """
    decision = _locked(decision)
    require_writer(actor, decision.department_id)
    if decision.decision_date is None:
        raise TransitionNotAllowed(
            _("This decision cannot be filed: it has not been recorded as made.")
        )
    today = calendar.today()
    day = filed_on or today
    if day > today:
        raise ValidationError({"filed_on": _("The filing date cannot be in the future.")})
    if day < decision.decision_date:
        raise ValidationError(
            {
                "filed_on": _("The filing date cannot be earlier than the decision date (%(day)s).")
                % {"day": long_date(decision.decision_date)}
            }
        )
    status = MajorDecision.FilingStatus(decision.filing_status_if_filed_on(day))
    return filing.filing_submit(
        decision,
        actor=actor,
        filed_on=filed_on,
        missing=[] if decision.is_filed else decision.documents_missing(),
        refusal=_("This decision has already been filed."),
        reason=notes.note(status.label),
    )


@transaction.atomic
def decision_receive(*, decision: MajorDecision, actor) -> MajorDecision:
    """The legal office acknowledges the filing (备案审查: received)."""
    decision = _locked(decision)
    return filing.filing_receive(decision, actor=actor, department=decision.department)


@transaction.atomic
def decision_return(*, decision: MajorDecision, actor, reason: str) -> MajorDecision:
    """The legal office returns the filing with the reasons (documents missing): not filed."""
    decision = _locked(decision)
    return filing.filing_return(
        decision, actor=actor, department=decision.department, reason=reason
    )


# Documents ------------------------------------------------------------------------------------


def check_uploads(files, *, field: str = "upload") -> list:
    """Check every upload before anything is saved, so a wrong file leaves no other on disk.

    ``field`` is the argument the errors are reported on.
    """
    return uploads.check_uploads(files, types=ATTACHMENT_EXTENSIONS, field=field)


def _attach(
    *, decision: MajorDecision, upload, actor, kind: str = DecisionAttachment.Kind.OTHER
) -> DecisionAttachment:
    attachment = DecisionAttachment(
        decision=decision, file=upload, name=upload.name[:200], kind=kind, uploaded_by=actor
    )
    attachment.full_clean()
    attachment.save()
    audit.record(decision, action="attach", actor=actor, after={"attachment": attachment.name})
    return attachment


@transaction.atomic
def decision_attach(
    *, decision: MajorDecision, upload, actor, kind: str = DecisionAttachment.Kind.OTHER
) -> DecisionAttachment:
    """Add a document to a decision; not once it is filed (a returned filing takes documents
    again)."""
    decision = _locked(decision)
    require_writer(actor, decision.department_id)
    if decision.is_filed:
        raise TransitionNotAllowed(_("This decision has been filed and can no longer be changed."))
    (upload,) = check_uploads([upload])
    return _attach(decision=decision, upload=upload, actor=actor, kind=kind)


@transaction.atomic
def decision_detach(*, attachment: DecisionAttachment, actor) -> None:
    """Remove a document, only while the decision may still be corrected."""
    decision = MajorDecision.objects.select_for_update().get(pk=attachment.decision_id)
    require_writer(actor, decision.department_id)
    if not decision.is_editable or decision.is_filed:
        raise TransitionNotAllowed(
            _("Documents of a reviewed decision are kept: they can no longer be removed.")
        )
    audit.record(decision, action="detach", actor=actor, before={"attachment": attachment.name})
    attachment.delete()
    # The stored file goes only once the removal is committed.
    storage, name = attachment.file.storage, attachment.file.name
    transaction.on_commit(lambda: storage.delete(name))
