"""Issuing notices (numbering under the year lock) and rendering one PDF."""

import datetime

from bench import timer
from supervision import notices
from supervision.demo import demo_credit_code
from supervision.models import Department, Jurisdiction
from supervision.notices import NoticeDraft


def run(report):
    department = Department.objects.create(
        jurisdiction=Jurisdiction.objects.root(),
        code="BENCHN",
        name="宿州市基准测试局",
        region="宿州市",
        credit_code=demo_credit_code("77700001"),
    )
    drafts = [
        NoticeDraft(
            kind="overdue",
            department_id=department.pk,
            object_key=f"bench:{i}",
            subject=f"关于第{i}号重大行政执法决定逾期未备案的通知",
            body="你单位重大行政执法决定未在规定期限内报送备案，请立即补报。",
            due_date=datetime.date(2026, 3, 13),
        )
        for i in range(5000)
    ]
    with timer() as t:
        issued = notices.issue(drafts, rule="bench", day=datetime.date(2026, 3, 16))
    report("issue 5,000 notices (numbered, audited)", t.seconds, issued=len(issued))
    with timer() as t:
        again = notices.issue(drafts, rule="bench", day=datetime.date(2026, 3, 16))
    report("issue the same 5,000 again (nothing new)", t.seconds, issued=len(again))
    notices.render_pdf(issued[0])  # fonts loaded once per process
    with timer() as t:
        pdf = notices.render_pdf(issued[1])
    report("render one notice PDF (fonts warm)", t.seconds, bytes=len(pdf))
