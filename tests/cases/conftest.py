"""Fixtures of the cases app: catalogue entries, decisions in each state, frozen days."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases import services
from cases.models import MajorDecision
from tests.clock import at
from tests.factories import PDF, DepartmentFactory

D = datetime.date


@pytest.fixture
def category_a(department_a, clerk_a):
    return services.category_create(
        actor=clerk_a,
        title="对建设工程违法行为处以较大数额罚款",
        criteria="对单位处20万元以上、对个人处5万元以上罚款。",
    )


@pytest.fixture
def category_b(department_b, clerk_b):
    return services.category_create(
        actor=clerk_b,
        title="吊销道路运输经营许可证",
        criteria="吊销道路客运、货运经营许可证或者车辆营运证。",
    )


def register(clerk, category, number="宿建罚决〔2026〕1号", **extra) -> MajorDecision:
    values = {
        "case_number": number,
        "title": "某置业有限公司未取得施工许可擅自施工案",
        "party": "宿州某置业有限公司",
        "summary": "经调查，当事人未取得施工许可证擅自施工，拟处罚款。",
        **extra,
    }
    return services.decision_register(actor=clerk, category=category, **values)


def passed(clerk, legal, category, *, reviewed_on: datetime.date, **extra) -> MajorDecision:
    with at(reviewed_on):
        decision = register(clerk, category, **extra)
        return services.decision_review(
            decision=decision, result="passed", opinion="同意。", actor=legal
        )


def decided(clerk, legal, category, *, made_on: datetime.date, **extra) -> MajorDecision:
    """A decision reviewed the day before ``made_on`` and recorded as made on ``made_on``."""
    decision = passed(
        clerk, legal, category, reviewed_on=made_on - datetime.timedelta(days=1), **extra
    )
    with at(made_on):
        decision = services.decision_decide(decision=decision, decision_date=made_on, actor=clerk)
        attach_decision_document(decision, clerk)
        return decision


def signed_catalogue(name: str = "2025年度案卷目录（盖章）.pdf") -> SimpleUploadedFile:
    """The catalogue signed and sealed by the department, which its filing carries."""
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def attach_decision_document(decision: MajorDecision, clerk):
    """The decision document (决定书) a filing carries, attached by the clerk."""
    services.decision_attach(
        decision=decision,
        upload=SimpleUploadedFile("处罚决定书.pdf", PDF, content_type="application/pdf"),
        kind="decision",
        actor=clerk,
    )


@pytest.fixture
def pending_a(clerk_a, category_a):
    with at(D(2026, 3, 2)):
        return register(clerk_a, category_a)


def make_departments(numbers):
    """Enforcement departments D000, D001, ... with valid credit codes."""
    return [
        DepartmentFactory(code=f"D{n:03d}", name=f"测试部门{n:03d}", stem=f"0050{n:04d}")
        for n in numbers
    ]
