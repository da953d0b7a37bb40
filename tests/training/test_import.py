"""Attendance from an .xlsx sign-in sheet: the template, every row checked, nothing half-imported."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from supervision.models import AuditEntry
from tests.clock import at
from training.models import TrainingRecord

from .conftest import D

HEADER = ["姓名", "公民身份号码", "获得学时"]


@pytest.fixture(autouse=True)
def _late_2026():
    with at(D(2026, 11, 30)):
        yield


@pytest.fixture
def course(training, department_a):
    return training.course(
        department=department_a, starts_on=D(2026, 6, 15), ends_on=D(2026, 6, 15), hours="8"
    )


@pytest.fixture
def people(training, department_a, department_b):
    return {
        "a1": training.officer(department_a, "王建国"),
        "a2": training.officer(department_a, "李娜"),
        "b1": training.officer(department_b, "孙伟"),
    }


def sheet(*rows, header=HEADER) -> SimpleUploadedFile:
    book = Workbook()
    page = book.active
    page.append(header)
    for row in rows:
        page.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return SimpleUploadedFile(
        "签到表.xlsx",
        stream.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def upload(browser, user, course, file):
    browser.force_login(user)
    return browser.post(f"/training/courses/{course.pk}/sign-in-sheet/import/", {"file": file})


def test_the_template_has_the_columns_and_a_text_id_column(browser, clerk_a, course):
    browser.force_login(clerk_a)
    response = browser.get(f"/training/courses/{course.pk}/sign-in-sheet/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.active[1]] == HEADER


def test_a_clean_sheet_records_every_row(browser, clerk_a, course, people):
    response = upload(
        browser,
        clerk_a,
        course,
        sheet(
            ("王建国", people["a1"].citizen_id, 8),
            (None, None, None),
            ("李娜", people["a2"].citizen_id, "7.5"),
        ),
    )
    assert response.status_code == 302
    records = dict(TrainingRecord.objects.values_list("officer__name", "hours"))
    assert records == {"王建国": 8, "李娜": 7.5}
    assert set(TrainingRecord.objects.values_list("year", flat=True)) == {2026}
    assert (
        AuditEntry.objects.filter(action="create", content_type__model="trainingrecord").count()
        == 2
    )
    page = browser.get(response["Location"])
    assert "已登记2人的参训情况。" in page.content.decode()


def test_one_bad_row_and_nothing_is_imported_with_each_rows_errors(
    browser, clerk_a, course, people
):
    response = upload(
        browser,
        clerk_a,
        course,
        sheet(
            ("王建国", people["a1"].citizen_id, 8),
            ("孙伟", people["b1"].citizen_id, 8),  # another department's officer
            ("李娜", people["a2"].citizen_id, -1),
            ("王建国", people["a1"].citizen_id, 30),
            ("张三", people["a2"].citizen_id, 4),
            ("李四", 341302198001011234, 4),
        ),
    )
    assert response.status_code == 400
    assert not TrainingRecord.objects.exists()
    text = response.content.decode()
    assert "未导入任何记录：请更正以下各行后重新上传。" in text
    assert "公民身份号码: 本单位没有该号码的执法人员。" in text
    assert "获得学时: 学时必须大于零。" in text
    assert "获得学时: 1天的培训班计30学时，超过每天24学时。" in text
    assert "公民身份号码: 与第2行号码重复。" in text
    assert "姓名: 该号码登记的执法人员是李娜。" in text
    assert "号码被存为数值，已丢失位数：请将该列设置为文本格式。" in text
    assert people["b1"].citizen_id not in text  # never quoted


def test_a_recorded_officer_and_a_wrong_file_are_refused(browser, clerk_a, course, people):
    TrainingRecord.objects.create(officer=people["a1"], course=course, hours=8, year=2026)
    response = upload(browser, clerk_a, course, sheet(("王建国", people["a1"].citizen_id, 8)))
    assert "该执法人员参加本培训班的记录已登记。" in response.content.decode()
    wrong = SimpleUploadedFile("a.xlsx", b"not a workbook")
    response = upload(browser, clerk_a, course, wrong)
    assert "该文件不是Excel（.xlsx）文件，请下载模板填写。" in response.content.decode()
    columns = upload(browser, clerk_a, course, sheet(("王建国", "x", 8), header=["姓名", "学时"]))
    assert "第一行应为列名" in columns.content.decode()
    assert TrainingRecord.objects.count() == 1


def test_another_departments_course_answers_404(browser, clerk_b, course, people):
    response = upload(browser, clerk_b, course, sheet(("孙伟", people["b1"].citizen_id, 8)))
    assert response.status_code == 404
    browser.force_login(clerk_b)
    assert browser.get(f"/training/courses/{course.pk}/sign-in-sheet/").status_code == 404


def test_the_api_imports_a_sheet_or_lists_the_errors(api, clerk_a, course, people):
    client = api(clerk_a)
    url = f"/api/v1/training/courses/{course.pk}/attendance-import/"
    bad = client.post(
        url, {"file": sheet(("孙伟", people["b1"].citizen_id, 8))}, format="multipart"
    )
    assert bad.status_code == 400
    assert bad.json() == {"file": ["第2行：公民身份号码: 本单位没有该号码的执法人员。"]}
    good = client.post(
        url, {"file": sheet(("李娜", people["a2"].citizen_id, "6.5"))}, format="multipart"
    )
    assert good.status_code == 201
    assert good.json() == {"imported": 1}


def test_the_legal_office_imports_a_centralised_course_open_to_two_departments(
    browser, legal, training, department_a, department_b, people
):
    central = training.course(
        open_to=[department_a, department_b],
        starts_on=D(2026, 4, 20),
        ends_on=D(2026, 4, 23),
        hours="32",
    )
    response = upload(
        browser,
        legal,
        central,
        sheet(("王建国", people["a1"].citizen_id, 32), ("孙伟", people["b1"].citizen_id, 24)),
    )
    assert response.status_code == 302
    assert TrainingRecord.objects.filter(course=central).count() == 2


def test_a_sheet_for_a_course_not_yet_begun_is_refused(
    browser, clerk_a, training, department_a, people
):
    later = training.course(
        department=department_a, starts_on=D(2026, 12, 7), ends_on=D(2026, 12, 7), hours="8"
    )
    response = upload(browser, clerk_a, later, sheet(("王建国", people["a1"].citizen_id, 8)))
    assert response.status_code == 400
    assert "培训班开班后方可登记参训情况。" in response.content.decode()
    assert not TrainingRecord.objects.exists()
