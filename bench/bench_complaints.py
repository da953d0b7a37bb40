"""The complaints' deadline checks over 100,000 complaints.

100,000 complaints, of which 1,000 await acceptance and 2,000 are in handling (a tenth of them
extended): finding what is due and overdue is one query per rule and kind over the partial
indexes on ``accept_due`` and ``conclude_due``; the first run issues the notices, a second run
for the same day finds nothing new.
"""

import datetime
import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import timer
from complaints import tracking
from complaints.deadlines import accept_deadline, conclude_deadline
from complaints.models import Complaint
from supervision.calendar import WorkingCalendar
from supervision.deadlines import get_rule, run_deadline_checks
from supervision.demo import demo_credit_code
from supervision.models import Department, Jurisdiction

TOTAL, AWAITING, HANDLING = 100_000, 1_000, 2_000
DAY = datetime.date(2026, 3, 20)
RULES = ("complaint_acceptance", "complaint_conclusion", "complaint_extended")


def run(report):
    random.seed(10)
    city = Jurisdiction.objects.root()
    Department.objects.create(
        jurisdiction=city,
        code="BFZB",
        name="基准法制办",
        region="某省",
        credit_code=demo_credit_code("77000000"),
        is_legal_office=True,
    )
    departments = Department.objects.bulk_create(
        Department(
            jurisdiction=city,
            code=f"K{i:03d}",
            name=f"基准投诉部门{i:03d}",
            region="某省",
            credit_code=demo_credit_code(f"77{i:06d}"),
        )
        for i in range(1, 101)
    )
    calendar = WorkingCalendar.load()
    rows = []
    for n in range(TOTAL):
        received = DAY - datetime.timedelta(days=random.randint(0, 400))
        accept = accept_deadline(received, is_petition=False, working_calendar=calendar)
        complaint = Complaint(
            department=departments[n % len(departments)],
            channel="online",
            received_on=received,
            facts="基准投诉事项",
            anonymous=True,
            tracking_digest=tracking.digest(tracking.new_code()),
            accept_due=accept.due,
            accept_due_explanation=accept.as_json(),
            status="received",
        )
        if n >= AWAITING:
            decided = received + datetime.timedelta(days=2)
            conclude = conclude_deadline(decided, is_petition=False, working_calendar=calendar)
            complaint.decided_on = decided
            complaint.conclude_due = conclude.due
            complaint.conclude_due_explanation = conclude.as_json()
            complaint.status = "assigned" if n < AWAITING + HANDLING else "concluded"
            complaint.forwarded_at = None
            if complaint.status == "concluded":
                complaint.outcome = "untrue"
                complaint.concluded_on = decided + datetime.timedelta(days=20)
            elif n % 10 == 0:
                complaint.extension_days = 30
        rows.append(complaint)
    Complaint.objects.bulk_create(rows, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE complaints_complaint")

    window = calendar.add_working_days(DAY, 3)
    with CaptureQueriesContext(connection) as queries, timer() as t:
        figures = {}
        for name in RULES:
            rule = get_rule(name)
            figures[f"{name}_overdue"] = rule.overdue(DAY).count()
            figures[f"{name}_soon"] = rule.due_soon(DAY, window).count()
    report(
        f"find due and overdue among {TOTAL:,} complaints (3 rules)",
        t.seconds,
        queries=len(queries),
        **figures,
    )
    with timer() as t:
        results = run_deadline_checks(DAY)
    issued = sum(r.reminders + r.overdue for r in results if r.rule in RULES)
    report("run_deadline_checks, first run (issues notices)", t.seconds, notices=issued)
    with timer() as t:
        results = run_deadline_checks(DAY)
    report(
        "run_deadline_checks, same day again",
        t.seconds,
        notices=sum(r.reminders + r.overdue for r in results if r.rule in RULES),
    )
