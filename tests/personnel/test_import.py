"""Officer rosters from Excel: the template, each row's errors before anything is saved, and an
import of all the rows or none."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from personnel.importing import COLUMNS
from personnel.models import Officer, OfficerImport
from supervision.models import AuditEntry
from supervision.spreadsheets import header_labels

from .conftest import citizen_id, make_officer

HEADER = ["姓名", "公民身份号码", "执法主体", "岗位", "是否在编在岗（是/否）"]
ENTITY = "宿州市住房和城乡建设局"


def roster(rows, header=HEADER, name="名册.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def row(n, **changes):
    values = {
        "name": f"人员{n}",
        "id": citizen_id(n),
        "entity": ENTITY,
        "post": "执法科科员",
        "flag": "是",
    }
    values.update(changes)
    return [values["name"], values["id"], values["entity"], values["post"], values["flag"]]


def upload(browser, user, file, **extra):
    browser.force_login(user)
    return browser.post("/personnel/officers/import/", {"file": file, **extra})


def errors_by_row(page):
    found = {}
    for number, cell in re.findall(
        r'<tr class="row-errors"><td>(\d+)</td><td>.*?</td><td>(.*?)</td></tr>', page, re.S
    ):
        found[int(number)] = re.findall(r"<li>(.*?)</li>", cell)
    return found


def test_the_template_has_the_columns_and_a_text_id_column(browser, clerk_a):
    browser.force_login(clerk_a)
    response = browser.get("/personnel/officers/import/template/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADER
    assert header_labels(COLUMNS, "zh-hans") == HEADER


def test_a_clean_roster_is_previewed_then_imported_whole(browser, clerk_a, published_a):
    preview = upload(browser, clerk_a, roster([row(n) for n in range(1, 6)])).content.decode()
    assert "所有行均无错误" in preview
    assert "导入5名执法人员" in preview
    assert not Officer.objects.exists()  # nothing before the confirmation
    upload_record = OfficerImport.objects.get()
    assert upload_record.file
    response = browser.post(f"/personnel/officers/import/{upload_record.pk}/confirm/", follow=True)
    assert "已导入5名执法人员。" in response.content.decode()
    assert Officer.objects.count() == 5
    assert set(Officer.objects.values_list("department__code", "entity__name")) == {("ZJJ", ENTITY)}
    upload_record.refresh_from_db()
    assert upload_record.status == "imported"
    assert not upload_record.file  # the roster with ID numbers is not kept
    assert AuditEntry.objects.filter(action="import", content_type__model="officer").count() == 5
    again = browser.post(f"/personnel/officers/import/{upload_record.pk}/confirm/", follow=True)
    assert "该名册不能导入，请重新上传。" in again.content.decode()
    assert Officer.objects.count() == 5


def test_every_rows_errors_are_listed_and_nothing_is_saved(
    browser, clerk_a, published_a, officer_a
):
    wrong_check = citizen_id(3)[:17] + ("0" if citizen_id(3)[-1] != "0" else "1")
    rows = [
        row(1),
        row(2, name=""),
        row(3, id=wrong_check),
        row(4, id=341302198506150017),  # typed as a number by Excel
        [None, None, None, None, None],  # an empty row: skipped, but it keeps its number
        row(6, entity="不存在的主体"),
        row(7, post=""),
        row(8, flag="可能"),
        row(9, id=citizen_id(1)),  # the same number as row 2 of the file
        row(10, id=officer_a.citizen_id),  # already registered
        row(11, id="12345"),
    ]
    page = upload(browser, clerk_a, roster(rows)).content.decode()
    assert not Officer.objects.exclude(pk=officer_a.pk).exists()
    assert "/confirm/" not in page  # no import button while a row is wrong
    found = errors_by_row(page)
    assert found == {
        3: ["姓名: 该字段是必填项。"],
        4: ["公民身份号码: 公民身份号码校验码不正确，请核对。"],
        5: ["公民身份号码: 号码被存为数值，已丢失位数：请将该列设置为文本格式。"],
        7: ["执法主体: 宿州市住房和城乡建设局没有该名称的执法主体。"],
        8: ["岗位: 该字段是必填项。"],
        9: ["是否在编在岗（是/否）: 请填写“是”或“否”。"],
        10: ["公民身份号码: 与第2行号码重复。"],
        11: ["公民身份号码: 该号码的执法人员已登记。"],
        12: ["公民身份号码: 公民身份号码应为18位，当前为5位。"],
    }
    assert officer_a.citizen_id not in page.split("逐行错误")[1]  # errors never quote a number
    assert OfficerImport.objects.get().error_count == 9
    assert not OfficerImport.objects.get().file


@pytest.mark.parametrize(
    "header",
    [
        ["姓名", "身份证号", "执法主体", "岗位", "在编在岗（是/否）"],
        HEADER[:4],
        ["name", "id"],
        [],
    ],
)
def test_wrong_columns_are_refused(browser, clerk_a, published_a, header):
    page = upload(browser, clerk_a, roster([row(1)], header=header)).content.decode()
    assert (
        "第一行应为列名：姓名、公民身份号码、执法主体、岗位、是否在编在岗（是/否）。请下载模板填写。"
        in page
    )
    assert "所有行均无错误" not in page
    assert not Officer.objects.exists()


def test_english_headers_from_the_english_template_are_accepted(browser, clerk_a, published_a):
    page = upload(
        browser, clerk_a, roster([row(1)], header=header_labels(COLUMNS, "en"))
    ).content.decode()
    assert "所有行均无错误" in page


def test_a_file_that_is_not_xlsx_is_refused(browser, clerk_a):
    page = upload(browser, clerk_a, SimpleUploadedFile("名册.xlsx", b"not a zip")).content.decode()
    assert "该文件不是Excel（.xlsx）文件，请下载模板填写。" in page


def test_a_roster_with_only_empty_rows(browser, clerk_a):
    page = upload(browser, clerk_a, roster([[None] * 5, ["", " ", "", "", ""]])).content.decode()
    assert "文件第一行以下没有人员数据。" in page


def test_nothing_is_imported_if_the_registry_changed_since_the_check(browser, clerk_a, published_a):
    upload(browser, clerk_a, roster([row(1), row(2)]))
    make_officer(published_a, "抢先登记", 2)
    response = browser.post(
        f"/personnel/officers/import/{OfficerImport.objects.get().pk}/confirm/", follow=True
    )
    assert "现有1行存在错误，请改正后重新上传。" in response.content.decode()
    assert list(Officer.objects.values_list("name", flat=True)) == ["抢先登记"]


def test_scoping_of_uploads(browser, clerk_a, clerk_b, published_a):
    upload(browser, clerk_a, roster([row(1)]))
    browser.force_login(clerk_b)
    assert (
        browser.post(
            f"/personnel/officers/import/{OfficerImport.objects.get().pk}/confirm/"
        ).status_code
        == 404
    )
    assert not Officer.objects.exists()


def test_the_legal_office_names_the_department(browser, legal, published_a, published_b):
    page = upload(
        browser,
        legal,
        roster([row(1, entity="宿州市交通运输局")]),
        department=published_b.department_id,
    )
    assert "所有行均无错误" in page.content.decode()
    browser.post(f"/personnel/officers/import/{OfficerImport.objects.get().pk}/confirm/")
    assert Officer.objects.get().department == published_b.department


def test_supervisors_and_the_public_cannot_import(browser, supervisor):
    assert browser.get("/personnel/officers/import/").status_code == 302
    browser.force_login(supervisor)
    assert browser.get("/personnel/officers/import/").status_code == 404
    assert browser.get("/personnel/officers/import/template/").status_code == 404


def test_a_long_roster_with_some_wrong_rows(browser, clerk_a, published_a):
    """The errors of rows scattered through a roster (first, middle, last) carry their Excel row
    numbers; nothing is saved until every row is right, then all are imported. Its 10,000-row
    twin, with timings and query counts, is in bench/bench_personnel.py (`make bench`)."""
    rows = [row(n, id=citizen_id(n % 1000, born=_born(n))) for n in range(ROWS)]
    for n in WRONG_IDS:
        rows[n][1] = rows[n][1][:17] + ("0" if rows[n][1][-1] != "0" else "1")
    rows[UNKNOWN_ENTITY][2] = "不存在的主体"
    page = upload(browser, clerk_a, roster(rows)).content.decode()
    assert f"<dd>{ROWS}</dd>" in page
    # Excel row numbers: the header is row 1, so row n of the list is row n + 2.
    assert set(errors_by_row(page)) == {n + 2 for n in (*WRONG_IDS, UNKNOWN_ENTITY)}
    assert not Officer.objects.exists()
    for n in WRONG_IDS:
        rows[n][1] = citizen_id(n % 1000, born=_born(n))
    rows[UNKNOWN_ENTITY][2] = ENTITY
    page = upload(browser, clerk_a, roster(rows)).content.decode()
    assert "所有行均无错误" in page
    browser.post(f"/personnel/officers/import/{OfficerImport.objects.latest('id').pk}/confirm/")
    assert Officer.objects.count() == ROWS


ROWS = 50
WRONG_IDS = (1, 24, ROWS - 1)
UNKNOWN_ENTITY = 30


def test_checking_and_importing_cost_the_same_queries_for_20_rows_and_for_60(
    browser, clerk_a, published_a
):
    def run(count):
        Officer.objects.all().delete()
        rows = [row(n) for n in range(count)]
        with CaptureQueriesContext(connection) as checked:
            upload(browser, clerk_a, roster(rows))
        pk = OfficerImport.objects.latest("id").pk
        with CaptureQueriesContext(connection) as imported:
            browser.post(f"/personnel/officers/import/{pk}/confirm/")
        assert Officer.objects.count() == count
        return len(checked), len(imported)

    run(1)  # the session and the caches warm up
    assert run(20) == run(60)


def _born(n):
    return datetime.date(1960, 1, 1) + datetime.timedelta(days=n // 1000)
