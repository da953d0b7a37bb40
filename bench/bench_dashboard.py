"""The legal office's dashboard and the assessment's sheets over a province's data: 16 cities
below the top jurisdiction, 320 departments, 60,000 officers with certificates, hours and
assessments, 40,000 major decisions in every filing state. Times the pages and the API as the
top office and as one city's office, and counts their queries (the same for any size)."""

import datetime
from decimal import Decimal

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import timer
from cases.models import MajorDecision, MajorDecisionCategory
from entities.models import EnforcementEntity
from personnel.models import Certificate, Officer
from supervision import dashboard
from supervision.demo import demo_credit_code
from supervision.models import Department, Jurisdiction, User
from training.models import Assessment, Course, TrainingRecord

CITIES = 16
DEPARTMENTS_PER_CITY = 20
OFFICERS = 60_000
DECISIONS = 40_000
BATCH = 5000
DAY = datetime.date(2026, 12, 1)


def _populate():
    top = Jurisdiction.objects.root()
    cities = [
        Jurisdiction.objects.create(
            code=f"3499{i:02d}",
            name=f"基准市{i}",
            parent=top,
            office_name=f"基准市{i}人民政府法制办公室",
            number_prefix=f"基{i}法监通",
        )
        for i in range(CITIES)
    ]
    departments = Department.objects.bulk_create(
        Department(
            jurisdiction=cities[i % CITIES],
            code=f"D{i:04d}",
            name=f"基准执法局{i}",
            region="安徽省",
            credit_code=demo_credit_code(f"{87000000 + i:08d}"),
        )
        for i in range(CITIES * DEPARTMENTS_PER_CITY)
    )
    offices = Department.objects.bulk_create(
        Department(
            jurisdiction=city,
            code=f"F{i:02d}",
            name=f"{city.office_name}",
            region="安徽省",
            credit_code=demo_credit_code(f"{86000000 + i:08d}"),
            is_legal_office=True,
        )
        for i, city in enumerate(cities)
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
    categories = MajorDecisionCategory.objects.bulk_create(
        MajorDecisionCategory(department=d, title="较大数额罚款", criteria="10万元以上")
        for d in departments
    )
    course = Course.objects.create(
        title="2026年度通用法律知识轮训班",
        kind=Course.Kind.CENTRALISED,
        organiser="省人民政府法制办公室",
        starts_on=datetime.date(2026, 4, 20),
        ends_on=datetime.date(2026, 4, 24),
        hours=Decimal("40"),
        content_areas=["penalty_law"],
    )
    n = len(departments)
    statuses = [Certificate.Status.VALID] * 7 + [
        Certificate.Status.WITHHELD,
        Certificate.Status.EXPIRED,
        Certificate.Status.REVOKED,
    ]
    for start in range(0, OFFICERS, BATCH):
        numbers = range(start, min(start + BATCH, OFFICERS))
        officers = Officer.objects.bulk_create(
            Officer(
                name=f"执法员{i}",
                citizen_id=f"P{i:017d}",
                department=departments[i % n],
                entity=entities[i % n],
                post="执法大队队员",
            )
            for i in numbers
        )
        Certificate.objects.bulk_create(
            Certificate(
                officer=o,
                kind=Certificate.Kind.ENFORCEMENT,
                number=f"皖ZFPROV{o.pk:09d}",
                issued_on=datetime.date(2024, 3, 1),
                expires_on=datetime.date(2029, 2, 28),
                review_due=datetime.date(2027, 3, 31),
                status=statuses[i % 10],
            )
            for i, o in zip(numbers, officers, strict=True)
        )
        TrainingRecord.objects.bulk_create(
            TrainingRecord(
                officer=o,
                course=course,
                hours=Decimal("39.5") if i % 5 == 0 else Decimal("40"),
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
            if i % 7
        )
    for start in range(0, DECISIONS, BATCH):
        rows = []
        for i in range(start, min(start + BATCH, DECISIONS)):
            made = datetime.date(2025, 1, 1) + datetime.timedelta(days=i % 690)
            due = made + datetime.timedelta(days=10)
            filed = None if i % 9 == 0 else due + datetime.timedelta(days=(i % 4) - 2)
            rows.append(
                MajorDecision(
                    department=departments[i % n],
                    category=categories[i % n],
                    case_number=f"基罚决〔{made.year}〕{i}号",
                    title="基准案件",
                    party="某公司",
                    summary="基准",
                    review_status="passed",
                    decision_date=made,
                    filing_due=due,
                    filed_on=filed if filed is None or filed >= made else made,
                )
            )
        MajorDecision.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    top_office = User.objects.create(username="bench_top", role=User.Role.LEGAL_OFFICE)
    city_office = User.objects.create(
        username="bench_city", role=User.Role.LEGAL_OFFICE, department=offices[0]
    )
    return top_office, city_office


def _get(client, url):
    with CaptureQueriesContext(connection) as queries, timer() as t:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return t.seconds, len(queries)


def run(report):
    with timer() as t:
        top_office, city_office = _populate()
    report(
        f"bulk-create {CITIES * DEPARTMENTS_PER_CITY} departments, {OFFICERS:,} officers, "
        f"{DECISIONS:,} decisions",
        t.seconds,
    )
    with time_machine.travel(datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC), tick=False):
        for user, who in ((top_office, "top office"), (city_office, "a city's office")):
            client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
            client.force_login(user)
            for url, what in (
                ("/", "dashboard page"),
                ("/api/v1/dashboard/", "dashboard API"),
                ("/assessment/?year=2026", "assessment page"),
                ("/assessment/?year=2026&format=xlsx", "assessment .xlsx"),
            ):
                _get(client, url)  # warm
                seconds, queries = _get(client, url)
                report(f"{what}, {who}", seconds, queries=queries)
        # Where the time goes: each registered figure and deduction, for the whole province.
        departments = dashboard.departments_for(top_office)
        with CaptureQueriesContext(connection) as queries, timer() as t:
            dashboard.board(departments, DAY)
        report("  board (every figure)", t.seconds, queries=len(queries))
        ids = list(departments.values_list("pk", flat=True))
        by_ids = Department.objects.filter(pk__in=ids)
        for figure in dashboard.registered_figures():
            with CaptureQueriesContext(connection) as queries, timer() as t:
                figure.compute(by_ids, DAY)
            report(f"  figure {figure.name} (by a list of ids)", t.seconds, queries=len(queries))
        for figure in dashboard.registered_figures():
            with CaptureQueriesContext(connection) as queries, timer() as t:
                figure.compute(departments, DAY)
            report(f"  figure {figure.name}", t.seconds, queries=len(queries))
        with CaptureQueriesContext(connection) as queries, timer() as t:
            dashboard.overdue_by_month(departments, [2025, 2026], DAY)
        report("  overdue per month", t.seconds, queries=len(queries))
        for rule in dashboard.registered_deductions():
            with CaptureQueriesContext(connection) as queries, timer() as t:
                rule.evaluate(departments, 2026)
            report(f"  deduction {rule.name}", t.seconds, queries=len(queries))
