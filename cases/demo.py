"""Demo data: catalogues of major decisions, decisions in every state, last year's case-file
catalogues (filed by 住建局, not yet by 交通运输局). Built through the services, so every record
is one the rules allow; dates are relative to today.

For the legal office's dashboard (issue 15) the city's other departments have a history too,
entered by the legal office: 城管局 filed major decisions late several times last year and twice
this year (the chart of overdue work per month shows the improvement); 市场监管局, 规划局 and
发改委 filed last year's catalogue in time, 城管局 and 房管局 late, 林业局 not at all."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
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
            _attach_decision_document(decision, actor)
            # Filed in the past: the legal office records the day (a clerk files today only).
            services.decision_file(
                decision=decision, filed_on=made + datetime.timedelta(days=filed_after), actor=legal
            )
    log(f"major decision {case_number} ({state})")


# A small PDF standing in for the scanned decision document (决定书) a filing carries.
DEMO_DECISION_DOCUMENT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _attach_decision_document(decision, actor) -> None:
    services.decision_attach(
        decision=decision,
        upload=SimpleUploadedFile(
            f"{decision.case_number}决定书.pdf", DEMO_DECISION_DOCUMENT, "application/pdf"
        ),
        kind="decision",
        actor=actor,
    )


def _seed_catalogue(department, actor, year, today, *, filed, log, legal=None, filed_on=None):
    if CaseCatalogue.objects.filter(department=department, year=year).exists():
        return
    catalogue = services.catalogue_open(actor=actor, year=year, department=department)
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
        filed_on = min(filed_on or datetime.date(year + 1, 1, 20), today)
        # A past day is recorded by the legal office; a clerk files today only.
        services.catalogue_file(
            catalogue=catalogue,
            # The signed catalogue: the same small PDF stands in for the scan.
            document=SimpleUploadedFile(
                f"{year}年度案卷目录.pdf", DEMO_DECISION_DOCUMENT, "application/pdf"
            ),
            filed_on=filed_on,
            actor=actor if filed_on == today else (legal or actor),
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

    _seed_dashboard_story(departments | _story_departments(), users["legal"], today, log)


# The city's history for the dashboard ---------------------------------------------------------

# (department, case number suffix, title, party, days ago it was made, filed after how many days)
STORY_DECISIONS = [
    ("CGJ", "0101", "某餐饮店占道经营拒不改正案", "宿州某餐饮有限公司", 610, 16),
    ("CGJ", "0102", "某广告公司违规设置户外广告案", "宿州某广告传媒有限公司", 560, 13),
    ("CGJ", "0103", "某工地渣土运输车辆抛撒案", "宿州某运输有限公司", 520, 21),
    ("CGJ", "0104", "某小区违法建设强制拆除案", "李某某", 470, 12),
    ("CGJ", "0105", "某商场擅自改变建筑外立面案", "宿州某商贸有限公司", 430, 18),
    ("CGJ", "0106", "某建筑公司夜间违规施工案", "安徽某建筑工程有限公司", 400, 11),
    ("CGJ", "0107", "某农贸市场违规经营案", "宿州某市场管理有限公司", 250, 15),
    ("CGJ", "0108", "某物业公司违规处置建筑垃圾案", "宿州某物业服务有限公司", 60, None),
]
# (department, filed on: (month, day) of the year after the catalogue's, or None: not filed)
STORY_CATALOGUES = [
    ("SJJ", (1, 16)),
    ("GHJ", (1, 22)),
    ("FGW", (1, 27)),
    ("CGJ", (2, 6)),
    ("FGJ", (2, 12)),
]


def _story_departments():
    codes = {code for code, *_rest in STORY_DECISIONS} | {code for code, _d in STORY_CATALOGUES}
    return {d.code: d for d in Department.objects.filter(code__in=codes)}


def _seed_dashboard_story(departments, legal, today, log):
    for code, suffix, title, party, made_ago, filed_after in STORY_DECISIONS:
        department = departments.get(code)
        category = MajorDecisionCategory.objects.filter(department=department).first()
        if department is None or category is None:
            continue
        made = today - datetime.timedelta(days=made_ago)
        case_number = f"宿{code}罚决〔{made.year}〕{suffix}号"
        if MajorDecision.objects.filter(department=department, case_number=case_number).exists():
            continue
        decision = services.decision_register(
            actor=legal,
            department=department,
            case_number=case_number,
            title=title,
            party=party,
            category=category,
            summary=f"{party}涉嫌违法一案，经调查取证，事实清楚、证据确凿，拟依法作出处理决定。",
        )
        services.decision_review(
            decision=decision,
            result="passed",
            opinion="同意。",
            actor=legal,
            reviewed_on=today - datetime.timedelta(days=made_ago + 2),
        )
        services.decision_decide(decision=decision, decision_date=made, actor=legal)
        if filed_after is not None:
            _attach_decision_document(decision, legal)
            services.decision_file(
                decision=decision, filed_on=made + datetime.timedelta(days=filed_after), actor=legal
            )
        log(f"major decision {case_number} (dashboard story)")
    year = today.year - 1
    for code, filed in STORY_CATALOGUES:
        department = departments.get(code)
        if department is None:
            continue
        _seed_catalogue(
            department,
            legal,
            year,
            today,
            filed=True,
            filed_on=datetime.date(year + 1, *filed),
            log=log,
        )
