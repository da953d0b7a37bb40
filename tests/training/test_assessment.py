"""training's deductions in the annual assessment: the year's plan filed late or missing, and the
share of officers short of 40 hours or without a passed assessment (annex 2)."""

import datetime

from supervision import dashboard
from tests.clock import at
from tests.factories import (
    AssessmentFactory,
    EnforcementEntityFactory,
    OfficerFactory,
    TrainingPlanFactory,
    TrainingRecordFactory,
)

D = datetime.date


def deduction(rule_name, department, year):
    rule = next(r for r in dashboard.registered_deductions() if r.name == rule_name)
    return rule.evaluate(dashboard.departments_for_all(), year).get(department.pk)


def test_the_plan_filed_late_costs_two_points_and_a_missing_one_five(department_a, department_b):
    TrainingPlanFactory(department=department_a, filed_on=D(2026, 2, 3))  # due 2 February
    with at(D(2026, 2, 2)):
        assert deduction("training_plan", department_b, 2026) is None
    with at(D(2026, 2, 3)):
        late = deduction("training_plan", department_a, 2026)
        missing = deduction("training_plan", department_b, 2026)
    assert late.points == 2
    assert [i.text for i in late.items] == [
        "2026年度培训计划应于2026年2月2日前备案，2026年2月3日备案"
    ]
    assert missing.points == 5
    assert missing.items[0].url == f"/training/plans/?department={department_b.pk}&year=2026"


@at(D(2026, 2, 3))
def test_a_plan_filed_on_its_last_day_costs_nothing(department_a):
    TrainingPlanFactory(department=department_a, filed_on=D(2026, 2, 2))
    assert deduction("training_plan", department_a, 2026) is None


@at(D(2027, 1, 5))
def test_the_share_of_officers_short_of_the_rule_costs_up_to_ten_points(department_a):
    entity = EnforcementEntityFactory(department=department_a, status="published")
    officers = [OfficerFactory(entity=entity, name=name) for name in ["甲", "乙", "丙", "丁"]]
    for officer in officers[:3]:
        TrainingRecordFactory(officer=officer)
        AssessmentFactory(officer=officer)
    TrainingRecordFactory(officer=officers[3], hours=39)  # one hour short
    AssessmentFactory(officer=officers[3])
    found = deduction("training_hours", department_a, 2026)
    assert found.points == 2.5  # 10 × 1/4
    assert found.note == "4人中1人未达标"
    assert [i.text for i in found.items] == ["丁"]
    assert found.items[0].url == f"/training/officers/{officers[3].pk}/?year=2026"


@at(D(2027, 1, 5))
def test_a_department_whose_officers_all_comply_loses_nothing(department_a):
    officer = OfficerFactory(entity__department=department_a)
    TrainingRecordFactory(officer=officer)
    AssessmentFactory(officer=officer)
    assert deduction("training_hours", department_a, 2026) is None
