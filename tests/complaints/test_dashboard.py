"""What complaints contributes to the dashboard and the annual assessment: the complaints the
department handles that are overdue, the share concluded on time, and a point for each one
concluded late or not at all — never what the legal office keeps or still triages."""

import datetime

from complaints import services
from supervision import dashboard
from supervision.calendar import long_date
from tests.clock import at

from .conftest import accepted

D = datetime.date


def conclude(legal, clerk, complaint, on):
    with at(on):
        complaint = services.complaint_answer(
            complaint=complaint,
            actor=clerk,
            investigation="经调取执法记录仪视频，情况属实。",
            answer="经查，反映情况属实，已责令当事执法人员作出书面检查。",
            outcome="true",
        )
        return services.complaint_approve(complaint=complaint, actor=legal)


def figure(board, department, column):
    return next(r for r in board.rows if r.department == department).cell(column)


def test_overdue_on_time_share_and_the_late_ones_counted(
    legal, clerk_a, clerk_b, department_a, department_b
):
    on_time = accepted(legal, department_a)
    conclude(legal, clerk_a, on_time, D(2026, 3, 11))
    late = accepted(legal, department_a, on=D(2026, 3, 4))
    late = conclude(legal, clerk_a, late, late.conclude_due + datetime.timedelta(days=1))
    still_open = accepted(legal, department_a, on=D(2026, 3, 5))
    accepted(legal, department_a, on=D(2026, 3, 6), assign=False)  # kept by the legal office
    other = accepted(legal, department_b, on=D(2026, 3, 9))

    with at(D(2026, 12, 1)):
        board = dashboard.board(dashboard.departments_for_all(), D(2026, 12, 1))
    overdue = figure(board, department_a, "complaints_overdue")
    assert overdue.value == 1
    assert overdue.url == (f"/complaints/?department={department_a.pk}&overdue=true&forwarded=true")
    share = figure(board, department_a, "complaints_on_time")
    assert share.value == 50  # one of the two concluded
    assert share.shown == "50.0"
    assert figure(board, department_b, "complaints_on_time").value is None  # none concluded
    assert figure(board, department_b, "complaints_overdue").value == 1

    rule = next(r for r in dashboard.registered_deductions() if r.name == "complaints_late")
    with at(D(2027, 2, 1)):
        found = rule.evaluate(dashboard.departments_for_all(), 2026)
    assert found[department_a.pk].points == 2
    assert [i.text for i in found[department_a.pk].items] == [
        f"{late.reference}：应于{long_date(late.conclude_due)}前办结，"
        f"{long_date(late.concluded_on)}办结",
        f"{still_open.reference}：应于{long_date(still_open.conclude_due)}前办结，未办结",
    ]
    assert found[department_a.pk].items[1].url == f"/complaints/{still_open.pk}/"
    assert [i.url for i in found[department_b.pk].items] == [f"/complaints/{other.pk}/"]


def test_the_complaints_list_filters_what_the_department_handles(browser, legal, department_a):
    assigned = accepted(legal, department_a)
    kept = accepted(legal, department_a, on=D(2026, 3, 4), assign=False)
    browser.force_login(legal)
    page = browser.get(f"/complaints/?department={department_a.pk}&forwarded=true")
    assert assigned.reference in page.content.decode()
    assert kept.reference not in page.content.decode()
