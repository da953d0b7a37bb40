"""cases' deductions in the annual assessment: major decisions whose filing deadline fell in the
year and were filed late or not at all; last year's case-file catalogue filed late or missing."""

import datetime

from cases.models import CaseCatalogue
from supervision import dashboard
from tests.clock import at
from tests.factories import DepartmentFactory, decided_decision

D = datetime.date


def deduction(rule_name, department, year):
    rule = next(r for r in dashboard.registered_deductions() if r.name == rule_name)
    return rule.evaluate(dashboard.departments_for_all(), year).get(department.pk)


@at(D(2027, 3, 1))
def test_decisions_filed_late_or_not_at_all_cost_two_points_each(department_a, department_b):
    late = decided_decision(
        department_a, D(2026, 3, 3), filed=D(2026, 3, 16), case_number="宿建罚决〔2026〕甲3号"
    )  # due 13 March, filed the Monday after
    missing = decided_decision(department_a, D(2026, 11, 2), case_number="宿建罚决〔2026〕甲9号")
    decided_decision(department_a, D(2026, 3, 4), filed=D(2026, 3, 16))  # due 16 March: on time
    decided_decision(department_a, D(2025, 12, 1), filed=D(2026, 1, 5))  # due in 2025
    decided_decision(department_b, D(2026, 5, 6), filed=D(2026, 5, 7))

    found = deduction("decision_filing", department_a, 2026)
    assert found.points == 4
    assert [item.text for item in found.items] == [
        "宿建罚决〔2026〕甲3号 某置业有限公司未取得施工许可擅自施工案：应于2026年3月13日前备案，"
        "2026年3月16日备案",
        "宿建罚决〔2026〕甲9号 某置业有限公司未取得施工许可擅自施工案：应于2026年11月12日前备案，"
        "未备案",
    ]
    assert [item.url for item in found.items] == [
        f"/cases/decisions/{late.pk}/",
        f"/cases/decisions/{missing.pk}/",
    ]
    assert deduction("decision_filing", department_b, 2026) is None


@at(D(2026, 11, 12))
def test_a_decision_not_yet_due_is_not_late(department_a):
    decided_decision(department_a, D(2026, 11, 2))  # due 12 November: today
    assert deduction("decision_filing", department_a, 2026) is None


@at(D(2027, 3, 1))
def test_the_decision_deduction_stops_at_twenty_points(department_a):
    for day in range(1, 13):
        decided_decision(department_a, D(2026, 6, day))
    found = deduction("decision_filing", department_a, 2026)
    assert len(found.items) == 12
    assert found.points == 20


def test_last_years_catalogue_late_costs_two_points_and_missing_five(department_a, department_b):
    on_time = DepartmentFactory()
    # The catalogue for 2025 is due on Monday 2 February 2026 (31 January is a Saturday).
    CaseCatalogue.objects.create(
        department=on_time, year=2025, due=D(2026, 2, 2), filed_on=D(2026, 2, 2)
    )
    CaseCatalogue.objects.create(
        department=department_a, year=2025, due=D(2026, 2, 2), filed_on=D(2026, 2, 3)
    )
    CaseCatalogue.objects.create(department=department_b, year=2025, due=D(2026, 2, 2))
    with at(D(2026, 2, 2)):
        assert deduction("catalogue_filing", department_b, 2026) is None  # not due yet
    with at(D(2026, 2, 3)):
        late = deduction("catalogue_filing", department_a, 2026)
        missing = deduction("catalogue_filing", department_b, 2026)
        assert deduction("catalogue_filing", on_time, 2026) is None
    assert late.points == 2
    assert [i.text for i in late.items] == [
        "2025年度案卷目录应于2026年2月2日前备案，2026年2月3日备案"
    ]
    assert missing.points == 5
    assert [i.text for i in missing.items] == ["2025年度案卷目录应于2026年2月2日前备案，未备案"]
    assert missing.items[0].url == f"/cases/catalogues/?department={department_b.pk}&year=2025"
