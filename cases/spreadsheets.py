"""The .xlsx side of the cases app: the catalogue template and its upload, the decision export."""

import datetime
import io
import logging
import re

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from supervision import uploads
from supervision.spreadsheets import append_row, workbook_bytes

from .models import CatalogueItem

logger = logging.getLogger(__name__)

MAX_ROWS = 5000

# The catalogue sheet's columns, in order: (item field, header).
CATALOGUE_COLUMNS = [
    ("case_number", gettext_lazy("Case number")),
    ("title", gettext_lazy("Case title")),
    ("kind", gettext_lazy("Kind of case")),
    ("closing_date", gettext_lazy("Closing date")),
]
_DATE_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def _in_languages(text) -> set[str]:
    """A translatable text as the portal's languages spell it."""
    spellings = set()
    for code in ("zh-hans", "en"):
        with translation.override(code):
            spellings.add(str(text).strip())
    return spellings


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def catalogue_template(year: int | None = None, items=()) -> bytes:
    """The catalogue sheet with Chinese headers and a drop-down of the kinds of case.

    Empty, it is the template to fill in; with ``items`` it is a catalogue's export, which can be
    uploaded again as it is.
    """
    with translation.override("zh-hans"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Case-file catalogue")
        sheet.append([str(header) for _field, header in CATALOGUE_COLUMNS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for item in items:
            append_row(
                sheet, [item.case_number, item.title, item.get_kind_display(), item.closing_date]
            )
            sheet.cell(row=sheet.max_row, column=4).number_format = "yyyy-mm-dd"
        for column, width in zip("ABCD", (28, 40, 18, 14), strict=True):
            sheet.column_dimensions[column].width = width
        kinds = [str(label) for _value, label in CatalogueItem.Kind.choices]
        validation = DataValidation(type="list", formula1='"' + ",".join(kinds) + '"')
        validation.add(f"C2:C{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
        notes = workbook.create_sheet(_("How to fill in"))
        year_text = str(year) if year else _("the catalogue's year")
        for line in (
            _("One row per closed case file, starting on row 2; keep the headers of row 1."),
            _("Kind of case: one of %(kinds)s.") % {"kinds": "、".join(kinds)},
            _("Closing date: a date within %(year)s, e.g. 2025-03-04.") % {"year": year_text},
            _("A case number appears only once in a catalogue."),
        ):
            notes.append([line])
        notes.column_dimensions["A"].width = 90
        return _saved(workbook)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value):
    """A date from a cell; what cannot be read is passed on for the model to refuse by name."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return from_excel(value).date()
        except (ValueError, OverflowError, TypeError):
            return _text(value)
    text = _text(value)
    match = _DATE_PATTERN.match(text)
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return text
    return text


def _kind_lookup() -> dict[str, str]:
    lookup = {}
    for value, label in CatalogueItem.Kind.choices:
        lookup[value] = value
        for spelling in _in_languages(label):
            lookup[spelling] = value
    return lookup


def read_catalogue_rows(upload) -> list[tuple[int, dict]]:
    """The rows of an uploaded catalogue sheet as (spreadsheet row number, item values).

    A file that is not a readable .xlsx workbook, or whose headers are not the template's, raises
    a ``ValidationError`` on ``file``; row-level checks are the service's.
    """
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise ValidationError(
            {"file": _("Upload the catalogue as an .xlsx workbook (the downloadable template).")}
        )
    try:
        uploads.validate_sheet_size(upload)
    except ValidationError as too_large:
        raise ValidationError({"file": too_large.messages}) from None
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error on a broken or disguised file
        logger.info("unreadable catalogue upload %r", name[:80], exc_info=True)
        raise ValidationError(
            {"file": _("This file cannot be read as an .xlsx workbook: it may be damaged.")}
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_text(value) for value in next(rows, ())]
        while header and header[-1] == "":
            header.pop()
        expected = [str(title) for _field, title in CATALOGUE_COLUMNS]
        if len(header) != len(CATALOGUE_COLUMNS) or any(
            cell not in _in_languages(title)
            for cell, (_field, title) in zip(header, CATALOGUE_COLUMNS, strict=False)
        ):
            raise ValidationError(
                {
                    "file": _(
                        "The columns are not the template's: row 1 must read %(columns)s."
                        " Download the template and copy the rows into it."
                    )
                    % {"columns": "、".join(expected)}
                }
            )
        kinds = _kind_lookup()
        result = []
        for number, row in enumerate(rows, start=2):
            cells = list(row[: len(CATALOGUE_COLUMNS)])
            cells += [None] * (len(CATALOGUE_COLUMNS) - len(cells))
            if all(_text(cell) == "" for cell in cells):
                continue
            if len(result) >= MAX_ROWS:
                raise ValidationError(
                    {"file": _("A sheet may hold at most %(max)d rows.") % {"max": MAX_ROWS}}
                )
            case_number, title, kind, closing_date = cells
            kind_text = _text(kind)
            result.append(
                (
                    number,
                    {
                        "case_number": _text(case_number),
                        "title": _text(title),
                        "kind": kinds.get(kind_text, kind_text),
                        "closing_date": _date(closing_date),
                    },
                )
            )
    except ValidationError:
        raise
    except Exception:  # the sheet's XML is read lazily, row by row: damage shows here
        logger.info("unreadable catalogue upload %r", name[:80], exc_info=True)
        raise ValidationError(
            {"file": _("This file cannot be read as an .xlsx workbook: it may be damaged.")}
        ) from None
    finally:
        workbook.close()
    if not result:
        raise ValidationError({"file": _("The sheet has no case files below its headers.")})
    return result


def decisions_workbook(decisions) -> bytes:
    """The decision list as the user filtered it."""
    return workbook_bytes(
        title=_("Major decisions"),
        headers=[
            _("Department"),
            _("Case number"),
            _("Decision title"),
            _("Party"),
            _("Category"),
            _("Legal review"),
            _("Decision date"),
            _("Filing due"),
            _("Filed on"),
            _("Filing status"),
        ],
        rows=(
            [
                decision.department.name,
                decision.case_number,
                decision.title,
                decision.party,
                decision.category.title,
                decision.get_review_status_display(),
                decision.decision_date,
                decision.filing_due,
                decision.filed_on,
                decision.get_filing_status_display(),
            ]
            for decision in decisions
        ),
    )
