"""Accountability actions through their services: each cites its grounds, a criticism is issued
as a numbered criticism notice, a certificate is withheld or revoked by personnel's own service,
a recommendation waits for the department's answer by a counted date, and a refusal leaves
nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accountability import services
from accountability.models import AccountabilityAction, ActionGround
from personnel.models import Certificate
from supervision import notes
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry, Notice
from tests.clock import at

from .conftest import conduct_record

D = datetime.date
Kind = AccountabilityAction.Kind


def decide(actor, department, kind, grounds, **extra):
    return services.action_decide(
        actor=actor,
        department=department,
        kind=kind,
        facts=extra.pop("facts", "执法人员在检查中辱骂当事人，经核实属实。"),
        grounds=grounds,
        **extra,
    )


@at(D(2026, 3, 10))
def test_a_criticism_is_issued_as_a_numbered_criticism_notice_citing_its_grounds(
    legal, department_a, ground_a, conduct_a
):
    action = decide(legal, department_a, Kind.CRITICISM, [ground_a])

    assert action.status == AccountabilityAction.Status.COMPLETED
    notice = Notice.objects.get(pk=action.notice_id)
    assert notice.kind == Notice.Kind.CRITICISM
    assert notice.department == department_a
    assert notice.number == "宿法监通〔2026〕1号"
    assert notice.subject == "关于对宿州市住房和城乡建设局的通报批评"
    assert "经核实属实" in notice.body
    assert "不良执法行为记录（已核实）" in notice.body
    ground = ActionGround.objects.get(action=action)
    assert (ground.content_type.model, ground.object_id) == ("conductrecord", conduct_a.pk)
    entry = AuditEntry.objects.for_record(action).get(action="create")
    assert entry.after["grounds"] == [ground_a]


@at(D(2026, 3, 10))
def test_withholding_goes_through_personnels_service(legal, department_a, certificate_a, ground_a):
    action = decide(
        legal,
        department_a,
        Kind.WITHHOLD_CERTIFICATE,
        [ground_a],
        officer=certificate_a.officer,
        certificate=certificate_a,
    )
    certificate_a.refresh_from_db()
    assert certificate_a.status == Certificate.Status.WITHHELD
    assert notes.render(certificate_a.status_reason).startswith("暂扣执法证件")
    assert AuditEntry.objects.for_record(certificate_a).filter(action="withhold").exists()
    assert action.status == AccountabilityAction.Status.COMPLETED


@at(D(2026, 3, 10))
def test_a_refused_revocation_leaves_nothing_behind(legal, department_a, certificate_a, ground_a):
    certificate_a.status = Certificate.Status.REVOKED
    certificate_a.save()
    with pytest.raises(TransitionNotAllowed):
        decide(
            legal,
            department_a,
            Kind.REVOKE_CERTIFICATE,
            [ground_a],
            officer=certificate_a.officer,
            certificate=certificate_a,
        )
    assert not AccountabilityAction.objects.exists()
    assert not ActionGround.objects.exists()


@at(D(2026, 3, 10))
def test_a_certificate_action_names_the_officers_certificate(
    legal, department_a, officer_a, ground_a
):
    with pytest.raises(ValidationError) as error:
        decide(legal, department_a, Kind.WITHHOLD_CERTIFICATE, [ground_a], officer=officer_a)
    assert error.value.message_dict == {"certificate": ["请选择要暂扣或收回的执法证件。"]}


@at(D(2026, 3, 10))
def test_grounds_must_be_verified_records_of_the_department(
    legal, department_a, officer_a, clerk_b
):
    reported = conduct_record(officer_a, status="reported")
    with pytest.raises(ValidationError) as error:
        decide(legal, department_a, Kind.CRITICISM, [f"personnel.conductrecord:{reported.pk}"])
    assert "grounds" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        decide(legal, department_a, Kind.CRITICISM, [])
    assert error.value.message_dict == {"grounds": ["请至少引用一项依据。"]}
    with pytest.raises(ValidationError):
        decide(legal, department_a, Kind.CRITICISM, ["auth.user:1"])
    assert not AccountabilityAction.objects.exists()


@at(D(2026, 3, 10))
def test_an_overdue_notice_may_be_cited(legal, department_a):
    from supervision import notices

    (overdue,) = notices.issue(
        [
            notices.NoticeDraft(
                kind=Notice.Kind.OVERDUE,
                department_id=department_a.pk,
                subject="逾期通知",
                body="…",
                object_key="x:1",
            )
        ],
        rule="test",
    )
    action = decide(
        legal, department_a, Kind.TALK, [f"supervision.notice:{overdue.pk}"], talk_on=D(2026, 3, 12)
    )
    assert notes.render(action.grounds.get().cited_as).startswith("逾期通知：")


def test_only_the_departments_own_legal_office_decides(
    clerk_a, department_a, ground_a, county_legal, county_department, county_officer
):
    with at(D(2026, 3, 10)):
        with pytest.raises(PermissionDenied):
            decide(clerk_a, department_a, Kind.CRITICISM, [ground_a])
        with pytest.raises(PermissionDenied):
            decide(county_legal, department_a, Kind.CRITICISM, [ground_a])


def test_the_city_office_sees_the_county_but_does_not_act_there(
    legal, county_legal, county_department, county_officer
):
    record = conduct_record(county_officer)
    key = f"personnel.conductrecord:{record.pk}"
    with at(D(2026, 3, 10)):
        with pytest.raises(PermissionDenied):
            decide(legal, county_department, Kind.CRITICISM, [key])
        action = decide(county_legal, county_department, Kind.CRITICISM, [key])
    assert action.notice.number == "砀法监通〔2026〕1号"
    assert AccountabilityAction.objects.for_user(legal).filter(pk=action.pk).exists()
    assert AccountabilityAction.objects.for_user(county_legal).filter(pk=action.pk).exists()


def test_a_recommendation_waits_for_the_departments_answer_by_a_counted_date(
    legal, clerk_a, clerk_b, department_a, officer_a, ground_a
):
    with at(D(2026, 3, 10)):
        action = decide(
            legal, department_a, Kind.TRANSFER_RECOMMENDATION, [ground_a], officer=officer_a
        )
    # 30 days after 10 March 2026 is Thursday 9 April, a working day.
    assert action.answer_due == D(2026, 4, 9)
    assert action.status == AccountabilityAction.Status.PENDING
    with at(D(2026, 3, 20)):
        with pytest.raises(PermissionDenied):
            services.action_answer(action=action, actor=clerk_b, answer="已调离。")
        with pytest.raises(ValidationError) as error:
            services.action_answer(action=action, actor=clerk_a, answer=" ")
        assert error.value.message_dict == {"answer": ["请填写答复或记录。"]}
        answered = services.action_answer(
            action=action, actor=clerk_a, answer="已于3月18日将张执法调离执法岗位。"
        )
        assert answered.status == AccountabilityAction.Status.COMPLETED
        assert answered.answered_on == D(2026, 3, 20)
        with pytest.raises(TransitionNotAllowed) as refusal:
            services.action_answer(action=action, actor=clerk_a, answer="再答一次")
    assert refusal.value.message == "该项追究已办结，答复已记录。"


def test_a_talk_is_recorded_once_held_with_who_attended(legal, clerk_a, department_a, ground_a):
    with at(D(2026, 3, 10)):
        action = decide(legal, department_a, Kind.TALK, [ground_a], talk_on=D(2026, 3, 12))
        with pytest.raises(ValidationError) as error:
            services.action_answer(
                action=action, actor=legal, answer="约谈记录", attendees="王局长"
            )
        assert "answer" in error.value.message_dict
    with at(D(2026, 3, 12)):
        with pytest.raises(PermissionDenied):
            services.action_answer(action=action, actor=clerk_a, answer="记录", attendees="王局长")
        with pytest.raises(ValidationError) as error:
            services.action_answer(action=action, actor=legal, answer="约谈记录")
        assert error.value.message_dict == {"attendees": ["请填写参加约谈的人员。"]}
        held = services.action_answer(
            action=action,
            actor=legal,
            answer="约谈记录：部门负责人作出检讨。",
            attendees="王局长、李科长",
        )
    assert held.attendees == "王局长、李科长"
    assert AuditEntry.objects.for_record(held).filter(action="hold_talk").exists()


@at(D(2026, 3, 10))
def test_a_referral_names_where_it_goes_and_records_the_answer(legal, department_a, ground_a):
    with pytest.raises(ValidationError) as error:
        decide(legal, department_a, Kind.REFERRAL, [ground_a])
    assert error.value.message_dict == {"referred_to": ["请选择移送机关。"]}
    action = decide(
        legal, department_a, Kind.REFERRAL, [ground_a], referred_to="supervisory_commission"
    )
    done = services.action_answer(action=action, actor=legal, answer="监察委员会已立案调查。")
    assert done.status == AccountabilityAction.Status.COMPLETED


@at(D(2026, 3, 10))
def test_a_criticism_takes_no_answer(legal, department_a, ground_a):
    action = decide(legal, department_a, Kind.CRITICISM, [ground_a])
    with pytest.raises(TransitionNotAllowed):
        services.action_answer(action=action, actor=legal, answer="x")
