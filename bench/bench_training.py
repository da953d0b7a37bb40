"""The training year-end check with 100,000 officers holding valid certificates: one set-based
update withholds the certificates of those short in 2026; then the pages that list officers."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from bench import timer
from entities.models import EnforcementEntity
from personnel.models import Certificate, Officer
from personnel.selectors import annotate_enforcement
from supervision.deadlines import run_deadline_checks
from supervision.demo import demo_credit_code
from supervision.models import Department, Jurisdiction, Notice, User
from training.models import Assessment, Course, TrainingRecord, TrainingWithholding

OFFICERS = 100_000
DEPARTMENTS = 50
CHECK_DAY = datetime.date(2027, 1, 2)
BATCH = 5000


def _share(i: int) -> int:
    return (i // DEPARTMENTS) % 10


def _populate():
    city = Jurisdiction.objects.root()
    departments = Department.objects.bulk_create(
        Department(
            jurisdiction=city,
            code=f"T{i:03d}",
            name=f"基准培训局{i}",
            region="宿州市",
            credit_code=demo_credit_code(f"{88000000 + i:08d}"),
        )
        for i in range(DEPARTMENTS)
    )
    entities = EnforcementEntity.objects.bulk_create(
        EnforcementEntity(
            department=d,
            name=f"{d.name}执法支队",
            kind=EnforcementEntity.Kind.STATUTORY,
            legal_basis="《中华人民共和国行政处罚法》",
            status=EnforcementEntity.Status.PUBLISHED,
        )
        for d in departments
    )
    course = Course.objects.create(
        title="2026年度全市行政执法人员通用法律知识轮训班",
        kind=Course.Kind.CENTRALISED,
        organiser="宿州市人民政府法制办公室",
        starts_on=datetime.date(2026, 4, 20),
        ends_on=datetime.date(2026, 4, 24),
        hours=Decimal("40"),
        content_areas=["penalty_law"],
    )
    course.open_to.set(departments)
    for start in range(0, OFFICERS, BATCH):
        numbers = range(start, min(start + BATCH, OFFICERS))
        officers = Officer.objects.bulk_create(
            Officer(
                name=f"执法员{i}",
                citizen_id=f"B{i:017d}",  # unique; the bench does not validate rows
                department=departments[i % DEPARTMENTS],
                entity=entities[i % DEPARTMENTS],
                post="执法大队队员",
            )
            for i in numbers
        )
        Certificate.objects.bulk_create(
            Certificate(
                officer=o,
                kind=Certificate.Kind.ENFORCEMENT,
                number=f"皖ZFBENCH{o.pk:09d}",
                issued_on=datetime.date(2024, 3, 1),
                expires_on=datetime.date(2029, 2, 28),
                review_due=datetime.date(2027, 3, 31),
            )
            for o in officers
        )
        # In every department, 70 in 100 compliant; 20 at 39.5 hours; 10 not assessed.
        TrainingRecord.objects.bulk_create(
            TrainingRecord(
                officer=o,
                course=course,
                hours=Decimal("39.5") if _share(i) in (7, 8) else Decimal("40"),
                year=2026,
            )
            for i, o in zip(numbers, officers, strict=True)
        )
        Assessment.objects.bulk_create(
            Assessment(
                officer=o,
                year=2026,
                score=Decimal("85"),
                passed=True,
                assessed_on=datetime.date(2026, 11, 10),
            )
            for i, o in zip(numbers, officers, strict=True)
            if _share(i) != 9
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return departments


def run(report):
    with timer() as t:
        departments = _populate()
    report(f"bulk-create {OFFICERS:,} officers, certificates, hours", t.seconds)

    with CaptureQueriesContext(connection) as queries, timer() as t:
        results = {r.rule: r for r in run_deadline_checks(CHECK_DAY)}
    year_end = results["training_year_end"]
    updates = sum(1 for q in queries if q["sql"].startswith('UPDATE "personnel_certificate"'))
    report(
        f"year-end check on {CHECK_DAY}, {OFFICERS:,} valid certificates",
        t.seconds,
        withheld=year_end.acted,
        notices=year_end.overdue,
        certificate_updates=updates,
        queries=len(queries),
    )
    assert year_end.acted == OFFICERS * 3 // 10
    assert TrainingWithholding.objects.count() == year_end.acted
    assert Notice.objects.filter(rule="training_year_end").count() == DEPARTMENTS

    with CaptureQueriesContext(connection) as queries, timer() as t:
        again = {r.rule: r for r in run_deadline_checks(CHECK_DAY)}["training_year_end"]
    report(
        "the same check again (changes nothing)",
        t.seconds,
        withheld=again.acted,
        queries=len(queries),
    )

    legal = User.objects.create(username="bench_training_legal", role=User.Role.LEGAL_OFFICE)
    client = APIClient()
    client.force_authenticate(legal)
    client.force_login(legal)
    department = departments[0]
    url = f"/training/departments/{department.pk}/?year=2026&all=1&page=10"
    client.get(url)
    with CaptureQueriesContext(connection) as queries, timer() as t:
        response = client.get(url)
    assert response.status_code == 200
    report(
        f"department page, {OFFICERS // DEPARTMENTS:,} officers, page 10",
        t.seconds,
        queries=len(queries),
    )
    with CaptureQueriesContext(connection) as queries, timer() as t:
        response = client.get("/training/?year=2026")
    assert response.status_code == 200
    report(f"report by department, {OFFICERS:,} officers", t.seconds, queries=len(queries))

    page = list(Officer.objects.select_related("entity").order_by("pk")[5000:5050])
    with CaptureQueriesContext(connection) as queries, timer() as t:
        annotate_enforcement(page, CHECK_DAY + datetime.timedelta(days=60))
    report("may-enforce for a page of 50 officers", t.seconds, queries=len(queries))
