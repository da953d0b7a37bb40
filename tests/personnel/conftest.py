import datetime

import pytest

from entities.models import EnforcementEntity
from personnel import services
from personnel.models import Certificate, Officer
from supervision.validators import citizen_id_check_character
from tests.clock import at
from tests.entities.conftest import make_entity
from tests.factories import OfficerFactory

D = datetime.date
TODAY = D(2026, 6, 15)  # a Monday


@pytest.fixture(autouse=True)
def _today():
    """Personnel rules depend on the date: every test runs on 15 June 2026 unless it travels."""
    with at(TODAY):
        yield


BORN = D(1985, 6, 15)
ISSUED = D(2025, 3, 1)


def citizen_id(sequence: int, region: str = "341302", born: D = BORN) -> str:
    """A well-formed GB 11643 number with its check digit computed."""
    body = f"{region}{born:%Y%m%d}{sequence % 1000:03d}"
    return body + citizen_id_check_character(body)


def make_officer(entity, name="张伟", sequence=1, **extra) -> Officer:
    return OfficerFactory(entity=entity, name=name, **{"citizen_id": citizen_id(sequence), **extra})


def certify(officer, actor, *, issued_on=ISSUED, reviewed=(2026,), **extra) -> Certificate:
    """A valid enforcement certificate with the given years' reviews passed."""
    certificate = services.certificate_issue(
        actor=actor,
        officer=officer,
        kind=extra.pop("kind", Certificate.Kind.ENFORCEMENT),
        issued_on=issued_on,
        expires_on=extra.pop("expires_on", issued_on + datetime.timedelta(days=5 * 365)),
        **extra,
    )
    for year in reviewed:
        services.annual_review_record(
            certificate=certificate, year=year, result="passed", actor=actor
        )
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def published_a(department_a):
    return make_entity(
        department_a, "宿州市住房和城乡建设局", status=EnforcementEntity.Status.PUBLISHED
    )


@pytest.fixture
def published_b(department_b):
    return make_entity(department_b, "宿州市交通运输局", status=EnforcementEntity.Status.PUBLISHED)


@pytest.fixture
def officer_a(published_a):
    return make_officer(published_a, "王建国", 11)


@pytest.fixture
def officer_b(published_b):
    return make_officer(published_b, "李娜", 22)


@pytest.fixture
def certificate_a(officer_a, legal):
    return certify(officer_a, legal)
