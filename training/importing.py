"""Attendance from an Excel sign-in sheet (签到表): the template, the row-by-row check and the
all-or-nothing import.

Every row is checked before anything is saved; one wrong row and nothing is imported, with each
row's errors listed by the row number the clerk sees in Excel. An officer is found by the citizen
ID number among the officers the user may see: an officer of another department is "not found",
like a number nobody has (the message never quotes the number). The file itself is not kept.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from personnel.models import Officer
from supervision import audit, eligibility
from supervision.spreadsheets import (
    UnreadableSheet,
    cell_text,
    chunked,
    header_labels,
    read_table,
    workbook_bytes,
)
from supervision.validators import normalize_citizen_id, validate_citizen_id

from .models import Course, TrainingRecord, hours_text
from .services import check_attendance

COLUMNS = [
    ("name", pgettext_lazy("person", "Name")),
    ("citizen_id", gettext_lazy("Citizen ID number")),
    ("hours", gettext_lazy("Hours earned")),
]
MAX_ROWS = 5000
RECORD_FIELDS = ["officer_id", "course_id", "hours", "year"]


@dataclass
class Row:
    number: int  # the spreadsheet's own row number
    values: dict
    errors: list = field(default_factory=list)


@dataclass
class Sheet:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # errors of the file itself

    @property
    def rows_with_errors(self) -> list:
        return [row for row in self.rows if row.errors]

    @property
    def is_clean(self) -> bool:
        return not self.errors and not self.rows_with_errors and bool(self.rows)

    def messages(self) -> list[str]:
        return [*self.errors] + [
            _("Row %(row)d: %(errors)s") % {"row": row.number, "errors": " ".join(row.errors)}
            for row in self.rows_with_errors
        ]


class SheetRejected(ValidationError):
    """A sheet with errors: nothing was imported. ``sheet`` has every row's errors."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        super().__init__({"file": sheet.messages()})


def template_bytes() -> bytes:
    """An empty sign-in sheet: the header row, the ID column typed as text so no digit is lost."""
    return workbook_bytes(
        title=_("Sign-in sheet"),
        headers=header_labels(COLUMNS, translation.get_language() or "zh-hans"),
        rows=[],
        text_columns=[1],
    )


def read_sheet(file, *, course: Course, actor) -> Sheet:
    """Parse and check every row for ``course``, as ``actor`` would record it; saves nothing."""
    sheet = Sheet()
    try:
        table = read_table(
            file,
            columns=COLUMNS,
            max_rows=MAX_ROWS,
            too_many_rows=_("A sheet may have at most %(max)d rows; split the file.")
            % {"max": MAX_ROWS},
        )
    except UnreadableSheet as unreadable:
        sheet.errors.append(unreadable.message)
        return sheet
    sheet.rows = [_check_cells(number, cells, course) for number, cells in table]
    if not sheet.rows:
        sheet.errors.append(_("The file lists nobody under its first row."))
        return sheet
    _check_against_registry(sheet.rows, course=course, actor=actor)
    return sheet


def _check_cells(number: int, cells, course: Course) -> Row:
    name_cell, id_cell, hours_cell = cells
    row = Row(number=number, values={})
    labels = dict(COLUMNS)

    def error(column, message):
        row.errors.append(f"{labels[column]}: {message}")

    row.values["name"] = cell_text(name_cell)
    if not row.values["name"]:
        error("name", _("This field is required."))

    row.values["citizen_id"] = _check_citizen_id(id_cell, error)
    row.values["hours"] = _check_hours(hours_cell, course, error)
    return row


def _check_citizen_id(id_cell, error) -> str:
    if isinstance(id_cell, int | float):
        error(
            "citizen_id",
            _("The number was stored as a number and lost digits: format the column as text."),
        )
        return ""
    citizen_id = normalize_citizen_id(id_cell)
    if not citizen_id:
        error("citizen_id", _("This field is required."))
        return ""
    try:
        validate_citizen_id(citizen_id)
    except ValidationError as invalid:
        error("citizen_id", invalid.messages[0])
        return ""
    return citizen_id


def _check_hours(hours_cell, course: Course, error) -> Decimal | None:
    text = cell_text(hours_cell)
    if not text:
        error("hours", _("This field is required."))
        return None
    try:
        hours = Decimal(text)
    except InvalidOperation:
        hours = None
    if hours is None or not hours.is_finite():
        error("hours", _("Write the hours as a number, e.g. 8 or 7.5."))
        return None
    if hours <= 0:
        error("hours", _("The hours must be more than zero."))
    elif hours > course.max_hours:
        error(
            "hours",
            _("%(hours)s hours in a course of %(days)d days is more than 24 hours a day.")
            % {"hours": hours_text(hours), "days": course.days},
        )
    elif hours > course.hours:
        error(
            "hours",
            _("At most the course's %(hours)s hours can be earned.")
            % {"hours": hours_text(course.hours)},
        )
    elif hours != hours.quantize(Decimal("0.1")):
        error("hours", _("At most one decimal place, e.g. 7.5."))
    return hours


def _check_against_registry(rows: list[Row], *, course: Course, actor) -> None:
    """Officers in the user's scope, the course open to them, no repeat: a few queries."""
    labels = dict(COLUMNS)
    first_row_of = {}
    for row in rows:
        citizen_id = row.values["citizen_id"]
        if not citizen_id:
            continue
        if citizen_id in first_row_of:
            row.errors.append(
                f"{labels['citizen_id']}: "
                + _("The same number is in row %(row)d.") % {"row": first_row_of[citizen_id]}
            )
        else:
            first_row_of[citizen_id] = row.number
    officers = {}
    scope = Officer.objects.for_user(actor).select_related("department")
    for chunk in chunked(first_row_of, 2000):
        officers.update((o.citizen_id, o) for o in scope.filter(citizen_id__in=chunk))
    attended = set(
        TrainingRecord.objects.filter(
            course=course, officer__in=[o.pk for o in officers.values()]
        ).values_list("officer_id", flat=True)
    )
    open_to = set(course.open_to.values_list("pk", flat=True))
    not_found = (
        _("No officer is registered with this number.")
        if actor.supervises_departments
        else _("No officer of your department has this number.")
    )
    for row in rows:
        citizen_id = row.values["citizen_id"]
        if not citizen_id:
            continue
        officer = officers.get(citizen_id)
        if officer is None:
            row.errors.append(f"{labels['citizen_id']}: {not_found}")
            continue
        row.values["officer"] = officer
        if row.values["name"] and row.values["name"] != officer.name:
            row.errors.append(
                f"{labels['name']}: "
                + _("The officer registered with this number is %(name)s.") % {"name": officer.name}
            )
        if not course.is_open_to(officer.department_id, open_to):
            row.errors.append(
                _("The course is not open to %(department)s.") % {"department": officer.department}
            )
        if officer.pk in attended:
            row.errors.append(_("This officer's attendance at this course is recorded."))


@transaction.atomic
def sheet_import(*, file, course: Course, actor) -> int:
    """Record every row of the sheet, or none: raises ``SheetRejected`` listing the errors."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    check_attendance(actor=actor, course=course)
    sheet = read_sheet(file, course=course, actor=actor)
    if not sheet.is_clean:
        raise SheetRejected(sheet)
    records = [
        TrainingRecord(
            officer=row.values["officer"],
            course=course,
            hours=row.values["hours"],
            year=course.counts_in_year,
            recorded_by=actor,
        )
        for row in sheet.rows
    ]
    try:
        with transaction.atomic():
            TrainingRecord.objects.bulk_create(records, batch_size=1000)
            eligibility.changed(pk__in=[record.officer_id for record in records])
    except IntegrityError as clash:
        raise ValidationError(
            {
                "file": [
                    _("Someone recorded one of these officers meanwhile: upload the sheet again.")
                ]
            }
        ) from clash
    audit.record_many(records, action="create", actor=actor, fields=RECORD_FIELDS)
    return len(records)
