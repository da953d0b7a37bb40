"""The year's statistics (年度行政执法统计): each registry's tables through the kernel's port, per
department with totals; a page for the legal office, a PDF report and a workbook with one sheet
per table; nobody else."""

import datetime
import io

from openpyxl import load_workbook
from pypdf import PdfReader

from cases.models import CaseCatalogue, CatalogueItem
from supervision import statistics
from tests.clock import at
from tests.factories import CertificateFactory, OfficerFactory, TrainingRecordFactory

D = datetime.date


def catalogue(department, kinds):
    filed = CaseCatalogue.objects.create(
        department=department, year=2026, due=D(2027, 2, 1), filed_on=D(2027, 1, 20)
    )
    for i, kind in enumerate(kinds):
        CatalogueItem.objects.create(
            catalogue=filed,
            case_number=f"{department.code}〔2026〕{i}号",
            title=f"案件{i}",
            kind=kind,
            closing_date=D(2026, 5, 1),
        )


@at(D(2027, 2, 10))
def test_every_registry_contributes_its_table_with_totals(
    browser, legal, clerk_a, department_a, department_b
):
    # A long name takes the room a narrow page would leave the figures' headers.
    department_b.name = "宿州市人力资源和社会保障局（宿州市医疗保障局）劳动保障监察综合行政执法支队"
    department_b.save(update_fields=["name"])
    catalogue(department_a, ["penalty", "penalty", "licence"])
    catalogue(department_b, ["inspection"])
    officer = OfficerFactory(entity__department=department_a)
    CertificateFactory(officer=officer)
    TrainingRecordFactory(officer=officer, hours=40)

    tables = {t.name: t for t in statistics.tables([department_a, department_b], 2026)}
    assert {"case_files", "major_decisions", "certificates", "training", "complaints"} <= set(
        tables
    )
    assert {"evaluations", "findings"} <= set(tables)
    files = tables["case_files"]
    assert files.headers[:2] == ["行政处罚", "行政许可"]
    assert files.rows[0] == (department_a.name, [2, 1, 0, 0, 0, 3])
    assert files.rows[1] == (department_b.name, [0, 0, 0, 1, 0, 1])
    assert files.totals == [2, 1, 0, 1, 0, 4]
    assert tables["training"].rows[0][1][:2] == [1, 1]

    browser.force_login(legal)
    page = browser.get("/statistics/?year=2026").content.decode()
    assert "2026年度行政执法统计" in page
    workbook = load_workbook(io.BytesIO(browser.get("/statistics/?year=2026&format=xlsx").content))
    assert len(workbook.sheetnames) == len(tables)
    first = workbook[workbook.sheetnames[0]]
    assert [c.value for c in first[4]][:1] == ["合计"]
    pdf = browser.get("/statistics/2026/pdf/")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "2026年度行政执法统计" in text
    assert department_a.name in text
    # The report is landscape and no header is broken inside a word (行政处 / 罚, 其 / 他).
    reader = PdfReader(io.BytesIO(pdf.content))
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    lines = set(text.replace(" ", "\n").splitlines())
    for table in tables.values():
        for header in table.headers:
            assert header in lines, header

    browser.force_login(clerk_a)
    assert browser.get("/statistics/?year=2026").status_code == 404
    assert browser.get("/statistics/2026/pdf/").status_code == 404
