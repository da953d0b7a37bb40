"""Scoping by level of government: the officer list (API and page) for the city's legal office,
a county's and a development zone's below it, over 100,000 officers in 66 departments. The
figures to compare are each office's time and query count: the tree's depth must not add either."""

import datetime
import statistics

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from bench import timer
from entities.models import EnforcementEntity
from personnel.models import Officer
from supervision.demo import demo_credit_code
from supervision.models import Department, Jurisdiction, User
from supervision.validators import citizen_id_check_character

OFFICERS = 100_000
COUNTIES = 5


def citizen_id(n: int) -> str:
    born = datetime.date(1960, 1, 1) + datetime.timedelta(days=n // 1000)
    body = f"341302{born:%Y%m%d}{n % 1000:03d}"
    return body + citizen_id_check_character(body)


def place(code, name, parent, prefix):
    return Jurisdiction.objects.create(
        code=code, name=name, parent=parent, office_name=f"{name}法制办", number_prefix=prefix
    )


def _tree():
    """The city with ten departments; five counties with six each; two zones per county with two."""
    city = Jurisdiction.objects.root()
    places = [(city, 10)]
    for c in range(COUNTIES):
        county = place(f"3413{21 + c:02d}", f"县{c}", city, f"县{c}法监通")
        places.append((county, 6))
        for z in range(2):
            places.append((place(f"3413{71 + 2 * c + z:02d}", f"区{c}{z}", county, f"区{c}{z}"), 2))
    departments = []
    for jurisdiction, count in places:
        for i in range(count):
            n = len(departments)
            departments.append(
                Department(
                    jurisdiction=jurisdiction,
                    code=f"J{n:03d}",
                    name=f"{jurisdiction.name}部门{i}",
                    region=jurisdiction.name,
                    credit_code=demo_credit_code(f"0070{n:04d}"),
                )
            )
    return places, Department.objects.bulk_create(departments)


def _staff(jurisdiction, n):
    return User.objects.create(
        username=f"bench_office_{n}", role=User.Role.LEGAL_OFFICE, jurisdiction=jurisdiction
    )


def run(report):
    places, departments = _tree()
    entities = EnforcementEntity.objects.bulk_create(
        EnforcementEntity(
            department=d,
            name=f"{d.name}执法队",
            kind="statutory",
            legal_basis="某法",
            status="published",
        )
        for d in departments
    )
    Officer.objects.bulk_create(
        (
            Officer(
                department_id=entities[n % len(entities)].department_id,
                entity=entities[n % len(entities)],
                name=f"人员{n}",
                citizen_id=citizen_id(n),
                post="科员",
                on_establishment=True,
            )
            for n in range(OFFICERS)
        ),
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    offices = {
        "city (depth 1)": places[0][0],
        "county (depth 2)": places[1][0],
        "zone (depth 3)": places[2][0],
    }
    for n, (label, jurisdiction) in enumerate(offices.items()):
        staff = User.objects.select_related("jurisdiction").get(pk=_staff(jurisdiction, n).pk)
        api, browser = APIClient(), Client()
        api.force_authenticate(staff)
        browser.force_login(staff)
        for name, get in (
            ("officers API page 1", lambda api=api: api.get("/api/v1/officers/")),
            ("officer list page 1", lambda browser=browser: browser.get("/personnel/officers/")),
        ):
            get()
            times = []
            for _round in range(5):
                reset_queries()
                with CaptureQueriesContext(connection) as queries, timer() as t:
                    response = get()
                assert response.status_code == 200
                times.append(t.seconds)
            seen = Officer.objects.for_user(staff).count()
            report(
                f"{name}, {label} office",
                statistics.median(times),
                queries=len(queries),
                officers_in_scope=seen,
            )
