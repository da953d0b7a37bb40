"""The kernel's reader of uploaded sheets: a damaged file is refused with a reason, never a 500."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from supervision.spreadsheets import UnreadableSheet, read_table

COLUMNS = [("name", "姓名"), ("hours", "学时")]


def workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def with_broken_sheet_xml(content: bytes) -> io.BytesIO:
    """The same workbook, its first sheet's XML cut in half: it opens, then fails to read."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            out.writestr(item, data)
    target.seek(0)
    return target


def test_rows_under_the_header_with_excel_row_numbers():
    content = workbook([["姓名", "学时"], ["李强", 8], [None, None], ["张丽", 4]])
    assert read_table(io.BytesIO(content), columns=COLUMNS, max_rows=10, too_many_rows="x") == [
        (2, ("李强", 8)),
        (4, ("张丽", 4)),
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (io.BytesIO(b"not a workbook"), "不是Excel"),
        (
            lambda: with_broken_sheet_xml(workbook([["姓名", "学时"], ["李强", 8]] * 50)),
            "不是Excel",
        ),
        (lambda: io.BytesIO(workbook([["名字", "学时"]])), "第一行应为列名：姓名、学时"),
        (
            lambda: io.BytesIO(workbook([["姓名", "学时"], ["a", 1], ["b", 2], ["c", 3]])),
            "too many",
        ),
    ],
)
def test_a_wrong_file_is_refused_with_its_reason(upload, message):
    upload = upload() if callable(upload) else upload
    with pytest.raises(UnreadableSheet) as refused:
        read_table(
            upload,
            columns=COLUMNS,
            max_rows=60 if message != "too many" else 2,
            too_many_rows="too many",
        )
    assert message in str(refused.value.message)
