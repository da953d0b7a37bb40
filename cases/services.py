"""The writes of the cases app: one function per domain action.

Each runs in a transaction, locks the row it changes, checks the transition (refusing with
``TransitionNotAllowed`` and a reason), validates with ``full_clean()``, saves only the fields it
changed and writes the audit entry in the same transaction. Views, the API, the admin and the
demo call these; none of them repeats a rule.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supervision import audit, calendar, uploads
from supervision.calendar import long_date
from supervision.errors import TransitionNotAllowed
from supervision.workflow import department_for, require_legal_office, require_writer

from .models import (
    ATTACHMENT_EXTENSIONS,
    FILING_PERIOD_DAYS,
    CaseCatalogue,
    CatalogueItem,
    DecisionAttachment,
    MajorDecision,
    MajorDecisionCategory,
)

CATEGORY_FIELDS = ("title", "criteria", "is_active")
DECISION_FIELDS = ("case_number", "title", "party", "category", "summary")
ITEM_FIELDS = ("case_number", "title", "kind", "closing_date")


# Catalogue of major decisions (重大执法决定事项目录) ---------------------------------------------


@transaction.atomic
def category_create(
    *, actor, title: str, criteria: str, is_active: bool = True, department=None
) -> MajorDecisionCategory:
    department = department_for(actor, department)
    category = MajorDecisionCategory(
        department=department, title=title, criteria=criteria, is_active=is_active
    )
    category.full_clean()
    category.save()
    audit.record(category, action="create", actor=actor, after=audit.snapshot(category))
    return category


@transaction.atomic
def category_update(*, category: MajorDecisionCategory, actor, **values) -> MajorDecisionCategory:
    category = MajorDecisionCategory.objects.select_for_update().get(pk=category.pk)
    require_writer(actor, category.department_id)
    before = audit.snapshot(category)
    changed = [k for k in CATEGORY_FIELDS if k in values and getattr(category, k) != values[k]]
    if not changed:
        return category
    for name in changed:
        setattr(category, name, values[name])
    category.full_clean()
    category.save(update_fields=changed)
    audit.record(
        category, action="change", actor=actor, before=before, after=audit.snapshot(category)
    )
    return category


# Major decisions (重大行政执法决定) -------------------------------------------------------------


def _check_category_in_use(decision: MajorDecision, *, changed: bool) -> None:
    if (
        changed
        and decision.category_id
        and not MajorDecisionCategory.objects.filter(
            pk=decision.category_id, is_active=True
        ).exists()
    ):
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
    files = check_uploads(files)
    decision = MajorDecision(
        department=department,
        case_number=case_number,
        title=title,
        party=party,
        category=category,
        summary=summary,
        created_by=actor,
    )
    decision.full_clean()
    _check_category_in_use(decision, changed=True)
    try:
        # Two registrations of one case number at once: the unique constraint keeps one.
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise ValidationError(
            {
                "case_number": _(
                    "This department already has a major decision with this case number."
                )
            }
        ) from None
    audit.record(decision, action="register", actor=actor, after=audit.snapshot(decision))
    for upload in files:
        _attach(decision=decision, upload=upload, actor=actor)
    return decision


@transaction.atomic
def decision_update(*, decision: MajorDecision, actor, files: Iterable = (), **values):
    """Correct a decision awaiting review or one whose review failed.

    Correcting a failed one resubmits it: it goes back to the legal office as pending.
    """
    decision = MajorDecision.objects.select_for_update().get(pk=decision.pk)
    require_writer(actor, decision.department_id)
    if decision.is_filed:
        raise TransitionNotAllowed(_("This decision has been filed and can no longer be changed."))
    if not decision.is_editable:
        raise TransitionNotAllowed(
            _("This decision has passed its legal review and can no longer be changed.")
        )
    before = audit.snapshot(decision)
    changed = [k for k in DECISION_FIELDS if k in values and getattr(decision, k) != values[k]]
    files = check_uploads(files)
    resubmitted = decision.review_status == MajorDecision.ReviewStatus.FAILED
    if not changed and not files and not resubmitted:
        return decision
    for name in changed:
        setattr(decision, name, values[name])
    update_fields = [f"{name}_id" if name == "category" else name for name in changed]
    if resubmitted:
        decision.review_status = MajorDecision.ReviewStatus.PENDING
        decision.review_opinion = ""
        decision.reviewed_by = None
        decision.reviewed_at = None
        update_fields += ["review_status", "review_opinion", "reviewed_by", "reviewed_at"]
    decision.full_clean()
    _check_category_in_use(decision, changed="category" in changed)
    decision.save(update_fields=[*update_fields, "updated_at"])
    audit.record(
        decision,
        action="resubmit" if resubmitted else "change",
        actor=actor,
        before=before,
        after=audit.snapshot(decision),
    )
    for upload in files:
        _attach(decision=decision, upload=upload, actor=actor)
    return decision


@transaction.atomic
def decision_review(*, decision: MajorDecision, result: str, opinion: str, actor) -> MajorDecision:
    """The legal office's legal review (法制审核): passed or failed, with an opinion."""
    require_legal_office(actor)
    decision = MajorDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.review_status != MajorDecision.ReviewStatus.PENDING:
        if decision.review_status == MajorDecision.ReviewStatus.PASSED:
            raise TransitionNotAllowed(_("This decision has already passed its legal review."))
        raise TransitionNotAllowed(
            _(
                "This decision failed its legal review; the department must correct and resubmit it"
                " before it is reviewed again."
            )
        )
    opinion = (opinion or "").strip()
    if result not in (MajorDecision.ReviewStatus.PASSED, MajorDecision.ReviewStatus.FAILED):
        raise ValidationError({"result": _("The result is either passed or failed.")})
    if result == MajorDecision.ReviewStatus.FAILED and not opinion:
        raise ValidationError(
            {"opinion": _("Give the reasons when the review fails: the department needs them.")}
        )
    before = audit.snapshot(decision)
    decision.review_status = result
    decision.review_opinion = opinion
    decision.reviewed_by = actor
    decision.reviewed_at = timezone.now()
    decision.full_clean()
    decision.save(
        update_fields=[
            "review_status",
            "review_opinion",
            "reviewed_by",
            "reviewed_at",
            "updated_at",
        ]
    )
    audit.record(
        decision,
        action=f"review_{result}",
        actor=actor,
        before=before,
        after=audit.snapshot(decision),
        reason=opinion,
    )
    return decision


@transaction.atomic
def decision_decide(
    *, decision: MajorDecision, decision_date: datetime.date, actor
) -> MajorDecision:
    """Record that the decision was made on ``decision_date`` and compute its filing deadline.

    The policy forbids making a major decision before its legal review has passed, so the date
    cannot be earlier than the day the review passed either. While the decision is not filed the
    date may be corrected; the deadline follows.
    """
    decision = MajorDecision.objects.select_for_update().get(pk=decision.pk)
    require_writer(actor, decision.department_id)
    if decision.is_filed:
        raise TransitionNotAllowed(_("This decision has been filed and can no longer be changed."))
    if decision.review_status == MajorDecision.ReviewStatus.PENDING:
        raise TransitionNotAllowed(
            _(
                "This decision cannot be recorded as made: its legal review has not passed yet"
                " (the review is still pending)."
            )
        )
    if decision.review_status == MajorDecision.ReviewStatus.FAILED:
        raise TransitionNotAllowed(
            _(
                "This decision cannot be recorded as made: its legal review failed. Correct it and"
                " resubmit it for review."
            )
        )
    today = calendar.today()
    if decision_date > today:
        raise ValidationError({"decision_date": _("The decision date cannot be in the future.")})
    reviewed_on = timezone.localdate(decision.reviewed_at) if decision.reviewed_at else None
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
    before = audit.snapshot(decision)
    correcting = decision.decision_date is not None
    deadline = calendar.deadline_after(decision_date, FILING_PERIOD_DAYS)
    decision.decision_date = decision_date
    decision.filing_due = deadline.due
    decision.filing_due_provisional = deadline.provisional
    decision.full_clean()
    decision.save(
        update_fields=["decision_date", "filing_due", "filing_due_provisional", "updated_at"]
    )
    audit.record(
        decision,
        action="correct_decision_date" if correcting else "decide",
        actor=actor,
        before=before,
        after=audit.snapshot(decision),
        reason=str(deadline.explain()),
    )
    return decision


@transaction.atomic
def decision_file(
    *, decision: MajorDecision, actor, filed_on: datetime.date | None = None
) -> MajorDecision:
    """Record the filing (备案) with the legal office; late filings are accepted and show as late."""
    decision = MajorDecision.objects.select_for_update().get(pk=decision.pk)
    require_writer(actor, decision.department_id)
    if decision.is_filed:
        raise TransitionNotAllowed(_("This decision has already been filed."))
    if decision.decision_date is None:
        raise TransitionNotAllowed(
            _("This decision cannot be filed: it has not been recorded as made.")
        )
    today = calendar.today()
    filed_on = filed_on or today
    if filed_on > today:
        raise ValidationError({"filed_on": _("The filing date cannot be in the future.")})
    if filed_on < decision.decision_date:
        raise ValidationError(
            {
                "filed_on": _("The filing date cannot be earlier than the decision date (%(day)s).")
                % {"day": long_date(decision.decision_date)}
            }
        )
    before = audit.snapshot(decision)
    decision.filed_on = filed_on
    decision.full_clean()
    decision.save(update_fields=["filed_on", "updated_at"])
    audit.record(
        decision,
        action="file",
        actor=actor,
        before=before,
        after=audit.snapshot(decision),
        reason=str(decision.get_filing_status_display()),
    )
    return decision


def check_uploads(files) -> list:
    """Check every upload before anything is saved, so a wrong file leaves no other on disk."""
    return uploads.check_uploads(files, types=ATTACHMENT_EXTENSIONS)


def _attach(*, decision: MajorDecision, upload, actor) -> DecisionAttachment:
    attachment = DecisionAttachment(
        decision=decision, file=upload, name=upload.name[:200], uploaded_by=actor
    )
    attachment.full_clean()
    attachment.save()
    audit.record(decision, action="attach", actor=actor, after={"attachment": attachment.name})
    return attachment


@transaction.atomic
def decision_attach(*, decision: MajorDecision, upload, actor) -> DecisionAttachment:
    """Add a document to a decision; not once it is filed."""
    decision = MajorDecision.objects.select_for_update().get(pk=decision.pk)
    require_writer(actor, decision.department_id)
    if decision.is_filed:
        raise TransitionNotAllowed(_("This decision has been filed and can no longer be changed."))
    (upload,) = check_uploads([upload])
    return _attach(decision=decision, upload=upload, actor=actor)


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


# Case-file catalogues (案卷目录备案) -----------------------------------------------------------


def catalogue_due(year: int, working_calendar=None):
    """Last year's catalogue is due on 31 January, moved to the next working day if need be."""
    source = working_calendar or calendar
    return source.deadline_on(datetime.date(year + 1, 1, 31))


@transaction.atomic
def catalogue_open(*, actor, year: int, department=None, existing_ok: bool = True) -> CaseCatalogue:
    """The department's catalogue for ``year``, created on first entry; last year or earlier.

    With ``existing_ok`` (the browser's "open the catalogue") an existing one is returned;
    without it (creating through the API) it is an error on ``year``.
    """
    department = department_for(actor, department)
    existing = CaseCatalogue.objects.filter(department=department, year=year).first()
    if existing is not None:
        if existing_ok:
            return existing
        raise ValidationError({"year": _("This department already has a catalogue for this year.")})
    this_year = calendar.today().year
    if year >= this_year:
        raise ValidationError(
            {
                "year": _("A catalogue is filed for a year that has ended: %(last)d or earlier.")
                % {"last": this_year - 1}
            }
        )
    deadline = catalogue_due(year)
    catalogue = CaseCatalogue(
        department=department,
        year=year,
        due=deadline.due,
        due_provisional=deadline.provisional,
        created_by=actor,
    )
    catalogue.full_clean()
    try:
        # Two clerks opening the same catalogue at once: the unique constraint keeps one.
        with transaction.atomic():
            catalogue.save()
    except IntegrityError:
        if existing_ok:
            return CaseCatalogue.objects.get(department=department, year=year)
        raise ValidationError(
            {"year": _("This department already has a catalogue for this year.")}
        ) from None
    audit.record(catalogue, action="open", actor=actor, after=audit.snapshot(catalogue))
    return catalogue


def _lock_open_catalogue(catalogue: CaseCatalogue, actor) -> CaseCatalogue:
    catalogue = CaseCatalogue.objects.select_for_update().get(pk=catalogue.pk)
    require_writer(actor, catalogue.department_id)
    if catalogue.is_filed:
        raise TransitionNotAllowed(_("This catalogue has been filed and can no longer be changed."))
    return catalogue


@transaction.atomic
def catalogue_items_add(
    *,
    catalogue: CaseCatalogue,
    rows: Iterable[tuple[int | None, Mapping]],
    actor,
    replace: bool = False,
) -> list[CatalogueItem]:
    """Add case files to an open catalogue: all of them, or none when any row is wrong.

    ``rows`` are (row number, values) pairs; the row number is what an error message names (the
    spreadsheet's row, or the position in an API list; None for a single entry from a form). A
    ``ValidationError`` on ``items`` lists every wrong row, e.g. "第3行：结案日期不在2025年内。"
    """
    catalogue = _lock_open_catalogue(catalogue, actor)
    if replace:
        catalogue.items.all().delete()
    existing = set(catalogue.items.values_list("case_number", flat=True))
    seen: dict[str, int] = {}
    items, errors = [], []
    for number, values in rows:
        item = CatalogueItem(
            catalogue=catalogue, **{k: values.get(k) for k in ITEM_FIELDS if k in values}
        )
        messages = []
        try:
            # Uniqueness against the stored rows is checked below, against ``existing``.
            item.clean_fields()
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                label = CatalogueItem._meta.get_field(field).verbose_name
                messages += [f"{label}：{m}" for m in field_messages]
        closing_date = item.closing_date
        if isinstance(closing_date, datetime.date) and closing_date.year != catalogue.year:
            messages.append(_("The closing date is not in %(year)s.") % {"year": catalogue.year})
        case_number = str(item.case_number or "").strip()
        item.case_number = case_number
        if case_number in existing:
            messages.append(
                _("Case number %(number)s is already in the catalogue.") % {"number": case_number}
            )
        elif case_number in seen:
            messages.append(
                _("Case number %(number)s appears twice (also in row %(row)d).")
                % {"number": case_number, "row": seen[case_number]}
            )
        elif case_number:
            seen[case_number] = number
        if messages:
            problems = "；".join(str(m).rstrip("。.") for m in messages) + "。"
            if number is not None:
                problems = _("Row %(row)d: %(problems)s") % {"row": number, "problems": problems}
            errors.append(problems)
        items.append(item)
    if errors:
        raise ValidationError({"items": errors})
    if not items:
        raise ValidationError({"items": [_("There are no case files to add.")]})
    created = CatalogueItem.objects.bulk_create(items)
    audit.record(
        catalogue,
        action="replace_items" if replace else "add_items",
        actor=actor,
        after={"items": [item.case_number for item in created]},
    )
    return created


@transaction.atomic
def catalogue_item_remove(*, item: CatalogueItem, actor) -> None:
    catalogue = _lock_open_catalogue(item.catalogue, actor)
    audit.record(catalogue, action="remove_item", actor=actor, before=audit.snapshot(item))
    item.delete()


@transaction.atomic
def catalogue_file(
    *, catalogue: CaseCatalogue, actor, filed_on: datetime.date | None = None
) -> CaseCatalogue:
    """File the catalogue with the legal office; after the due date it is accepted and marked late."""
    catalogue = CaseCatalogue.objects.select_for_update().get(pk=catalogue.pk)
    require_writer(actor, catalogue.department_id)
    if catalogue.is_filed:
        raise TransitionNotAllowed(_("This catalogue has already been filed."))
    today = calendar.today()
    filed_on = filed_on or today
    if filed_on > today:
        raise ValidationError({"filed_on": _("The filing date cannot be in the future.")})
    if filed_on.year <= catalogue.year:
        raise ValidationError(
            {
                "filed_on": _("A catalogue for %(year)d is filed after the end of %(year)d.")
                % {"year": catalogue.year}
            }
        )
    before = audit.snapshot(catalogue)
    catalogue.filed_on = filed_on
    catalogue.filed_by = actor
    catalogue.full_clean()
    catalogue.save(update_fields=["filed_on", "filed_by"])
    audit.record(
        catalogue,
        action="file",
        actor=actor,
        before=before,
        after=audit.snapshot(catalogue),
        reason=str(catalogue.get_status_display()),
    )
    return catalogue
