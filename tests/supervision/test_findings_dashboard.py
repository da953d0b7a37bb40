"""The kernel's findings on the dashboard and in the annual assessment: open findings and those
overdue, and a point for each finding not rectified on time — reported after its due date, or not
reported at all once it is past — whatever instrument raised it."""

import datetime

from supervision import dashboard, rectification
from supervision.calendar import long_date
from tests.clock import at

D = datetime.date


def ordered(legal, department, problem, *, on, due):
    with at(on):
        finding = rectification.finding_raise(
            department=department, problem=problem, standard="《行政处罚法》", actor=legal
        )
        return rectification.finding_order(finding=finding, actor=legal, due_on=due)


def report(clerk, finding, on):
    with at(on):
        return rectification.finding_report(finding=finding, actor=clerk, text="已整改。")


def figure(board, department, column):
    return next(r for r in board.rows if r.department == department).cell(column)


def test_open_and_overdue_findings_and_the_late_ones_counted(
    legal, clerk_a, department_a, department_b
):
    on_time = ordered(
        legal, department_a, "文书未载明救济途径", on=D(2026, 5, 6), due=D(2026, 6, 5)
    )
    report(clerk_a, on_time, D(2026, 6, 5))  # the last day: on time
    late = ordered(legal, department_a, "案卷未装订归档", on=D(2026, 5, 6), due=D(2026, 6, 5))
    report(clerk_a, late, D(2026, 6, 8))  # the day after (a Monday): late
    missing = ordered(legal, department_a, "未公示执法依据", on=D(2026, 9, 1), due=D(2026, 9, 30))
    next_year = ordered(legal, department_a, "证据未编号", on=D(2026, 12, 1), due=D(2027, 1, 8))
    with at(D(2026, 5, 6)):
        rectification.finding_raise(department=department_b, problem="未立案", actor=legal)

    with at(D(2026, 12, 1)):
        board = dashboard.board(dashboard.departments_for_all(), D(2026, 12, 1))
    # open: on_time and late (reported, awaiting acceptance), missing and next_year (ordered)
    assert figure(board, department_a, "findings_open").value == 4
    overdue = figure(board, department_a, "findings_overdue")
    assert overdue.value == 1
    assert overdue.url == f"/findings/?department={department_a.pk}&state=overdue"
    assert figure(board, department_b, "findings_open").value == 1  # raised, not ordered
    assert figure(board, department_b, "findings_overdue").value == 0

    rule = next(r for r in dashboard.registered_deductions() if r.name == "rectification_late")
    with at(D(2027, 2, 1)):
        found = rule.evaluate(dashboard.departments_for_all(), 2026)
    assert department_b.pk not in found
    assert found[department_a.pk].points == 2
    assert [i.text for i in found[department_a.pk].items] == [
        f"问题{late.pk} 案卷未装订归档：应于2026年6月5日前整改，2026年6月8日报告",
        f"问题{missing.pk} 未公示执法依据：应于2026年9月30日前整改，未报告",
    ]
    assert found[department_a.pk].items[1].url == f"/findings/{missing.pk}/"
    assert next_year.due_on.year == 2027
    assert long_date(next_year.due_on) == "2027年1月8日"
