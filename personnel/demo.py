"""Demo officers of 住建局 and 交通运输局 with certificates and reviews, issued through the services
by the demo legal-office account: most valid, one withheld, one expired; auxiliary staff."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from entities.models import EnforcementEntity
from supervision.models import User
from supervision.validators import citizen_id_check_character

from . import services
from .models import AuxiliaryStaff, Certificate, ConductCategory, ConductRecord, Officer

# department code, entity name, officer names and posts
OFFICERS = {
    ("ZJJ", "宿州市住房和城乡建设局"): [
        ("王建国", "建筑市场监管科科长"),
        ("李娜", "建筑市场监管科科员"),
        ("刘洋", "房地产市场监管科科员"),
        ("陈静", "物业管理科科员"),
        ("杨帆", "法规科科员"),
    ],
    ("ZJJ", "宿州市建设工程质量安全监督站"): [
        ("赵磊", "质量监督员"),
        ("黄敏", "安全监督员"),
        ("周涛", "质量监督员"),
    ],
    ("JTJ", "宿州市交通运输局"): [
        ("吴刚", "运输管理科科长"),
        ("徐丽", "法规科科员"),
    ],
    ("JTJ", "宿州市交通运输综合行政执法支队"): [
        ("孙伟", "路政执法大队队员"),
        ("马超", "运政执法大队队员"),
        ("朱琳", "运政执法大队队员"),
        ("胡军", "港航执法大队队员"),
        ("郭强", "路政执法大队队员"),
    ],
}
WITHHELD = "马超"  # a certificate withheld after a complaint
EXPIRED = "周涛"  # a certificate past its term
NOT_ON_ESTABLISHMENT = "朱琳"  # seconded: registered, no certificate

AUXILIARY = [
    ("ZJJ", "钱进", "协助现场勘查、拍照取证，不得单独执法"),
    ("JTJ", "冯雪", "协助治超检测站称重、引导车辆，不得实施处罚"),
    ("JTJ", "韩冬", "协助路政巡查、信息登记，不得单独执法"),
]


def demo_citizen_id(sequence: int) -> str:
    """A well-formed ID number of 埇桥区 (341302) for a demo person; not a real person's."""
    born = datetime.date(1968, 1, 1) + datetime.timedelta(days=211 * sequence)
    body = f"341302{born:%Y%m%d}{100 + sequence:03d}"
    return body + citizen_id_check_character(body)


def seed(log) -> None:
    legal = User.objects.filter(role=User.Role.LEGAL_OFFICE, username="legal").first()
    if legal is None:
        return
    today = timezone.localdate()
    sequence = 0
    for (code, entity_name), people in OFFICERS.items():
        entity = EnforcementEntity.objects.filter(department__code=code, name=entity_name).first()
        if entity is None:
            continue
        for name, post in people:
            sequence += 1
            citizen_id = demo_citizen_id(sequence)
            if Officer.objects.filter(citizen_id=citizen_id).exists():
                continue
            officer = services.officer_create(
                actor=legal,
                department=entity.department,
                name=name,
                citizen_id=citizen_id,
                entity=entity,
                post=post,
                on_establishment=name != NOT_ON_ESTABLISHMENT,
            )
            log(f"officer {name} ({entity.department.code})")
            if name != NOT_ON_ESTABLISHMENT:
                _certify(officer, legal, today, log)
    for number, (code, name, duties) in enumerate(AUXILIARY, start=60):
        citizen_id = demo_citizen_id(number)
        if AuxiliaryStaff.objects.filter(citizen_id=citizen_id).exists():
            continue
        department = EnforcementEntity.objects.filter(department__code=code).first().department
        services.auxiliary_create(
            actor=legal,
            department=department,
            name=name,
            citizen_id=citizen_id,
            duties=duties,
            contract_starts_on=today - datetime.timedelta(days=300),
            contract_ends_on=today + datetime.timedelta(days=430),
        )
        log(f"auxiliary staff {name} ({code})")
    _conduct(legal, today, log)


def _certify(officer, legal, today, log) -> None:
    if officer.name == EXPIRED:
        issued_on = today - datetime.timedelta(days=5 * 365 + 10)
    else:
        issued_on = today - datetime.timedelta(days=500 + officer.pk % 200)
    certificate = services.certificate_issue(
        actor=legal,
        officer=officer,
        kind=Certificate.Kind.ENFORCEMENT,
        issued_on=issued_on,
        expires_on=issued_on + datetime.timedelta(days=5 * 365),
    )
    if officer.name == EXPIRED:
        services.certificates_expire(day=today)
    else:
        for year in range(issued_on.year + 1, today.year + 1):
            try:
                services.annual_review_record(
                    certificate=certificate,
                    year=year,
                    result="passed",
                    actor=legal,
                    reviewed_on=min(today, datetime.date(year, 3, 1)),
                )
            except ValidationError:
                # Refused by a gate (from January on, last year's training): the demo city keeps
                # the certificate unreviewed for that year, as a real one would.
                log(f"review {year} of {certificate.number} refused")
    if officer.name == WITHHELD:
        services.certificate_withhold(
            certificate=certificate,
            actor=legal,
            reason="群众投诉执法态度粗暴，经核查属实，暂扣待处理。",
        )
    log(f"certificate {certificate.number} ({officer.name})")


def _conduct(legal, today, log) -> None:
    officer = Officer.objects.filter(name=WITHHELD).first()
    category = ConductCategory.objects.filter(name="粗暴执法、态度恶劣").first()
    if (
        officer is None
        or category is None
        or ConductRecord.objects.filter(officer=officer).exists()
    ):
        return
    record = services.conduct_report(
        actor=legal,
        officer=officer,
        occurred_on=today - datetime.timedelta(days=20),
        category=category,
        source=ConductRecord.Source.COMPLAINT,
        description="在货运车辆检查中对驾驶员言语粗暴，经投诉核查属实。",
    )
    services.conduct_verify(record=record, actor=legal, reason="经调查核实。")
    log(f"bad-conduct record of {officer.name} (verified)")
