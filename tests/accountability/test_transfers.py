"""Transfers to criminal justice: the head's decision within 3 days of the report, the hand-over
within 24 hours of the decision (an hour clock across midnight and a weekend), the police's
decision, reconsideration within 3 days of a refusal; each clock a notice when it lapses."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accountability import transfers
from accountability.models import CriminalTransfer
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from supervision.models import Notice
from tests.clock import at, moment
from tests.factories import OfficerFactory

from .conftest import D

Status = CriminalTransfer.Status


@pytest.fixture
def team(officer_a, department_a):
    return [officer_a, OfficerFactory(entity=officer_a.entity, name="王办案")]


def report(clerk, team, reported_at, **values):
    with at(reported_at.date(), reported_at.hour):
        return transfers.transfer_report(
            actor=clerk,
            case_number=values.pop("case_number", "宿建罚〔2026〕12号"),
            case_title="某公司无证施工案",
            suspected_offence="重大责任事故罪",
            team=team,
            reported_at=reported_at,
            **values,
        )


def checks(day, hour=10, rule="transfer_handover"):
    with at(day, hour):
        result = {r.rule: r for r in run_deadline_checks(day)}[rule]
    return result.reminders, result.overdue


def test_the_team_is_two_or_more_officers_of_the_department(clerk_a, officer_a, county_officer):
    with pytest.raises(ValidationError) as error:
        report(clerk_a, [officer_a], moment(D(2026, 3, 2), 9))
    assert error.value.message_dict == {"team": ["请选择本部门两名以上的办案执法人员。"]}
    with pytest.raises(ValidationError):
        report(clerk_a, [officer_a, county_officer], moment(D(2026, 3, 2), 9))
    assert not CriminalTransfer.objects.exists()


def test_the_decision_is_due_within_3_days_of_the_report(clerk_a, team):
    # Reported on Friday 6 March 2026: the 3 days end on Monday 9 March (Sunday moves over).
    transfer = report(clerk_a, team, moment(D(2026, 3, 6), 16))
    assert transfer.decision_due == D(2026, 3, 9)
    assert checks(D(2026, 3, 9), rule="transfer_decision") == (1, 0)
    assert checks(D(2026, 3, 9), rule="transfer_decision") == (0, 0)
    assert checks(D(2026, 3, 10), rule="transfer_decision") == (0, 1)
    notice = Notice.objects.get(rule="transfer_decision", kind="overdue")
    assert "3日内" in notice.body
    assert "2026年3月9日" in notice.body


def test_the_decision_period_over_a_holiday(db):
    # Reported on 30 September 2026: 3 October is in the National Day holiday, so 8 October.
    assert transfers.decision_deadline(moment(D(2026, 9, 30), 10)).due == D(2026, 10, 8)


def test_the_24_hour_clock_runs_across_midnight_and_the_weekend(clerk_a, team):
    transfer = report(clerk_a, team, moment(D(2026, 3, 6), 9))
    with at(D(2026, 3, 6), 18):
        transfer = transfers.transfer_decide(
            transfer=transfer,
            actor=clerk_a,
            transfer_case=True,
            decided_at=moment(D(2026, 3, 6), 17),
        )
    # Decided at 17:00 on Friday: due at 17:00 on Saturday, a weekend day all the same.
    assert transfer.transfer_due_at == moment(D(2026, 3, 7), 17)
    assert checks(D(2026, 3, 6), 18) == (1, 0)
    # Saturday at 16:00 and 17:00: not lapsed (the last instant is 17:00 exactly).
    with at(D(2026, 3, 7), 16):
        assert transfers.CriminalTransfer.objects.get().status == Status.AWAITING_TRANSFER
    from accountability.deadlines import TransferHandoverRule

    rule = TransferHandoverRule()
    with at(D(2026, 3, 7), 16):
        assert not rule.overdue(D(2026, 3, 7)).exists()
    with at(D(2026, 3, 7), 18):
        assert rule.overdue(D(2026, 3, 7)).exists()
    # No document is issued on a Saturday (the checks issue on working days): Monday's run does.
    assert checks(D(2026, 3, 7), 18) == (0, 0)
    assert checks(D(2026, 3, 9), 9) == (0, 1)
    notice = Notice.objects.get(rule="transfer_handover", kind="overdue")
    assert "2026年3月7日17时00分" in notice.body
    assert notice.due_date == D(2026, 3, 7)


def test_a_decision_late_in_the_evening_is_due_the_next_evening(clerk_a, team):
    transfer = report(clerk_a, team, moment(D(2026, 3, 9), 9))
    with at(D(2026, 3, 9), 23):
        transfer = transfers.transfer_decide(
            transfer=transfer,
            actor=clerk_a,
            transfer_case=True,
            decided_at=moment(D(2026, 3, 9), 22) + datetime.timedelta(minutes=30),
        )
    assert transfer.transfer_due_at == moment(D(2026, 3, 10), 22) + datetime.timedelta(minutes=30)
    # Across midnight: a check on 10 March at 22:00 still reminds, at 23:00 finds it lapsed.
    assert checks(D(2026, 3, 10), 22) == (1, 0)
    assert checks(D(2026, 3, 10), 23) == (0, 1)
    with at(D(2026, 3, 10), 23):
        done = transfers.transfer_handover(
            transfer=transfer,
            actor=clerk_a,
            transferred_at=moment(D(2026, 3, 10), 23),
            police_organ="宿州市公安局",
        )
    assert done.status == Status.TRANSFERRED


def test_the_police_refuse_and_reconsideration_is_due_in_3_days(clerk_a, clerk_b, team):
    transfer = report(clerk_a, team, moment(D(2026, 3, 2), 9))
    with at(D(2026, 3, 2), 15):
        transfer = transfers.transfer_decide(
            transfer=transfer,
            actor=clerk_a,
            transfer_case=True,
            decided_at=moment(D(2026, 3, 2), 14),
        )
        transfer = transfers.transfer_handover(
            transfer=transfer,
            actor=clerk_a,
            transferred_at=moment(D(2026, 3, 2), 15),
            police_organ="宿州市公安局",
        )
    with at(D(2026, 3, 20)):
        with pytest.raises(PermissionDenied):
            transfers.transfer_police(
                transfer=transfer, actor=clerk_b, case_opened=False, received_on=D(2026, 3, 20)
            )
        transfer = transfers.transfer_police(
            transfer=transfer, actor=clerk_a, case_opened=False, received_on=D(2026, 3, 20)
        )
    # Received Friday 20 March: 23 March (Monday) is the last of the 3 days.
    assert transfer.reconsideration_due == D(2026, 3, 23)
    assert checks(D(2026, 3, 24), rule="transfer_reconsideration") == (0, 1)
    with at(D(2026, 3, 24)):
        transfer = transfers.transfer_follow_up(
            transfer=transfer, actor=clerk_a, route="procuratorate", requested_on=D(2026, 3, 24)
        )
        with pytest.raises(TransitionNotAllowed):
            transfers.transfer_follow_up(
                transfer=transfer,
                actor=clerk_a,
                route="reconsideration",
                requested_on=D(2026, 3, 24),
            )
    assert transfer.status == Status.PROCURATORATE


def test_not_transferring_needs_reasons_and_ends_the_clocks(clerk_a, team):
    transfer = report(clerk_a, team, moment(D(2026, 3, 2), 9))
    with at(D(2026, 3, 3)):
        with pytest.raises(ValidationError) as error:
            transfers.transfer_decide(
                transfer=transfer,
                actor=clerk_a,
                transfer_case=False,
                decided_at=moment(D(2026, 3, 3), 9),
            )
        assert error.value.message_dict == {"reason": ["请说明不移送的理由。"]}
        with pytest.raises(ValidationError):
            transfers.transfer_decide(
                transfer=transfer,
                actor=clerk_a,
                transfer_case=True,
                decided_at=moment(D(2026, 3, 1), 9),
            )
        transfer = transfers.transfer_decide(
            transfer=transfer,
            actor=clerk_a,
            transfer_case=False,
            decided_at=moment(D(2026, 3, 3), 9),
            reason="涉案金额未达追诉标准。",
        )
    assert transfer.status == Status.NOT_TRANSFERRED
    assert checks(D(2026, 3, 10), rule="transfer_decision") == (0, 0)
