"""Demo evaluation campaigns, built through the services by the demo legal office:

- 2025年度行政执法案卷评查 (住建局 and 城管局, at the scoring stage): the sample drawn, 住建局's
  self-check sent, some files scored by 王敏 and 陈刚 — one of them 10+ points apart, for the lead;
- 2024年度行政执法案卷评查 (the same two departments, finished): scored, published, its report
  (评查通报) issued, its findings in the rectification loop — one reported, accepted and confirmed at
  the follow-up check.

城管局 has no demo clerk and the cases demo files only 住建局's 2025 catalogue, so the filed
catalogues the samples are drawn from are entered here (as the departments would have filed them).
"""

import datetime

from cases.models import CaseCatalogue, CatalogueItem
from supervision import calendar, rectification
from supervision.models import Department, Finding, User

from . import services
from .models import Campaign, SampleFile

TITLE = "%d年度行政执法案卷评查"
FILES = [
    ("penalty", "未取得施工许可证擅自施工案"),
    ("penalty", "违法建设未按期拆除案"),
    ("coercive_measure", "查封施工现场案"),
    ("penalty", "占道经营案"),
    ("licence", "建筑业企业资质许可案"),
    ("penalty", "擅自砍伐行道树案"),
    ("inspection", "建筑工地扬尘检查案"),
    ("penalty", "渣土运输未覆盖案"),
]


def _filed_catalogue(department, year, log):
    catalogue = CaseCatalogue.objects.filter(department=department, year=year).first()
    if catalogue is None:
        due = calendar.deadline_on(datetime.date(year + 1, 1, 31))
        catalogue = CaseCatalogue.objects.create(
            department=department,
            year=year,
            due=due.due,
            due_provisional=due.provisional,
            due_explanation=due.as_json(),
            filed_on=datetime.date(year + 1, 1, 20),
        )
        log(f"case-file catalogue {department.code} {year} (filed, for the evaluations demo)")
    if not catalogue.items.exists():
        CatalogueItem.objects.bulk_create(
            CatalogueItem(
                catalogue=catalogue,
                case_number=f"宿{department.code}罚〔{year}〕{n:03d}号",
                title=title,
                kind=kind,
                closing_date=datetime.date(year, 1 + n, 10 + n),
            )
            for n, (kind, title) in enumerate(FILES, start=1)
        )
    if catalogue.filed_on is None:
        catalogue.filed_on = min(datetime.date(year + 1, 1, 20), calendar.today())
        catalogue.save(update_fields=["filed_on"])
    return catalogue


def _sheet(campaign, deductions, findings=()):
    items = {item.name: item for item in campaign.template.items.all()}
    return {
        "lines": {
            items[name].pk: {"deduction": points, "note": note, "raise_finding": name in findings}
            for name, (points, note) in deductions.items()
        },
        "vetoes": [],
    }


DEDUCTIONS = [
    {"事实证据": (6, "现场勘验笔录缺少当事人签字"), "文书规范": (2, "文书引用条款不完整")},
    {"程序合法": (8, "未告知当事人陈述申辩权利")},
    {"立卷归档": (3, "卷内目录与材料不一致")},
    {},
    {"裁量适当": (5, "未说明适用裁量基准的理由")},
    {"法律适用": (4, "未引用具体条款项")},
]


def _campaign(year, legal, supervisor, departments, log):
    campaign = Campaign.objects.filter(title=TITLE % year, office=legal.jurisdiction_id).first()
    if campaign is not None:
        return None
    campaign = services.campaign_create(
        actor=legal,
        title=TITLE % year,
        year=year,
        departments=departments,
        kinds=["penalty", "licence", "coercive_measure", "inspection"],
        members=[supervisor] if supervisor else [],
        sample_count=3,
    )
    services.campaign_draw(campaign=campaign, actor=legal, seed=year)
    log(f"evaluation campaign {campaign.title}")
    return campaign


def seed(log) -> None:
    users = {
        u.username: u for u in User.objects.filter(username__in=["legal", "clerk_a", "supervisor1"])
    }
    legal, clerk_a, supervisor = users.get("legal"), users.get("clerk_a"), users.get("supervisor1")
    departments = list(Department.objects.filter(code__in=["ZJJ", "CGJ"]).order_by("code"))
    if legal is None or clerk_a is None or len(departments) != 2:
        return
    this_year = calendar.today().year

    # The finished campaign, two years back.
    year = this_year - 2
    for department in departments:
        _filed_catalogue(department, year, log)
    finished = _campaign(year, legal, supervisor, departments, log)
    if finished is not None:
        for n, sample in enumerate(SampleFile.objects.filter(campaign=finished).order_by("pk")):
            deductions = DEDUCTIONS[n % len(DEDUCTIONS)]
            services.score_submit(
                sample=sample, actor=legal, **_sheet(finished, deductions, findings=deductions)
            )
        services.campaign_publish(campaign=finished, actor=legal)
        services.campaign_report(campaign=finished, actor=legal)
        finding = Finding.objects.filter(
            department=clerk_a.department, status="ordered", source_label=finished.title
        ).first()
        if finding is not None:
            rectification.finding_report(
                finding=finding, actor=clerk_a, text="已对相关案卷补正并组织全局执法人员专题培训。"
            )
            rectification.finding_accept(finding=finding, actor=legal, reason="整改到位")
            rectification.finding_follow_up(
                finding=finding, actor=legal, result="confirmed", note="回头看未发现同类问题"
            )
        log(f"evaluation campaign {finished.title}: published and reported")

    # The campaign under way, on last year's files.
    year = this_year - 1
    for department in departments:
        _filed_catalogue(department, year, log)
    current = _campaign(year, legal, supervisor, departments, log)
    if current is not None:
        own = current.participants.get(department=clerk_a.department)
        services.self_check_submit(
            participant=own,
            actor=clerk_a,
            text="我局对2025年度办结的行政处罚、行政许可案卷进行了全面自查，发现文书不规范问题3处，已整改。",
        )
        samples = list(SampleFile.objects.filter(campaign=current).order_by("pk"))
        for n, sample in enumerate(samples[:4]):
            services.score_submit(sample=sample, actor=legal, **_sheet(current, DEDUCTIONS[n]))
        if supervisor is not None and samples:
            services.score_submit(
                sample=samples[0],
                actor=supervisor,
                **_sheet(
                    current, {"事实证据": (20, "主要证据缺失"), "程序合法": (6, "送达不规范")}
                ),
            )
