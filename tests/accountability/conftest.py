"""Fixtures of the accountability app: an officer of department A with a valid certificate and a
verified bad-conduct record, a county with its own legal office and department, the heads of the
legal office who see interference records."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from personnel.models import ConductCategory, ConductRecord
from tests.factories import (
    CertificateFactory,
    DepartmentFactory,
    LegalStaffFactory,
    OfficerFactory,
    SupervisorFactory,
)

D = datetime.date


@pytest.fixture
def officer_a(department_a):
    return OfficerFactory(entity__department=department_a, name="张执法")


@pytest.fixture
def certificate_a(officer_a):
    return CertificateFactory(officer=officer_a)


def conduct_record(officer, *, status=ConductRecord.Status.VERIFIED, **values):
    return ConductRecord.objects.create(
        officer=officer,
        occurred_on=values.pop("occurred_on", D(2026, 2, 10)),
        category=ConductCategory.objects.first(),
        description=values.pop("description", "在执法检查中态度粗暴，辱骂当事人。"),
        source=ConductRecord.Source.COMPLAINT,
        status=status,
        **values,
    )


@pytest.fixture
def conduct_a(officer_a):
    return conduct_record(officer_a)


@pytest.fixture
def ground_a(conduct_a):
    return f"personnel.conductrecord:{conduct_a.pk}"


@pytest.fixture
def county_department(county):
    return DepartmentFactory(
        code="DSZJ", name="砀山县住房和城乡建设局", stem="00400002", jurisdiction=county
    )


@pytest.fixture
def county_officer(county_department):
    return OfficerFactory(entity__department=county_department, name="李县员")


def _grant_heads(user):
    user.user_permissions.add(Permission.objects.get(codename="see_interference"))
    # Permissions are cached on the object; the tests pass fresh objects to the services.
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def head(legal_department):
    """A head of the city's legal office: sees every interference record of the city."""
    return _grant_heads(LegalStaffFactory(username="head", department=legal_department))


@pytest.fixture
def county_head(county_legal):
    office = county_legal.department
    return _grant_heads(LegalStaffFactory(username="county_head", department=office))


@pytest.fixture
def second_supervisor(db):
    return SupervisorFactory(username="supervisor2")
