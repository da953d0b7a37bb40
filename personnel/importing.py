"""Officer rosters from Excel: the template, the row-by-row check, and the all-or-nothing import.

A roster is checked completely before anything is saved: every row's errors are listed (by row
number and column, never quoting an ID number), and the import itself runs only when no row has
an error, inside one transaction.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from entities.models import EnforcementEntity
from supervision import audit
from supervision.models import Department
from supervision.spreadsheets import (
    UnreadableSheet,
    cell_text,
    chunked,
    header_labels,
    read_table,
    workbook_bytes,
)
from supervision.validators import normalize_citizen_id, validate_citizen_id
from supervision.workflow import require_writer

from .models import AuxiliaryStaff, Officer, OfficerImport

COLUMNS = [
    ("name", pgettext_lazy("person", "Name")),
    ("citizen_id", gettext_lazy("Citizen ID number")),
    ("entity", gettext_lazy("Enforcement entity")),
    ("post", gettext_lazy("Post")),
    ("on_establishment", gettext_lazy("On the establishment and in post (yes/no)")),
]
MAX_ROWS = 20000
PREVIEW_ERROR_ROWS = 500  # rows with errors listed on the preview page
YES = {"是", "yes", "y", "true", "1", "在编在岗"}
NO = {"否", "no", "n", "false", "0"}


@dataclass
class Row:
    number: int  # the spreadsheet's own row number, as the clerk sees it in Excel
    values: dict
    errors: list = field(default_factory=list)


@dataclass
class Roster:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # errors of the file itself (columns, format)

    @property
    def rows_with_errors(self) -> list:
        return [row for row in self.rows if row.errors]

    @property
    def is_clean(self) -> bool:
        return not self.errors and not self.rows_with_errors and bool(self.rows)


def template_bytes() -> bytes:
    """The roster template: the header row, the ID column typed as text so no digit is lost."""
    return workbook_bytes(
        title=_("Officers"),
        headers=header_labels(COLUMNS, translation.get_language() or "zh-hans"),
        rows=[],
        text_columns=[1],
    )


def read_roster(file, department: Department) -> Roster:
    """Parse and check every row of an uploaded roster for ``department``; saves nothing."""
    roster = Roster()
    try:
        table = read_table(
            file,
            columns=COLUMNS,
            max_rows=MAX_ROWS,
            too_many_rows=_("A roster may have at most %(max)d rows; split the file.")
            % {"max": MAX_ROWS},
        )
    except UnreadableSheet as unreadable:
        roster.errors.append(unreadable.message)
        return roster
    roster.rows = [_check_cells(number, cells) for number, cells in table]
    if not roster.rows:
        roster.errors.append(_("The file has no officers under its first row."))
        return roster
    _check_against_registry(roster.rows, department)
    return roster


def _check_cells(number: int, cells) -> Row:
    name_cell, id_cell, entity_cell, post_cell, establishment_cell = cells
    row = Row(number=number, values={})
    labels = dict(COLUMNS)

    def error(column, message):
        row.errors.append(f"{labels[column]}: {message}")

    name = cell_text(name_cell)
    if not name:
        error("name", _("This field is required."))
    elif len(name) > 50:
        error("name", _("At most 50 characters."))
    row.values["name"] = name

    if isinstance(id_cell, int | float):
        error(
            "citizen_id",
            _("The number was stored as a number and lost digits: format the column as text."),
        )
        citizen_id = ""
    else:
        citizen_id = normalize_citizen_id(id_cell)
        if not citizen_id:
            error("citizen_id", _("This field is required."))
        else:
            try:
                validate_citizen_id(citizen_id)
            except ValidationError as invalid:
                error("citizen_id", invalid.messages[0])
    row.values["citizen_id"] = citizen_id

    row.values["entity"] = cell_text(entity_cell)
    if not row.values["entity"]:
        error("entity", _("This field is required."))

    post = cell_text(post_cell)
    if not post:
        error("post", _("This field is required."))
    elif len(post) > 100:
        error("post", _("At most 100 characters."))
    row.values["post"] = post

    flag = cell_text(establishment_cell).lower()
    if flag in YES:
        row.values["on_establishment"] = True
    elif flag in NO:
        row.values["on_establishment"] = False
    else:
        error("on_establishment", _("Write 是 or 否."))
    return row


def _check_against_registry(rows: list[Row], department: Department) -> None:
    """Entities that exist, ID numbers not yet registered nor repeated in the file: few queries."""
    labels = dict(COLUMNS)
    entities = dict(
        EnforcementEntity.objects.filter(department=department).values_list("name", "pk")
    )
    first_row_of = {}
    for row in rows:
        name = row.values["entity"]
        if name and name not in entities:
            row.errors.append(
                f"{labels['entity']}: "
                + _("%(department)s has no entity of this name.") % {"department": department}
            )
        row.values["entity_id"] = entities.get(name)
        citizen_id = row.values["citizen_id"]
        if len(citizen_id) == 18:
            if citizen_id in first_row_of:
                row.errors.append(
                    f"{labels['citizen_id']}: "
                    + _("The same number is in row %(row)d.") % {"row": first_row_of[citizen_id]}
                )
            else:
                first_row_of[citizen_id] = row.number
    registered, auxiliary = set(), set()
    for chunk in chunked(first_row_of, 2000):
        registered.update(
            Officer.objects.filter(citizen_id__in=chunk).values_list("citizen_id", flat=True)
        )
        auxiliary.update(
            AuxiliaryStaff.objects.filter(citizen_id__in=chunk).values_list("citizen_id", flat=True)
        )
    # Neither names the department the number is registered in (issue 18): it may be one the
    # clerk does not see.
    for row in rows:
        if row.values["citizen_id"] in registered:
            row.errors.append(
                f"{labels['citizen_id']}: " + _("An officer with this number is registered.")
            )
        elif row.values["citizen_id"] in auxiliary:
            row.errors.append(
                f"{labels['citizen_id']}: "
                + _(
                    "This person is registered as auxiliary staff and cannot be an officer as well."
                )
            )


@transaction.atomic
def roster_upload(*, actor, department: Department, file) -> tuple[OfficerImport, Roster]:
    """Keep an uploaded roster for confirmation, with its rows' errors; no officer is saved."""
    require_writer(actor, department.pk)
    roster = read_roster(file, department)
    file.seek(0)
    upload = OfficerImport(
        department=department,
        uploaded_by=actor,
        original_name=str(getattr(file, "name", "roster.xlsx"))[:200],
        row_count=len(roster.rows),
        error_count=len(roster.rows_with_errors) + len(roster.errors),
    )
    if roster.is_clean:
        upload.file.save(upload.original_name, file, save=False)
    upload.save()
    audit.record(upload, action="upload", actor=actor, after=audit.snapshot(upload))
    return upload, roster


@transaction.atomic
def roster_import(*, upload: OfficerImport, actor) -> int:
    """Import every officer of a checked roster, or none: the file is checked once more first."""
    upload = OfficerImport.objects.select_for_update().get(pk=upload.pk)
    require_writer(actor, upload.department_id)
    if upload.status != OfficerImport.Status.PENDING or not upload.file:
        raise ValidationError(_("This roster cannot be imported: upload it again."))
    with upload.file.open("rb") as file:
        roster = read_roster(file, upload.department)
    if not roster.is_clean:
        raise ValidationError(
            _("%(count)d rows have errors now: upload the corrected file again.")
            % {"count": len(roster.rows_with_errors) + len(roster.errors)}
        )
    officers = [
        Officer(
            department_id=upload.department_id,
            entity_id=row.values["entity_id"],
            name=row.values["name"],
            citizen_id=row.values["citizen_id"],
            post=row.values["post"],
            on_establishment=row.values["on_establishment"],
        )
        for row in roster.rows
    ]
    try:
        with transaction.atomic():
            Officer.objects.bulk_create(officers, batch_size=1000)
            audit.record_many(officers, action="import", actor=actor)
    except IntegrityError as clash:
        # Someone registered one of these officers since the check: nothing is imported.
        raise ValidationError(
            _("An officer of this roster was registered meanwhile: upload the file again.")
        ) from clash
    before = audit.snapshot(upload)
    stored = upload.file.name
    upload.status = OfficerImport.Status.IMPORTED
    upload.imported_at = timezone.now()
    upload.file = ""
    upload.save(update_fields=["status", "imported_at", "file"])
    # The roster holds ID numbers: not kept once imported (and only once the import is committed).
    transaction.on_commit(lambda: OfficerImport.file.field.storage.delete(stored))
    audit.record(
        upload,
        action="import",
        actor=actor,
        before=before,
        after={**audit.snapshot(upload), "officers": len(officers)},
    )
    return len(officers)


def roster_uploads_purge(*, now=None) -> int:
    """Delete the files of rosters uploaded more than ``ROSTER_UPLOAD_KEEP_HOURS`` ago and never
    confirmed: they hold citizen ID numbers of people who were never registered. The record stays,
    without its file (confirming it then asks for a new upload); each is audited."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.ROSTER_UPLOAD_KEEP_HOURS)
    stale = OfficerImport.objects.filter(
        status=OfficerImport.Status.PENDING, created_at__lt=cutoff
    ).exclude(file="")
    purged = 0
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            upload = OfficerImport.objects.select_for_update().get(pk=pk)
            if upload.status != OfficerImport.Status.PENDING or not upload.file:
                continue  # confirmed or purged meanwhile
            stored = upload.file.name
            before = audit.snapshot(upload)
            upload.file = ""
            upload.save(update_fields=["file"])
            transaction.on_commit(
                lambda stored=stored: OfficerImport.file.field.storage.delete(stored)
            )
            audit.record(upload, action="expire", before=before, after=audit.snapshot(upload))
            purged += 1
    return purged
