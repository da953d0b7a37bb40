"""Demo accountability, decided by the demo legal office on personnel's verified bad-conduct
record: a recommendation to remove the officer from the post whose answer is overdue, a
criticism of the department, a formal talk to come; and an interference record made by the
invited supervisor, seen by ``legal`` (given the heads' permission in the demo); a transfer to
criminal justice whose 24-hour clock lapsed; a dispute awaiting the other department's answer."""

import datetime

from django.contrib.auth.models import Permission
from django.utils import timezone

from personnel.models import ConductRecord, Officer
from supervision.models import Department, User

from . import disputes, services, transfers
from .deadlines import answer_deadline
from .models import AccountabilityAction, CriminalTransfer, Dispute, InterferenceRecord

Kind = AccountabilityAction.Kind


def seed(log) -> None:
    legal = User.objects.filter(role=User.Role.LEGAL_OFFICE, username="legal").first()
    if legal is None:
        return
    legal.user_permissions.add(Permission.objects.get(codename="see_interference"))
    legal = User.objects.get(pk=legal.pk)  # permissions are cached on the object
    _actions(legal, log)
    _interference(legal, log)
    _transfer(log)
    _dispute(log)


def _actions(legal, log) -> None:
    record = ConductRecord.objects.verified().select_related("officer__department").first()
    if record is None or AccountabilityAction.objects.exists():
        return
    officer, department = record.officer, record.officer.department
    ground = [f"personnel.conductrecord:{record.pk}"]
    facts = f"{officer.name}{record.description}"
    recommendation = services.action_decide(
        actor=legal,
        department=department,
        kind=Kind.TRANSFER_RECOMMENDATION,
        officer=officer,
        facts=facts,
        grounds=ground,
    )
    # Decided 45 days ago, so that the demo shows an answer past its deadline.
    decided_on = timezone.localdate() - datetime.timedelta(days=45)
    deadline = answer_deadline(decided_on)
    AccountabilityAction.objects.filter(pk=recommendation.pk).update(
        decided_on=decided_on,
        answer_due=deadline.due,
        answer_due_provisional=deadline.provisional,
        answer_due_explanation=deadline.as_json(),
    )
    log(f"accountability: recommendation on {officer.name}, answer overdue")
    services.action_decide(
        actor=legal, department=department, kind=Kind.CRITICISM, facts=facts, grounds=ground
    )
    log(f"accountability: criticism of {department.name}")
    services.action_decide(
        actor=legal,
        department=department,
        kind=Kind.TALK,
        facts=facts,
        grounds=ground,
        talk_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    log(f"accountability: formal talk with {department.name}")


def _interference(legal, log) -> None:
    supervisor = User.objects.filter(username="supervisor1").first()
    if supervisor is None or InterferenceRecord.objects.exists():
        return
    services.interference_record(
        actor=supervisor,
        official_name="王某",
        official_post="副县长",
        official_unit="某县人民政府",
        occurred_at=timezone.now() - datetime.timedelta(days=3, hours=2),
        manner=InterferenceRecord.Manner.PHONE,
        request="电话要求暂缓对某建筑公司案卷评查中发现问题的通报。",
    )
    log("interference record by supervisor1 (awaiting report)")


def _transfer(log) -> None:
    """A transfer approved two days ago and never handed over: its 24-hour clock has lapsed."""
    clerk = User.objects.filter(username="clerk_a").first()
    if clerk is None or CriminalTransfer.objects.exists():
        return
    team = list(Officer.objects.filter(department=clerk.department_id).order_by("pk")[:2])
    if len(team) < 2:
        return
    now = timezone.now()
    transfer = transfers.transfer_report(
        actor=clerk,
        case_number="宿建罚〔2026〕88号",
        case_title="某建筑公司伪造资质证书承揽工程案",
        suspected_offence="伪造国家机关证件罪",
        team=team,
        reported_at=now - datetime.timedelta(days=3, hours=1),
    )
    transfers.transfer_decide(
        transfer=transfer,
        actor=clerk,
        transfer_case=True,
        decided_at=now - datetime.timedelta(days=2),
    )
    log("criminal transfer approved two days ago, not handed over (24-hour clock lapsed)")


def _dispute(log) -> None:
    """A dispute submitted by 住建局 that 城管局 has still to answer."""
    clerk = User.objects.filter(username="clerk_a").first()
    other = Department.objects.filter(code="CGJ").first()
    if clerk is None or other is None or Dispute.objects.exists():
        return
    disputes.dispute_submit(
        actor=clerk,
        respondent=other,
        kind=Dispute.Kind.SUBJECT,
        matter="老旧小区违法搭建（未取得建设工程规划许可证）的查处职责划分。",
        applicant_position="城区违法建设的查处属城市管理综合执法范围，应由城管部门查处。",
        applicant_basis="《安徽省城市管理领域相对集中行政处罚权办法》；市政府关于城市管理体制改革的实施意见。",
    )
    log("enforcement dispute 住建局/城管局 awaiting the answer")
