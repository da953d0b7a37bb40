"""The writes of case-file catalogues (案卷目录备案): opening one, entering its case files by
hand, as a list or from a sheet, and filing it with the legal office."""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cases.deadlines import catalogue_due
from cases.models import CaseCatalogue, CatalogueItem
from cases.spreadsheets import read_catalogue_rows
from supervision import audit, calendar, filing, notes
from supervision.errors import TransitionNotAllowed
from supervision.workflow import (
    department_for,
    require_writer,
    save_new,
)

ITEM_FIELDS = ("case_number", "title", "kind", "closing_date")


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
        due_explanation=deadline.as_json(),
        created_by=actor,
    )
    try:
        # Two clerks opening the same catalogue at once: the unique constraint keeps one.
        with transaction.atomic():
            return save_new(catalogue, actor=actor, action="open")
    except IntegrityError:
        if existing_ok:
            return CaseCatalogue.objects.get(department=department, year=year)
        raise ValidationError(
            {"year": _("This department already has a catalogue for this year.")}
        ) from None


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
        messages = _item_problems(item, catalogue.year, existing=existing, seen=seen, row=number)
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


def _item_problems(item: CatalogueItem, year: int, *, existing: set, seen: dict, row) -> list:
    """What is wrong with one case file (its fields, its year, a repeated case number); a new
    case number is remembered in ``seen`` with its row."""
    messages = []
    try:
        # Uniqueness against the stored rows is checked here, against ``existing``.
        item.clean_fields()
    except ValidationError as error:
        for field, field_messages in error.message_dict.items():
            label = CatalogueItem._meta.get_field(field).verbose_name
            messages += [f"{label}：{m}" for m in field_messages]
    closing_date = item.closing_date
    if isinstance(closing_date, datetime.date) and closing_date.year != year:
        messages.append(_("The closing date is not in %(year)s.") % {"year": year})
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
        seen[case_number] = row
    return messages


def catalogue_item_add(*, catalogue: CaseCatalogue, actor, **values) -> CatalogueItem:
    """One case file entered by hand (its errors name no row)."""
    (item,) = catalogue_items_add(catalogue=catalogue, rows=[(None, values)], actor=actor)
    return item


def catalogue_upload(
    *, catalogue: CaseCatalogue, file, actor, replace: bool = False
) -> list[CatalogueItem]:
    """Add the case files of an uploaded sheet in the template's layout (all rows or none).

    A file that cannot be taken is an error on ``file``; wrong rows are errors on ``items``.
    """
    rows = read_catalogue_rows(file)
    return catalogue_items_add(catalogue=catalogue, rows=rows, actor=actor, replace=replace)


@transaction.atomic
def catalogue_item_remove(*, item: CatalogueItem, actor) -> None:
    catalogue = _lock_open_catalogue(item.catalogue, actor)
    audit.record(catalogue, action="remove_item", actor=actor, before=audit.snapshot(item))
    item.delete()


@transaction.atomic
def catalogue_file(
    *, catalogue: CaseCatalogue, actor, document=None, filed_on: datetime.date | None = None
) -> CaseCatalogue:
    """File the catalogue with the legal office, carrying the catalogue as the department signed
    and sealed it (``document``, a PDF or a scan); after the due date it is accepted and marked
    late."""
    catalogue = CaseCatalogue.objects.select_for_update().get(pk=catalogue.pk)
    require_writer(actor, catalogue.department_id)
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
    status = CaseCatalogue.Status(catalogue.status_if_filed_on(filed_on))
    return filing.filing_submit(
        catalogue,
        actor=actor,
        filed_on=filed_on,
        documents={"document": document},
        refusal=_("This catalogue has already been filed."),
        reason=notes.note(status.label),
        filed_by=actor,
    )


@transaction.atomic
def catalogue_receive(*, catalogue: CaseCatalogue, actor) -> CaseCatalogue:
    """The legal office acknowledges the catalogue's filing (备案审查: received)."""
    catalogue = CaseCatalogue.objects.select_for_update().get(pk=catalogue.pk)
    return filing.filing_receive(catalogue, actor=actor, department=catalogue.department)


@transaction.atomic
def catalogue_return(*, catalogue: CaseCatalogue, actor, reason: str) -> CaseCatalogue:
    """The legal office returns the catalogue with the reasons: it is not filed, and open again."""
    catalogue = CaseCatalogue.objects.select_for_update().get(pk=catalogue.pk)
    return filing.filing_return(
        catalogue, actor=actor, department=catalogue.department, reason=reason, filed_by=None
    )
