"""A county below the city, with its legal office and a department: for the tests of what a
legal office sees (its jurisdiction and those below) and handles (its own)."""

import pytest

from supervision.models import Jurisdiction
from tests.factories import DepartmentFactory, LegalStaffFactory


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
