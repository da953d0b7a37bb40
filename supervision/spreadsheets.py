""".xlsx in and out: every list's export, and the shared pieces of an import."""

import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

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
