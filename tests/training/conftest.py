"""Training fixtures: officers with certificates, courses, hours and assessments, made directly
(through tests/factories.py), without the services."""

import datetime
from decimal import Decimal

import pytest

from entities.models import EnforcementEntity
from personnel.demo import demo_citizen_id
from personnel.models import Officer
from tests.clock import moment
from tests.factories import (
    AssessmentFactory,
    CertificateFactory,
    CourseFactory,
    EnforcementEntityFactory,
    OfficerFactory,
    TrainingRecordFactory,
)
from training.models import Assessment, TrainingRecord

D = datetime.date
LONG_AGO = D(2020, 1, 1)
ISSUED = D(2024, 3, 1)


@pytest.fixture(autouse=True)
def _every_year_judged(settings):
    """The rule as written: no year is exempt (the go-live year has its own test)."""
    settings.TRAINING_FIRST_JUDGED_YEAR = 2000
    settings.TRAINING_REQUIRED_HOURS = 40
    settings.TRAINING_PASS_SCORE = 60


class Training:
    """Builds the records the rules read, without going through the services."""

    def __init__(self):
        self.sequence = 0
        self.entities = {}

    def next(self) -> int:
        self.sequence += 1
        return self.sequence

    def entity(self, department) -> EnforcementEntity:
        if department.pk not in self.entities:
            self.entities[department.pk] = EnforcementEntityFactory(
                department=department,
                name=f"{department.name}执法支队",
                legal_basis="《中华人民共和国行政处罚法》",
                status=EnforcementEntity.Status.PUBLISHED,
                establishment_document="",
            )
        return self.entities[department.pk]

    def officer(self, department, name=None, *, joined=LONG_AGO, **extra) -> Officer:
        number = self.next()
        officer = OfficerFactory(
            name=name or f"执法员{number}",
            citizen_id=demo_citizen_id(number),
            entity=self.entity(department),
            post="执法大队队员",
            **extra,
        )
        Officer.objects.filter(pk=officer.pk).update(created_at=moment(joined))
        officer.refresh_from_db()
        return officer

    def certificate(self, officer, *, issued_on=ISSUED, status="valid", **extra):
        return CertificateFactory(
            officer=officer,
            number=f"皖ZF{officer.department.code}{issued_on.year}{self.next():05d}",
            issued_on=issued_on,
            review_due=extra.pop("review_due", D(2027, 3, 31)),
            status=status,
            **extra,
        )

    def course(self, *, department=None, open_to=(), starts_on, ends_on, hours="40", **extra):
        return CourseFactory(
            title=extra.pop("title", f"培训班{self.next()}"),
            department=department,
            open_to=open_to,
            starts_on=starts_on,
            ends_on=ends_on,
            hours=Decimal(hours),
            **extra,
        )

    def hours(self, officer, hours, *, year=2026, ends_on=None) -> TrainingRecord:
        ends_on = ends_on or D(year, 6, 30)
        course = self.course(
            department=officer.department,
            starts_on=ends_on - datetime.timedelta(days=4),
            ends_on=ends_on,
            hours=max(Decimal(hours), Decimal("40")),
        )
        return TrainingRecordFactory(officer=officer, course=course, hours=Decimal(hours))

    def assessment(self, officer, *, year=2026, score="85") -> Assessment:
        return AssessmentFactory(officer=officer, year=year, score=Decimal(score))

    def compliant(self, officer, *, year=2026):
        self.hours(officer, "40", year=year)
        self.assessment(officer, year=year)
        return officer


@pytest.fixture
def training(db):
    return Training()
