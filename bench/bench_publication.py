"""The public benchmark search with many rows: 40 departments × 100 matters, each with a
superseded version and the version in force (8,000 rows), searched by matter, by department and
through the public API (time and query count), beside the public lookup's figures."""

import datetime

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import timer
from publication.models import DiscretionBenchmark
from supervision.demo import demo_credit_code
from supervision.models import Department, Jurisdiction

DEPARTMENTS = 40
MATTERS = 100
GRADES = [
    {"circumstances": "初次违法且危害后果轻微", "outcome": "警告"},
    {"circumstances": "一年内再次违法", "outcome": "处1万元以上3万元以下罚款"},
]


def run(report):
    city = Jurisdiction.objects.root()
    departments = Department.objects.bulk_create(
        Department(
            jurisdiction=city,
            code=f"B{i:03d}",
            name=f"宿州市测试局{i:03d}",
            region="宿州市",
            credit_code=demo_credit_code(f"0090{i:04d}"),
        )
        for i in range(DEPARTMENTS)
    )
    start = datetime.date(2024, 1, 1)
    rows = []
    for department in departments:
        for n in range(MATTERS):
            common = {
                "department": department,
                "matter": f"违法行为{n:03d}的行政处罚",
                "legal_basis": "《中华人民共和国行政处罚法》",
                "discretion": "处3万元以下罚款",
                "grades": GRADES,
            }
            rows.append(
                DiscretionBenchmark(
                    **common,
                    version=1,
                    status="superseded",
                    effective_from=start,
                    effective_until=start + datetime.timedelta(days=364),
                )
            )
            rows.append(
                DiscretionBenchmark(
                    **common,
                    version=2,
                    status="published",
                    effective_from=start + datetime.timedelta(days=365),
                )
            )
    DiscretionBenchmark.objects.bulk_create(rows, batch_size=2000)
    public = Client()
    public.get("/public/benchmarks/")  # warm up
    for name, get in [
        (
            "public benchmark search by matter",
            lambda: public.get("/public/benchmarks/", {"matter": "违法行为042"}),
        ),
        (
            "public benchmark search by department",
            lambda: public.get("/public/benchmarks/", {"department": "B017"}),
        ),
        (
            "public benchmark search, all, page 40",
            lambda: public.get("/public/benchmarks/?page=40"),
        ),
        (
            "public benchmark API by matter",
            lambda: public.get("/api/v1/public/benchmarks/", {"matter": "违法行为042"}),
        ),
        (
            "public benchmark page (a superseded version)",
            lambda: public.get(
                f"/public/benchmarks/{DiscretionBenchmark.objects.filter(version=1).first().pk}/"
            ),
        ),
    ]:
        reset_queries()
        with CaptureQueriesContext(connection) as queries, timer() as t:
            response = get()
        assert response.status_code == 200, response.status_code
        report(name, t.seconds, queries=len(queries), rows=len(rows))
