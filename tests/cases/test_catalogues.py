"""Case-file catalogues (案卷目录备案): the year rule, the end-of-January deadline, entry, the
.xlsx upload with row errors, filing on time or late, through services, pages and the API."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from cases import services
from cases.deadlines import catalogue_due
from cases.models import CaseCatalogue, CatalogueItem
from supervision import notes
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry
from tests.clock import at

from .conftest import D, make_departments, signed_catalogue

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["案号", "案件名称", "案件类别", "结案日期"]


def sheet(rows, headers=HEADERS, name="目录.xlsx"):
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.append(headers)
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def damaged(upload):
    """The same workbook with its sheet's XML cut in half: it opens, then fails row by row."""
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(upload.read())), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            out.writestr(item, data)
    return SimpleUploadedFile(upload.name, target.getvalue(), content_type=XLSX)


GOOD_ROWS = [
    ["宿建罚〔2025〕1号", "某建筑公司违反安全生产规定案", "行政处罚", D(2025, 3, 4)],
    ["宿建许〔2025〕2号", "某项目施工许可", "行政许可", "2025/6/30"],
    ["宿建强〔2025〕3号", "某违法建设查封案", "行政强制措施", "2025年12月31日"],
    [20250004, "某在建工程质量检查", "inspection", "2025-01-01"],
]


@pytest.fixture
def catalogue_a(clerk_a):
    with at(D(2026, 1, 10)):
        return services.catalogue_open(actor=clerk_a, year=2025)


# The year and the deadline -----------------------------------------------------------------


def test_last_years_catalogue_is_due_the_first_working_day_after_31_january(clerk_a):
    with at(D(2026, 1, 10)):
        catalogue = services.catalogue_open(actor=clerk_a, year=2025)
    # 2026-01-31 is a Saturday and 2026-02-01 a Sunday.
    assert catalogue.due == D(2026, 2, 2)
    assert catalogue.due_provisional is False
    deadline = catalogue_due(2025)
    assert deadline.skipped == (D(2026, 1, 31), D(2026, 2, 1))


def test_a_deadline_in_a_year_the_package_does_not_know_is_provisional(clerk_a):
    # 2027-01-31 is a Sunday; chinese-calendar 1.11 does not know 2027: weekends and statutory holidays.
    with at(D(2027, 1, 10)):
        catalogue = services.catalogue_open(actor=clerk_a, year=2026)
    assert catalogue.due == D(2027, 2, 1)
    assert catalogue.due_provisional is True


@pytest.mark.parametrize("year", [2026, 2027])
def test_the_year_must_have_ended(clerk_a, year):
    with at(D(2026, 5, 1)), pytest.raises(ValidationError) as error:
        services.catalogue_open(actor=clerk_a, year=year)
    assert error.value.message_dict == {
        "year": ["案卷目录只能按已结束的年度报送，即2025年或者更早的年度。"]
    }
    assert not CaseCatalogue.objects.exists()


def test_one_catalogue_per_department_and_year(clerk_a, catalogue_a):
    with at(D(2026, 1, 11)):
        assert services.catalogue_open(actor=clerk_a, year=2025) == catalogue_a
        with pytest.raises(ValidationError) as error:
            services.catalogue_open(actor=clerk_a, year=2025, existing_ok=False)
    assert error.value.message_dict == {"year": ["本部门已有该年度的案卷目录。"]}
    assert CaseCatalogue.objects.count() == 1


def test_filing_on_the_due_day_is_on_time(clerk_a, catalogue_a):
    with at(D(2026, 2, 2)):
        filed = services.catalogue_file(
            document=signed_catalogue(), catalogue=catalogue_a, actor=clerk_a
        )
        assert (filed.filed_on, filed.status) == (D(2026, 2, 2), "filed_on_time")


def test_a_late_filing_is_accepted_and_marked_late(clerk_a, catalogue_a):
    with at(D(2026, 2, 3)):
        assert catalogue_a.status == "overdue"
        filed = services.catalogue_file(
            document=signed_catalogue(), catalogue=catalogue_a, actor=clerk_a
        )
        assert filed.status == "filed_late"
    assert (
        notes.render(AuditEntry.objects.for_record(filed).get(action="file").reason) == "逾期备案"
    )
    with at(D(2026, 2, 4)), pytest.raises(TransitionNotAllowed, match="该目录已经备案"):
        services.catalogue_file(document=signed_catalogue(), catalogue=filed, actor=clerk_a)


def test_a_filed_catalogue_can_no_longer_be_changed(clerk_a, catalogue_a):
    with at(D(2026, 1, 20)):
        services.catalogue_file(document=signed_catalogue(), catalogue=catalogue_a, actor=clerk_a)
    row = {"case_number": "1", "title": "t", "kind": "penalty", "closing_date": D(2025, 5, 1)}
    with pytest.raises(TransitionNotAllowed, match="该目录已备案，不能再修改"):
        services.catalogue_items_add(catalogue=catalogue_a, rows=[(1, row)], actor=clerk_a)


def test_filing_dates_in_the_future_or_inside_the_year_are_refused(clerk_a, catalogue_a):
    with at(D(2026, 1, 20)):
        for filed_on, message in [
            (D(2026, 1, 21), "备案日期不能晚于今天。"),
            (D(2025, 12, 31), "2025年度案卷目录应在2025年结束后报送。"),
        ]:
            with pytest.raises(ValidationError) as error:
                services.catalogue_file(
                    document=signed_catalogue(),
                    catalogue=catalogue_a,
                    filed_on=filed_on,
                    actor=clerk_a,
                )
            assert error.value.message_dict == {"filed_on": [message]}


def test_the_legal_office_files_no_catalogue_of_its_own(legal, legal_department):
    with at(D(2026, 1, 10)), pytest.raises(ValidationError) as error:
        services.catalogue_open(actor=legal, year=2025, department=legal_department)
    assert error.value.message_dict == {
        "department": ["政府法制机构不报送案卷目录，请选择报送部门。"]
    }


# The .xlsx upload --------------------------------------------------------------------------


def test_the_template_has_chinese_headers(browser, clerk_a):
    browser.force_login(clerk_a)
    response = browser.get("/cases/catalogues/template.xlsx?year=2025")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == HEADERS
    notes = " ".join(str(row[0]) for row in workbook.worksheets[1].iter_rows(values_only=True))
    assert "行政处罚、行政许可、行政强制措施、行政检查、其他" in notes


def test_uploading_a_good_sheet_adds_every_row(browser, clerk_a, catalogue_a):
    browser.force_login(clerk_a)
    response = browser.post(
        f"/cases/catalogues/{catalogue_a.pk}/upload/", {"file": sheet(GOOD_ROWS)}, follow=True
    )
    assert response.status_code == 200
    assert "已从表格导入4个案卷。" in response.content.decode()
    items = {i.case_number: (i.kind, i.closing_date) for i in CatalogueItem.objects.all()}
    assert items == {
        "宿建罚〔2025〕1号": ("penalty", D(2025, 3, 4)),
        "宿建许〔2025〕2号": ("licence", D(2025, 6, 30)),
        "宿建强〔2025〕3号": ("coercive_measure", D(2025, 12, 31)),
        "20250004": ("inspection", D(2025, 1, 1)),
    }


def test_the_export_of_a_catalogue_can_be_uploaded_again(browser, clerk_a, catalogue_a):
    browser.force_login(clerk_a)
    browser.post(f"/cases/catalogues/{catalogue_a.pk}/upload/", {"file": sheet(GOOD_ROWS)})
    exported = browser.get(f"/cases/catalogues/{catalogue_a.pk}/export.xlsx").content
    again = SimpleUploadedFile("again.xlsx", exported, content_type=XLSX)
    response = browser.post(
        f"/cases/catalogues/{catalogue_a.pk}/upload/", {"file": again, "replace": "on"}
    )
    assert response.status_code == 302
    assert CatalogueItem.objects.count() == 4


def test_a_bad_row_saves_nothing_and_is_named(browser, clerk_a, catalogue_a):
    browser.force_login(clerk_a)
    rows = [
        GOOD_ROWS[0],
        ["宿建罚〔2025〕9号", "某案", "行政处罚", D(2024, 12, 31)],  # row 3: wrong year
        ["宿建罚〔2025〕1号", "重复的案号", "行政处罚", D(2025, 2, 1)],  # row 4: duplicate
        ["宿建罚〔2025〕10号", "", "罚款", "明天"],  # row 5: three problems
    ]
    response = browser.post(f"/cases/catalogues/{catalogue_a.pk}/upload/", {"file": sheet(rows)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "未保存任何数据" in text
    assert "第3行：结案日期不在2025年内。" in text
    assert "第4行：案号宿建罚〔2025〕1号重复（与第2行相同）" in text
    assert (
        "第5行：案件名称：此字段不能为空；案件类别：值 &#x27;罚款&#x27; 不是有效选项；结案日期：“明天”的值有一个错误的日期格式"
        in text
    )
    assert "<li>第2行" not in text
    assert not CatalogueItem.objects.exists()


def test_a_case_number_already_entered_is_a_row_error(browser, clerk_a, catalogue_a):
    services.catalogue_items_add(
        catalogue=catalogue_a,
        rows=[
            (
                1,
                {
                    "case_number": "宿建罚〔2025〕1号",
                    "title": "t",
                    "kind": "penalty",
                    "closing_date": D(2025, 1, 2),
                },
            )
        ],
        actor=clerk_a,
    )
    browser.force_login(clerk_a)
    response = browser.post(
        f"/cases/catalogues/{catalogue_a.pk}/upload/", {"file": sheet(GOOD_ROWS)}
    )
    assert response.status_code == 400
    assert "第2行：案号宿建罚〔2025〕1号已在本目录中" in response.content.decode()
    assert CatalogueItem.objects.count() == 1


def test_wrong_columns_are_refused(browser, clerk_a, catalogue_a):
    browser.force_login(clerk_a)
    response = browser.post(
        f"/cases/catalogues/{catalogue_a.pk}/upload/",
        {"file": sheet(GOOD_ROWS, headers=["编号", "名称", "类别", "日期"])},
    )
    assert response.status_code == 400
    assert (
        "表格列与模板不符：第1行应为案号、案件名称、案件类别、结案日期。"
        in response.content.decode()
    )
    assert not CatalogueItem.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("目录.xlsx", b"this is no workbook"), "无法读取该文件"),
        (SimpleUploadedFile("目录.xlsx", b"PK\x03\x04broken zip"), "无法读取该文件"),
        (
            SimpleUploadedFile("目录.csv", "案号,案件名称\n".encode()),
            "请按模板上传.xlsx格式的表格文件。",
        ),
        (sheet([]), "表格中表头以下没有填写案卷。"),
        (damaged(sheet(GOOD_ROWS * 20)), "无法读取该文件"),
    ],
    ids=["text", "broken zip", "csv", "empty", "damaged sheet"],
)
def test_a_file_that_is_not_a_usable_sheet_gets_a_clear_error(
    browser, clerk_a, catalogue_a, upload, message
):
    browser.force_login(clerk_a)
    response = browser.post(f"/cases/catalogues/{catalogue_a.pk}/upload/", {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CatalogueItem.objects.exists()


# Pages -------------------------------------------------------------------------------------


def test_a_clerk_opens_enters_and_files_last_years_catalogue(browser, clerk_a):
    browser.force_login(clerk_a)
    with at(D(2026, 1, 10)):
        listing = browser.get("/cases/catalogues/").content.decode()
        assert "2025年度案卷目录的备案期限为2026年2月2日" in listing
        opened = browser.post("/cases/catalogues/open/", {"year": "2025"}, follow=True)
    text = opened.content.decode()
    assert "宿州市住房和城乡建设局 2025年度案卷目录" in text
    catalogue = CaseCatalogue.objects.get()
    wrong = browser.post(
        f"/cases/catalogues/{catalogue.pk}/items/",
        {"case_number": "A1", "title": "某案", "kind": "penalty", "closing_date": "2026-01-05"},
    )
    assert wrong.status_code == 400
    assert "结案日期不在2025年内。" in wrong.content.decode()
    added = browser.post(
        f"/cases/catalogues/{catalogue.pk}/items/",
        {"case_number": "A1", "title": "某案", "kind": "penalty", "closing_date": "2025-01-05"},
        follow=True,
    )
    assert "案卷已添加。" in added.content.decode()
    with at(D(2026, 2, 3)):
        filed = browser.post(
            f"/cases/catalogues/{catalogue.pk}/file/",
            {"document": signed_catalogue()},
            follow=True,
        )
    text = filed.content.decode()
    assert "案卷目录已报送备案。" in text
    assert "逾期备案" in text
    assert "录入案卷" not in text  # read-only once filed


def test_the_year_rule_on_the_page(browser, clerk_a):
    browser.force_login(clerk_a)
    with at(D(2026, 1, 10)):
        response = browser.post("/cases/catalogues/open/", {"year": "2026"})
    assert response.status_code == 400
    assert "案卷目录只能按已结束的年度报送，即2025年或者更早的年度。" in response.content.decode()
    assert not CaseCatalogue.objects.exists()


def test_the_legal_office_sees_who_has_not_started(
    browser, legal, clerk_a, catalogue_a, department_b
):
    browser.force_login(legal)
    with at(D(2026, 2, 5)):
        text = browser.get("/cases/catalogues/").content.decode()
    assert "2025年度各部门案卷目录备案情况" in text
    assert "宿州市交通运输局" in text
    assert "尚未填报" in text


def test_clerk_b_gets_404_on_every_url_of_clerk_a_catalogue(browser, api, clerk_b, catalogue_a):
    browser.force_login(clerk_b)
    base = f"/cases/catalogues/{catalogue_a.pk}/"
    for url in [base, f"{base}export.xlsx"]:
        assert browser.get(url).status_code == 404, url
    for url, data in [
        (f"{base}items/", {"case_number": "x"}),
        (f"{base}upload/", {"file": sheet(GOOD_ROWS)}),
        (f"{base}file/", {}),
    ]:
        assert browser.post(url, data).status_code == 404, url
    for method, suffix in [("get", ""), ("post", "items/"), ("post", "upload/"), ("post", "file/")]:
        response = getattr(api(clerk_b), method)(f"/api/v1/catalogues/{catalogue_a.pk}/{suffix}")
        assert response.status_code == 404, suffix
    assert not CatalogueItem.objects.exists()
    assert CaseCatalogue.objects.get().filed_on is None


# The API -----------------------------------------------------------------------------------


def test_the_api_creates_adds_items_and_files(api, clerk_a):
    client = api(clerk_a)
    with at(D(2026, 1, 10)):
        created = client.post("/api/v1/catalogues/", {"year": 2025}, format="json")
        assert created.status_code == 201, created.json()
        body = created.json()
        assert {"id", "department", "year", "items", "filed_on", "due", "status"} <= set(body)
        assert (body["department"], body["due"], body["status"]) == (
            clerk_a.department_id,
            "2026-02-02",
            "open",
        )
        again = client.post("/api/v1/catalogues/", {"year": 2025}, format="json")
        assert again.status_code == 400
        assert again.json() == {"year": ["本部门已有该年度的案卷目录。"]}
        url = f"/api/v1/catalogues/{body['id']}/"
        bad = client.post(
            f"{url}items/",
            {
                "items": [
                    {
                        "case_number": "1",
                        "title": "某案",
                        "kind": "penalty",
                        "closing_date": "2025-02-01",
                    },
                    {
                        "case_number": "2",
                        "title": "某案",
                        "kind": "penalty",
                        "closing_date": "2024-02-01",
                    },
                ]
            },
            format="json",
        )
        assert bad.status_code == 400
        assert bad.json() == {"items": ["第2行：结案日期不在2025年内。"]}
        assert not CatalogueItem.objects.exists()
        good = client.post(
            f"{url}items/",
            {
                "items": [
                    {
                        "case_number": "1",
                        "title": "某案",
                        "kind": "penalty",
                        "closing_date": "2025-02-01",
                    },
                ]
            },
            format="json",
        )
        assert good.status_code == 201
        assert good.json()["items"] == [
            {
                "id": CatalogueItem.objects.get().pk,
                "case_number": "1",
                "title": "某案",
                "kind": "penalty",
                "closing_date": "2025-02-01",
            }
        ]
        uploaded = client.post(f"{url}upload/", {"file": sheet(GOOD_ROWS)}, format="multipart")
        assert uploaded.status_code == 201
        assert len(uploaded.json()["items"]) == 5
        broken = client.post(
            f"{url}upload/", {"file": SimpleUploadedFile("x.xlsx", b"nope")}, format="multipart"
        )
        assert broken.status_code == 400
        assert "无法读取该文件" in broken.json()["file"][0]
    with at(D(2026, 2, 2)):
        unsigned = client.post(f"{url}file/", {}, format="multipart")
        assert unsigned.status_code == 400
        assert unsigned.json() == {"document": ["没有提交任何文件。"]}
        assert CaseCatalogue.objects.get().filed_on is None
        filed = client.post(f"{url}file/", {"document": signed_catalogue()}, format="multipart")
    assert filed.status_code == 200
    body = filed.json()
    assert (body["filed_on"], body["status"]) == ("2026-02-02", "filed_on_time")
    assert body["document_name"] == "2025年度案卷目录（盖章）.pdf"
    assert body["document_url"] == f"/cases/catalogues/{body['id']}/document/"


def test_the_api_year_rule_and_department(api, legal, clerk_a, department_a):
    with at(D(2026, 3, 1)):
        this_year = api(clerk_a).post("/api/v1/catalogues/", {"year": 2026}, format="json")
        assert this_year.status_code == 400
        assert this_year.json() == {
            "year": ["案卷目录只能按已结束的年度报送，即2025年或者更早的年度。"]
        }
        unnamed = api(legal).post("/api/v1/catalogues/", {"year": 2025}, format="json")
        assert unnamed.status_code == 400
        assert unnamed.json() == {"department": ["该字段是必填项。"]}
        named = api(legal).post(
            "/api/v1/catalogues/", {"year": 2025, "department": department_a.pk}, format="json"
        )
        assert named.status_code == 201
        assert named.json()["status"] == "overdue"


def test_the_api_list_costs_the_same_queries_for_3_and_30_catalogues(api, legal):
    def make(numbers):
        for department in make_departments(numbers):
            with at(D(2026, 1, 10)):
                catalogue = services.catalogue_open(actor=legal, year=2025, department=department)
                services.catalogue_items_add(
                    catalogue=catalogue,
                    rows=[
                        (
                            n,
                            {
                                "case_number": str(n),
                                "title": "案",
                                "kind": "other",
                                "closing_date": D(2025, 1, 1) + datetime.timedelta(days=n),
                            },
                        )
                        for n in range(3)
                    ],
                    actor=legal,
                )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = api(legal).get("/api/v1/catalogues/")
        assert response.status_code == 200
        return len(captured), response.json()["count"]

    make(range(3))
    few = queries()
    make(range(100, 127))
    many = queries()
    assert (few[1], many[1]) == (3, 30)
    assert few[0] == many[0]


def test_the_lists_export_what_they_show(browser, legal, clerk_a, catalogue_a, category_a):
    browser.force_login(clerk_a)
    for url, header, row in [
        ("/cases/catalogues/?export=xlsx", ("年度", "所属部门"), (2025, "宿州市住房和城乡建设局")),
        (
            "/cases/categories/?export=xlsx",
            ("所属部门", "事项名称"),
            ("宿州市住房和城乡建设局", category_a.title),
        ),
    ]:
        response = browser.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == XLSX
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert rows[0][:2] == header
        assert [r[:2] for r in rows[1:]] == [row]
