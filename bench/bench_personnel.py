"""Personnel at scale: a 10,000-officer roster checked and imported, the officer list and the
public search with many rows (time and query count)."""

import datetime
import io
from contextlib import contextmanager

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook
from rest_framework.test import APIClient

from bench import timer
from entities.models import EnforcementEntity
from personnel import importing, services
from personnel.models import Certificate, Officer
from supervision.demo import demo_credit_code
from supervision.models import Department, Jurisdiction, User
from supervision.spreadsheets import header_labels
from supervision.validators import citizen_id_check_character

ROWS = 10_000


@contextmanager
def measured():
    """Time and queries of a block; the query log keeps 9,000 entries, so start it empty."""
    reset_queries()
    with CaptureQueriesContext(connection) as queries, timer() as t:
        yield queries, t


WRONG = (17, 4_242, 9_999)  # wrong check digits
UNKNOWN_ENTITY = 5_000  # an entity the department does not have


def citizen_id(n: int) -> str:
    born = datetime.date(1960, 1, 1) + datetime.timedelta(days=n // 1000)
    body = f"341302{born:%Y%m%d}{n % 1000:03d}"
    return body + citizen_id_check_character(body)


def roster(rows) -> SimpleUploadedFile:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header_labels(importing.COLUMNS, "zh-hans"))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("roster.xlsx", buffer.getvalue())


def run(report):
    department = Department.objects.create(
        jurisdiction=Jurisdiction.objects.root(),
        code="BZJ",
        name="宿州市测试局",
        region="宿州市",
        credit_code=demo_credit_code("00400001"),
    )
    entity = EnforcementEntity.objects.create(
        department=department,
        name="宿州市测试局",
        kind="statutory",
        legal_basis="某法",
        status="published",
    )
    clerk = User.objects.create(
        username="bench_personnel_clerk", role=User.Role.CLERK, department=department
    )
    legal = User.objects.create(username="bench_personnel_legal", role=User.Role.LEGAL_OFFICE)
    rows = [[f"人员{n}", citizen_id(n), entity.name, "执法科科员", "是"] for n in range(ROWS)]
    wrong = [list(r) for r in rows]
    for n in WRONG:
        wrong[n][1] = wrong[n][1][:17] + ("0" if wrong[n][1][-1] != "0" else "1")
    wrong[UNKNOWN_ENTITY][2] = "不存在的主体"

    with measured() as (queries, t):
        upload, checked = importing.roster_upload(
            actor=clerk, department=department, file=roster(wrong)
        )
    # Excel row numbers: the header is row 1.
    assert {r.number for r in checked.rows_with_errors} == {n + 2 for n in (*WRONG, UNKNOWN_ENTITY)}
    assert not Officer.objects.exists()
    report(
        f"roster check, {ROWS:,} rows, {len(WRONG) + 1} wrong",
        t.seconds,
        queries=len(queries),
        saved=Officer.objects.count(),
    )
    with measured() as (queries, t):
        upload, checked = importing.roster_upload(
            actor=clerk, department=department, file=roster(rows)
        )
    report(f"roster check, {ROWS:,} rows, all correct", t.seconds, queries=len(queries))
    with measured() as (queries, t):
        imported = importing.roster_import(upload=upload, actor=clerk)
    assert imported == ROWS
    report(f"roster import of {ROWS:,} officers (after the check)", t.seconds, queries=len(queries))

    # Certify every tenth officer, then time the lists.
    today = timezone.localdate()
    for officer in Officer.objects.order_by("id")[:: ROWS // 1000]:
        Certificate.objects.create(
            officer=officer,
            kind="enforcement",
            number=f"皖ZFBZJ2026{officer.pk:05d}",
            issued_on=today - datetime.timedelta(days=30),
            expires_on=today + datetime.timedelta(days=1000),
            review_due=services.annual_review_due(today.year + 1),
        )
    api = APIClient()
    api.force_authenticate(legal)
    browser = Client()
    browser.force_login(legal)
    for name, get in [
        ("officers API, page 100 of 10,000", lambda: api.get("/api/v1/officers/?page=100")),
        (
            "officer list page, page 100 of 10,000",
            lambda: browser.get("/personnel/officers/?page=100"),
        ),
        ("certificates API, page 10 of 1,000", lambda: api.get("/api/v1/certificates/?page=10")),
    ]:
        get()
        with measured() as (queries, t):
            response = get()
        assert response.status_code == 200
        report(name, t.seconds, queries=len(queries))
    with measured() as (queries, t):
        response = browser.get("/personnel/officers/?export=xlsx")
    report(
        "officer export, 10,000 rows", t.seconds, queries=len(queries), bytes=len(response.content)
    )

    public = Client()
    number = Certificate.objects.first().number
    for name, get in [
        ("public search by number", lambda: public.get("/public/", {"q": number})),
        (
            "public API by number",
            lambda: public.get("/api/v1/public/certificates/", {"number": number}),
        ),
        ("public verification page", lambda: public.get(f"/public/certificates/{number}/")),
    ]:
        with measured() as (queries, t):
            response = get()
        assert response.status_code == 200
        report(name, t.seconds, queries=len(queries))
