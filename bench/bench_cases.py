"""The decision-filing check over a province's worth of decisions.

100,000 decisions, of which 2,000 are decided and unfiled: finding what is due and overdue is one
query over the partial index on ``filing_due``; the first run issues the notices, a second run
for the same day finds nothing new.
"""

import datetime
import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import timer
from cases.deadlines import filing_deadline
from cases.models import MajorDecision, MajorDecisionCategory
from supervision.calendar import WorkingCalendar
from supervision.deadlines import get_rule, run_deadline_checks
from supervision.demo import demo_credit_code
from supervision.models import Department, Jurisdiction

TOTAL, OPEN = 100_000, 2_000
DAY = datetime.date(2026, 3, 20)


def run(report):
    random.seed(7)
    city = Jurisdiction.objects.root()
    departments = Department.objects.bulk_create(
        Department(
            jurisdiction=city,
            code=f"C{i:03d}",
            name=f"基准部门{i:03d}",
            region="某省",
            credit_code=demo_credit_code(f"66{i:06d}"),
        )
        for i in range(100)
    )
    categories = MajorDecisionCategory.objects.bulk_create(
        MajorDecisionCategory(department=d, title="较大数额罚款", criteria="罚款20万元以上")
        for d in departments
    )
    calendar = WorkingCalendar.load()
    rows = []
    for n in range(TOTAL):
        d = n % len(departments)
        made = DAY - datetime.timedelta(days=random.randint(1, 400))
        deadline = filing_deadline(made, calendar)
        open_ = n < OPEN
        rows.append(
            MajorDecision(
                department=departments[d],
                category=categories[d],
                case_number=f"基准罚决〔2026〕{n}号",
                title="某公司违法案",
                party="某有限公司",
                summary="摘要",
                review_status="passed",
                decision_date=made,
                filing_due=deadline.due,
                filing_due_provisional=deadline.provisional,
                filing_due_explanation=deadline.as_json(),
                filed_on=None if open_ else made + datetime.timedelta(days=3),
            )
        )
    MajorDecision.objects.bulk_create(rows, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_majordecision")

    rule = get_rule("decision_filing")
    with CaptureQueriesContext(connection) as queries, timer() as t:
        overdue = rule.overdue(DAY).count()
        soon = rule.due_soon(DAY, calendar.add_working_days(DAY, 3)).count()
    report(
        f"find due and overdue among {TOTAL:,} decisions",
        t.seconds,
        overdue=overdue,
        due_soon=soon,
        queries=len(queries),
    )
    with timer() as t:
        results = run_deadline_checks(DAY)
    issued = sum(r.reminders + r.overdue for r in results)
    report("run_deadline_checks, first run (issues notices)", t.seconds, notices=issued)
    with timer() as t:
        results = run_deadline_checks(DAY)
    report(
        "run_deadline_checks, same day again",
        t.seconds,
        notices=sum(r.reminders + r.overdue for r in results),
    )
