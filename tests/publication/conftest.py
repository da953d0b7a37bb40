"""Fixtures of the publication app: normative documents and benchmarks of departments A and B,
and a county (砀山县) with its own legal office and department."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publication import services
from tests.clock import at
from tests.factories import ClerkFactory, DepartmentFactory, LegalStaffFactory

D = datetime.date
PDF = b"%PDF-1.4 normative document\n%%EOF\n"
ISSUED = D(2026, 9, 1)


def pdf(name="关于规范建筑市场秩序的通知.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def register_document(clerk, *, issued_on=ISSUED, number="宿建规〔2026〕1号", **extra):
    values = {
        "number": number,
        "title": "宿州市住房和城乡建设局关于规范建筑市场秩序的通知",
        "issued_on": issued_on,
        "effective_on": issued_on + datetime.timedelta(days=30),
        "text": pdf(),
        **extra,
    }
    return services.document_register(actor=clerk, **values)


GRADES = [
    {"circumstances": "初次违法且危害后果轻微，及时改正", "outcome": "不予处罚"},
    {"circumstances": "违法面积不超过100平方米", "outcome": "处工程合同价款1%以上2%以下罚款"},
    {
        "circumstances": "违法面积超过100平方米或者拒不改正",
        "outcome": "处工程合同价款3%以上4%以下罚款",
    },
]


def register_benchmark(clerk, *, matter="未取得施工许可证擅自施工", **extra):
    values = {
        "matter": matter,
        "legal_basis": "《建筑法》第六十四条；《建设工程质量管理条例》第五十七条",
        "discretion": "责令改正，处工程合同价款1%以上2%以下罚款（幅度）",
        "grades": GRADES,
        "higher_benchmark": "安徽省住房城乡建设行政处罚裁量基准（2025年版）",
        "effective_from": D(2026, 10, 1),
        **extra,
    }
    return services.benchmark_register(actor=clerk, **values)


def published(clerk, legal, **extra):
    """A benchmark registered, approved and published (on 15 September 2026)."""
    with at(D(2026, 9, 15)):
        benchmark = register_benchmark(clerk, **extra)
        services.benchmark_submit(benchmark=benchmark, actor=clerk)
        services.benchmark_review(benchmark=benchmark, result="approved", actor=legal)
        return services.benchmark_publish(benchmark=benchmark, actor=clerk)


@pytest.fixture
def county_department(county):
    return DepartmentFactory(
        code="DSZJ", name="砀山县住房和城乡建设局", stem="00300102", jurisdiction=county
    )


@pytest.fixture
def county_clerk(county_department):
    return ClerkFactory(username="clerk_county", department=county_department)


@pytest.fixture
def county_legal(county):
    office = DepartmentFactory(
        code="DSFZB",
        name="砀山县人民政府法制办公室",
        stem="00300101",
        jurisdiction=county,
        is_legal_office=True,
    )
    return LegalStaffFactory(username="legal_county", department=office)
