"""Demo data: catalogues of major decisions, decisions in every state, last year's case-file
catalogues (filed by 住建局, not yet by 交通运输局). Built through the services, so every record
is one the rules allow; dates are relative to today."""

import datetime

from django.utils import timezone

from supervision.models import Department, User

from . import services
from .models import CaseCatalogue, MajorDecision, MajorDecisionCategory

CATEGORIES = {
    "ZJJ": [
        (
            "对建设工程违法行为处以较大数额罚款",
            "对单位处20万元以上、对个人处5万元以上罚款的行政处罚决定。",
        ),
        (
            "责令停业整顿、降低资质等级或吊销资质证书",
            "涉及建筑业企业、勘察设计单位资质的行政处罚决定。",
        ),
        ("强制拆除违法建设", "依法作出的强制拆除违法建筑物、构筑物的决定。"),
    ],
    "JTJ": [
        ("吊销道路运输经营许可证", "吊销道路客运、货运经营许可证或者车辆营运证的行政处罚决定。"),
        ("对非法营运处以较大数额罚款", "对非法从事道路运输经营处3万元以上罚款的行政处罚决定。"),
        (
            "暂扣、扣押车辆等行政强制措施",
            "扣押营运车辆超过30日或者涉及重大公共利益的行政强制措施。",
        ),
    ],
    "CGJ": [
        ("对违法建设处以较大数额罚款", "对违法建设处以10万元以上罚款的行政处罚决定。"),
    ],
}

# (case number suffix, title, party, category index, state, days ago it was made, filed after)
DECISIONS = {
    "ZJJ": [
        (
            "0012",
            "某置业有限公司未取得施工许可擅自施工案",
            "宿州某置业有限公司",
            0,
            "pending",
            None,
            None,
        ),
        ("0015", "某建筑工程公司转包工程案", "安徽某建筑工程有限公司", 1, "failed", None, None),
        ("0018", "某小区违法搭建强制拆除案", "王某某", 2, "passed", None, None),
        ("0021", "某混凝土公司未按规定检测案", "宿州某混凝土有限公司", 0, "decided", 3, None),
        ("0007", "某监理公司出具虚假监理报告案", "安徽某工程监理有限公司", 1, "filed", 40, 5),
        ("0003", "某开发公司擅自预售商品房案", "宿州某房地产开发有限公司", 0, "filed", 70, 20),
    ],
    "JTJ": [
        ("0031", "某客运公司超范围经营案", "宿州某客运有限公司", 0, "pending", None, None),
        ("0034", "张某某非法营运案", "张某某", 1, "decided", 30, None),
        ("0027", "某物流公司车辆超限运输案", "宿州某物流有限公司", 2, "filed", 25, 8),
        ("0022", "某驾校违规培训案", "宿州某驾驶员培训学校", 0, "filed", 60, 25),
    ],
}

CATALOGUE_ITEMS = [
    ("宿建罚〔{year}〕{n:03d}号", "某建筑公司违反安全生产规定案", "penalty"),
    ("宿建许〔{year}〕{n:03d}号", "某项目施工许可", "licence"),
    ("宿建强〔{year}〕{n:03d}号", "某违法建设查封案", "coercive_measure"),
    ("宿建检〔{year}〕{n:03d}号", "某在建工程质量检查", "inspection"),
]


def _users():
    return {
        u.username: u for u in User.objects.filter(username__in=["legal", "clerk_a", "clerk_b"])
    }


def _seed_categories(departments, users, log):
    legal = users["legal"]
    for code, entries in CATEGORIES.items():
        department = departments.get(code)
        if department is None:
            continue
        for title, criteria in entries:
            if MajorDecisionCategory.objects.filter(department=department, title=title).exists():
                continue
            services.category_create(
                actor=legal, department=department, title=title, criteria=criteria
            )
            log(f"major decision category {code} {title}")


def _seed_decision(department, actor, legal, entry, today, log):
    suffix, title, party, category_index, state, made_ago, filed_after = entry
    case_number = f"宿{department.code}罚决〔{today.year}〕{suffix}号"
    if MajorDecision.objects.filter(department=department, case_number=case_number).exists():
        return
    category = list(MajorDecisionCategory.objects.filter(department=department).order_by("pk"))[
        category_index
    ]
    decision = services.decision_register(
        actor=actor,
        case_number=case_number,
        title=title,
        party=party,
        category=category,
        summary=f"{party}涉嫌违法一案，经调查取证，事实清楚、证据确凿，拟依法作出处理决定。",
    )
    if state == "failed":
        services.decision_review(
            decision=decision,
            result="failed",
            opinion="证据材料不完整，未附听证告知书送达回证，请补正后重新报送审核。",
            actor=legal,
        )
    elif state != "pending":
        services.decision_review(
            decision=decision,
            result="passed",
            opinion="事实清楚，证据充分，程序合法，同意。",
            actor=legal,
            # The review of a decision made in the past happened before it was made.
            reviewed_on=None if made_ago is None else today - datetime.timedelta(days=made_ago + 2),
        )
    if made_ago is not None:
        made = today - datetime.timedelta(days=made_ago)
        services.decision_decide(decision=decision, decision_date=made, actor=actor)
        if filed_after is not None:
            # Filed in the past: the legal office records the day (a clerk files today only).
            services.decision_file(
                decision=decision, filed_on=made + datetime.timedelta(days=filed_after), actor=legal
            )
    log(f"major decision {case_number} ({state})")


def _seed_catalogue(department, actor, year, today, *, filed, log, legal=None):
    if CaseCatalogue.objects.filter(department=department, year=year).exists():
        return
    catalogue = services.catalogue_open(actor=actor, year=year)
    rows = [
        (
            n,
            {
                "case_number": number.format(year=year, n=n),
                "title": title,
                "kind": kind,
                "closing_date": datetime.date(year, 1 + (n * 2) % 12, 5 + n),
            },
        )
        for n, (number, title, kind) in enumerate(CATALOGUE_ITEMS * 2, start=1)
    ]
    services.catalogue_items_add(catalogue=catalogue, rows=rows, actor=actor)
    if filed:
        filed_on = min(datetime.date(year + 1, 1, 20), today)
        # A past day is recorded by the legal office; a clerk files today only.
        services.catalogue_file(
            catalogue=catalogue, filed_on=filed_on, actor=actor if filed_on == today else legal
        )
    log(f"case-file catalogue {department.code} {year} ({'filed' if filed else 'open'})")


def seed(log) -> None:
    users = _users()
    if set(users) != {"legal", "clerk_a", "clerk_b"}:
        return
    departments = {d.code: d for d in Department.objects.filter(code__in=CATEGORIES)}
    _seed_categories(departments, users, log)
    today = timezone.localdate()
    clerks = {"ZJJ": users["clerk_a"], "JTJ": users["clerk_b"]}
    for code, entries in DECISIONS.items():
        department = departments.get(code)
        if department is None or clerks[code].department_id != department.pk:
            continue
        for entry in entries:
            _seed_decision(department, clerks[code], users["legal"], entry, today, log)
    year = today.year - 1
    if "ZJJ" in departments:
        _seed_catalogue(
            departments["ZJJ"],
            clerks["ZJJ"],
            year,
            today,
            filed=True,
            log=log,
            legal=users["legal"],
        )
