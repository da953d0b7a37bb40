"""Fixtures of the complaints app: a county (砀山县) with its legal office and a department, and
complaints in each state, built through the services."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import services
from complaints.models import Complaint
from tests.clock import at
from tests.factories import DepartmentFactory, LegalStaffFactory
from tests.samples import PDF

D = datetime.date
NAME, PHONE = "李秀兰", "13812345678"
MARCH_2, MARCH_3, MARCH_10 = D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 10)


@pytest.fixture
def county_office(county):
    return DepartmentFactory(
        code="DSFZB", name="砀山县人民政府法制办公室", jurisdiction=county, is_legal_office=True
    )


@pytest.fixture
def county_department(county):
    return DepartmentFactory(code="DSSJ", name="砀山县市场监督管理局", jurisdiction=county)


@pytest.fixture
def county_legal(county_office, county):
    return LegalStaffFactory(username="county_legal", department=county_office, jurisdiction=county)


def letter():
    return SimpleUploadedFile("来信-李秀兰.pdf", PDF, content_type="application/pdf")


def register(legal, department, *, received_on=MARCH_2, **extra) -> tuple[Complaint, str]:
    values = {
        "channel": Complaint.Channel.PHONE,
        "facts": "执法人员在检查时态度恶劣，未出示执法证件。",
        "request": "要求依法处理。",
        "officer_name": "王某",
        "name": NAME,
        "phone": PHONE,
        **extra,
    }
    with at(received_on):
        return services.complaint_register(
            actor=legal, department=department, received_on=received_on, **values
        )


def accepted(legal, department, *, on=MARCH_3, assign=True, **extra) -> Complaint:
    complaint, _code = register(
        legal, department, received_on=extra.pop("received_on", on), **extra
    )
    with at(on):
        return services.complaint_accept(complaint=complaint, actor=legal, assign=assign)


def answered(legal, clerk, department, *, on=MARCH_10, outcome="true") -> Complaint:
    complaint = accepted(legal, department)
    with at(on):
        return services.complaint_answer(
            complaint=complaint,
            actor=clerk,
            investigation="经调取执法记录仪视频，情况属实。",
            answer="经查，反映情况属实，已责令当事执法人员作出书面检查。",
            outcome=outcome,
        )
