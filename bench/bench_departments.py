"""The department list API with many departments: time and query count of one page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from bench import timer
from supervision.demo import demo_credit_code
from supervision.models import Department, Jurisdiction, User


def run(report):
    city = Jurisdiction.objects.root()
    Department.objects.bulk_create(
        Department(
            jurisdiction=city,
            code=f"D{i:05d}",
            name=f"部门{i}",
            region="宿州市",
            credit_code=demo_credit_code(f"{i:08d}"),
        )
        for i in range(2000)
    )
    legal = User.objects.create(username="bench_legal", role=User.Role.LEGAL_OFFICE)
    client = APIClient()
    client.force_authenticate(legal)
    client.get("/api/v1/departments/")
    with CaptureQueriesContext(connection) as queries, timer() as t:
        response = client.get("/api/v1/departments/?page=20")
    assert response.status_code == 200
    report("departments API, page 20 of 2,000 rows", t.seconds, queries=len(queries))
