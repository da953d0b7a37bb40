import datetime

import pytest

from inspections import services
from inspections.models import Inspection
from supervision.models import Jurisdiction
from tests.clock import at
from tests.factories import DepartmentFactory, LegalStaffFactory

D = datetime.date
JULY_20 = D(2026, 7, 20)


def new_inspection(legal, departments, *, day=JULY_20, start=None, team=(), **extra):
    start = start or day
    with at(day):
        return services.inspection_create(
            actor=legal,
            title=extra.pop("title", "交通运输领域执法监督专项检查"),
            field=extra.pop("field", Inspection.Field.TRANSPORT),
            departments=departments,
            methods=extra.pop("methods", [Inspection.Method.ON_SITE, Inspection.Method.CASE_FILES]),
            start_on=start,
            end_on=extra.pop("end_on", start + datetime.timedelta(days=4)),
            team=team,
            scope=extra.pop("scope", "道路运输行政处罚案卷；超限超载现场执法。"),
            **extra,
        )


@pytest.fixture
def inspection(legal, department_a, department_b, supervisor):
    return new_inspection(legal, [department_a, department_b], team=[supervisor])


@pytest.fixture
def under_way(inspection, legal):
    with at(D(2026, 7, 20)):
        return services.inspection_start(inspection=inspection, actor=legal)


@pytest.fixture
def county(db):
    return Jurisdiction.objects.create(
        code="341321",
        name="砀山县",
        parent=Jurisdiction.objects.root(),
        office_name="砀山县人民政府法制办公室",
        number_prefix="砀法监通",
    )


@pytest.fixture
def county_department(county):
    return DepartmentFactory(
        code="DSSJ", name="砀山县市场监督管理局", stem="00400002", jurisdiction=county
    )


@pytest.fixture
def county_legal(county):
    office = DepartmentFactory(
        code="DSFZB",
        name="砀山县人民政府法制办公室",
        stem="00400001",
        jurisdiction=county,
        is_legal_office=True,
    )
    return LegalStaffFactory(username="county_legal", department=office)
