"""Training fixtures: officers with certificates, courses, hours and assessments, made directly."""

import datetime
from decimal import Decimal

import pytest

from entities.models import EnforcementEntity
from personnel.demo import demo_citizen_id
from personnel.models import Certificate, Officer
from tests.clock import moment
from training.models import Assessment, ContentArea, Course, TrainingRecord

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
            self.entities[department.pk] = EnforcementEntity.objects.create(
                department=department,
                name=f"{department.name}执法支队",
                kind=EnforcementEntity.Kind.STATUTORY,
                legal_basis="《中华人民共和国行政处罚法》",
                status=EnforcementEntity.Status.PUBLISHED,
            )
        return self.entities[department.pk]

    def officer(self, department, name=None, *, joined=LONG_AGO, **extra) -> Officer:
        number = self.next()
        officer = Officer.objects.create(
            name=name or f"执法员{number}",
            citizen_id=demo_citizen_id(number),
            department=department,
            entity=self.entity(department),
            post="执法大队队员",
            **extra,
        )
        Officer.objects.filter(pk=officer.pk).update(created_at=moment(joined))
        officer.refresh_from_db()
        return officer

    def certificate(self, officer, *, issued_on=ISSUED, status="valid", **extra):
        return Certificate.objects.create(
            officer=officer,
            kind=extra.pop("kind", Certificate.Kind.ENFORCEMENT),
            number=f"皖ZF{officer.department.code}{issued_on.year}{self.next():05d}",
            issued_on=issued_on,
            expires_on=issued_on + datetime.timedelta(days=5 * 365),
            review_due=extra.pop("review_due", D(2027, 3, 31)),
            status=status,
            **extra,
        )

    def course(self, *, department=None, open_to=(), starts_on, ends_on, hours="40", **extra):
        course = Course.objects.create(
            title=extra.pop("title", f"培训班{self.next()}"),
            kind=Course.Kind.DEPARTMENT if department else Course.Kind.CENTRALISED,
            organiser="宿州市人民政府法制办公室",
            department=department,
            starts_on=starts_on,
            ends_on=ends_on,
            hours=Decimal(hours),
            content_areas=[ContentArea.PENALTY_LAW, ContentArea.ETHICS],
            **extra,
        )
        if open_to:
            course.open_to.set(open_to)
        return course

    def hours(self, officer, hours, *, year=2026, ends_on=None) -> TrainingRecord:
        ends_on = ends_on or D(year, 6, 30)
        course = self.course(
            department=officer.department,
            starts_on=ends_on - datetime.timedelta(days=4),
            ends_on=ends_on,
            hours=max(Decimal(hours), Decimal("40")),
        )
        return TrainingRecord.objects.create(
            officer=officer, course=course, hours=Decimal(hours), year=ends_on.year
        )

    def assessment(self, officer, *, year=2026, score="85") -> Assessment:
        return Assessment.objects.create(
            officer=officer,
            year=year,
            score=Decimal(score),
            passed=Decimal(score) >= 60,
            assessed_on=D(year, 11, 1),
        )

    def compliant(self, officer, *, year=2026):
        self.hours(officer, "40", year=year)
        self.assessment(officer, year=year)
        return officer


@pytest.fixture
def training(db):
    return Training()
