""".xlsx in and out: every list's export, and the shared pieces of an import."""

import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from . import uploads

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chunked(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _cell(sheet, value):
    if value is None:
        value = ""
    elif isinstance(value, bool):
        value = "是" if value else "否"
    elif not isinstance(value, int | float | datetime.date):
        value = str(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl writes a string that starts with "=" as a formula; a name is never one.
        cell.data_type = "s"
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def append_row(sheet, values) -> None:
    """``sheet.append`` for an ordinary worksheet, with the same guard as ``_cell``: a text that
    starts with "=" stays text, never a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def workbook_bytes(
    *, title: str, headers: list, rows: Iterable[Iterable], text_columns: Iterable[int] = ()
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title)[:31])
    for index in text_columns:  # cells typed as text: an 18-digit ID number stays as written
        letter = chr(ord("A") + index)
        sheet.column_dimensions[letter].number_format = "@"
    header_cells = []
    for header in headers:
        cell = _cell(sheet, header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    stamped = f"{filename}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(stamped)}"
    return response


def export_rows(
    queryset,
    columns: list[tuple[str, Callable]],
    *,
    prepare: Callable | None = None,
    chunk_size: int = 2000,
) -> Iterator[list]:
    """Rows of ``columns`` for every record, read in chunks; ``prepare(chunk)`` annotates a chunk."""
    records = queryset.iterator(chunk_size=chunk_size)
    for chunk in chunked(records, chunk_size):
        if prepare is not None:
            chunk = prepare(chunk)
        for record in chunk:
            yield [getter(record) for _header, getter in columns]


def export_response(queryset, columns, *, title, filename, prepare=None) -> HttpResponse:
    content = workbook_bytes(
        title=title,
        headers=[header for header, _getter in columns],
        rows=export_rows(queryset, columns, prepare=prepare),
    )
    return xlsx_response(content, filename)


# Reading an uploaded sheet ------------------------------------------------------------------------


class UnreadableSheet(Exception):
    """The file itself cannot be taken (size, format, columns, length); ``message`` says why."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def header_labels(columns, language: str) -> list[str]:
    """The header row of a template with ``columns`` ([(name, label)]) in ``language``."""
    with translation.override(language):
        return [str(label) for _name, label in columns]


def read_table(
    file,
    *,
    columns,
    max_rows: int,
    too_many_rows: str,
    unreadable: str | None = None,
    wrong_header: str | None = None,
) -> list[tuple[int, tuple]]:
    """(row number as Excel shows it, cells) for every non-empty row under the header row.

    The header must name ``columns`` in Chinese or English, as the template does; anything wrong
    with the file itself raises ``UnreadableSheet``. Rows are returned unchecked. An import may
    word two refusals its own way: ``unreadable`` (not a workbook, or damaged) and
    ``wrong_header`` (with ``%(columns)s``, the header it expects).
    """
    try:
        uploads.validate_sheet_size(file)
    except ValidationError as too_large:
        raise UnreadableSheet(too_large.messages[0]) from None
    not_a_workbook = unreadable or _("This is not an Excel (.xlsx) file. Download the template.")
    if not uploads.has_content_of(file, "xlsx"):
        raise UnreadableSheet(not_a_workbook)
    try:
        uploads.check_archive(file)
    except ValidationError as too_large:
        raise UnreadableSheet(too_large.messages[0]) from None
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl fails in many ways on a damaged or disguised file
        raise UnreadableSheet(not_a_workbook) from error
    rows = []
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        header = [cell_text(v) for v in next(lines, ())]
        while header and not header[-1]:
            header.pop()
        if header not in (header_labels(columns, "zh-hans"), header_labels(columns, "en")):
            shown = header_labels(columns, translation.get_language() or "zh-hans")
            raise UnreadableSheet(
                (
                    wrong_header
                    or _("The first row must name the columns: %(columns)s. Download the template.")
                )
                % {"columns": "、".join(shown)}
            )
        width = len(columns)
        for number, cells in enumerate(lines, start=2):
            cells = tuple(cells[:width]) + (None,) * (width - len(cells[:width]))
            if all(cell_text(c) == "" for c in cells):
                continue  # empty rows are skipped
            if len(rows) >= max_rows:
                raise UnreadableSheet(too_many_rows)
            rows.append((number, cells))
    except UnreadableSheet:
        raise
    except Exception as error:  # the sheet's XML is read lazily, row by row: damage shows here
        raise UnreadableSheet(not_a_workbook) from error
    finally:
        workbook.close()
    return rows
