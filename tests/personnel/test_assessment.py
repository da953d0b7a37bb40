"""personnel's deduction in the annual assessment: each verified bad-conduct record of the year."""

import datetime

from personnel.models import ConductCategory, ConductRecord
from supervision import dashboard
from tests.clock import at
from tests.factories import OfficerFactory

D = datetime.date


def record(officer, day, status=ConductRecord.Status.VERIFIED):
    return ConductRecord.objects.create(
        officer=officer,
        occurred_on=day,
        category=ConductCategory.objects.get(name="粗暴执法、态度恶劣"),
        description="检查中对当事人言语粗暴。",
        source=ConductRecord.Source.COMPLAINT,
        status=status,
    )


@at(D(2027, 2, 1))
def test_verified_records_of_the_year_cost_two_points_each_up_to_ten(department_a):
    officer = OfficerFactory(entity__department=department_a, name="王建国")
    first = record(officer, D(2026, 5, 20))
    record(officer, D(2026, 8, 3))
    record(officer, D(2026, 9, 1), status=ConductRecord.Status.REPORTED)  # not verified
    record(officer, D(2025, 12, 30))  # another year
    rule = next(r for r in dashboard.registered_deductions() if r.name == "conduct_records")
    found = rule.evaluate(dashboard.departments_for_all(), 2026)[department_a.pk]
    assert found.points == 4
    assert [i.text for i in found.items] == [
        "王建国，粗暴执法、态度恶劣，2026年5月20日",
        "王建国，粗暴执法、态度恶劣，2026年8月3日",
    ]
    assert found.items[0].url == f"/personnel/conduct/{first.pk}/"
    for day in range(1, 5):
        record(officer, D(2026, 10, day))
    assert rule.evaluate(dashboard.departments_for_all(), 2026)[department_a.pk].points == 10
