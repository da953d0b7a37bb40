"""Demo data: a dozen complaints across the channels and the states — one overdue for acceptance,
one extended, one found true about a named officer (the conduct record it calls for is the lead's
wiring, see the notes), one about a county department. Built through the services; dates are
relative to today. The tracking code of each new complaint is printed once, so that the public
page can be tried."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from supervision.calendar import today
from supervision.models import Department, User

from . import services
from .models import Complaint

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# department, channel, days ago received, facts, officer, state, complainant (None: anonymous)
COMPLAINTS = [
    (
        "CGJ",
        "online",
        2,
        "城管队员在汴河路收缴摊贩三轮车，未出具任何扣押手续。",
        "",
        "received",
        ("陈桂英", "13905571234"),
    ),
    ("ZJJ", "phone", 20, "反映某小区违法搭建举报后一个月无人处理。", "", "received", None),
    (
        "JTJ",
        "hotline",
        6,
        "出租车营运执法检查时执法人员未出示执法证件。",
        "周某",
        "accepted",
        ("王德明", "13805579876"),
    ),
    (
        "SJJ",
        "letter",
        9,
        "市场监管执法人员对个体户罚款未告知陈述申辩权利。",
        "",
        "assigned",
        ("刘芳", "15105571111"),
    ),
    ("ZJJ", "window", 12, "建设工地检查时执法人员索要烟酒。", "孙某", "extended", None),
    ("JTJ", "email", 15, "治超检查站对货车超限处罚过重。", "", "answered", ("张强", "13655572222")),
    (
        "CGJ",
        "online",
        25,
        "城管执法人员暴力执法，推搡当事人。",
        "李某",
        "true",
        ("赵敏", "18955573333"),
    ),
    ("LYJ", "phone", 30, "林业执法人员查处滥伐林木时未制作现场笔录。", "", "untrue", None),
    ("FGJ", "letter", 8, "反映邻里纠纷，要求房管局处理。", "", "referred", ("吴军", "13355574444")),
    ("GHJ", "online", 5, "要求撤销已批准的规划许可。", "", "refused", None),
    (
        "ZJJ",
        "online",
        1,
        "拆违执法中未依法送达强制拆除决定书。",
        "",
        "assigned_self",
        ("钱玉兰", "17755575555"),
    ),
    (
        "DS-SJJ",
        "online",
        3,
        "砀山县市场监管执法人员检查时态度粗暴。",
        "",
        "assigned",
        ("孙丽", "13955576666"),
    ),
]


def seed(log) -> None:
    departments = {d.code: d for d in Department.objects.all()}
    offices = {
        u.jurisdiction_id: u
        for u in User.objects.filter(username__in=["legal", "county_legal"]).select_related(
            "jurisdiction"
        )
    }
    clerks = {u.department_id: u for u in User.objects.filter(role=User.Role.CLERK)}
    for code, channel, days_ago, facts, officer, state, who in COMPLAINTS:
        department = departments.get(code)
        if department is None or Complaint.objects.filter(facts=facts).exists():
            continue
        legal = offices.get(department.jurisdiction_id)
        if legal is None:
            continue
        identity = {"name": who[0], "phone": who[1]} if who else {"anonymous": True}
        details = {"facts": facts, "officer_name": officer, "request": "请依法调查处理。"}
        received = today() - datetime.timedelta(days=days_ago)
        if channel == "online":
            complaint, code_ = services.complaint_file(department=department, **details, **identity)
            # The public files on the day; the demo's complaint was filed some days ago.
            Complaint.objects.filter(pk=complaint.pk).update(received_on=received)
            complaint.refresh_from_db()
        else:
            original = (
                SimpleUploadedFile("original.pdf", PDF, content_type="application/pdf")
                if channel in ("letter", "hotline")
                else None
            )
            complaint, code_ = services.complaint_register(
                actor=legal,
                department=department,
                channel=channel,
                received_on=received,
                original=original,
                work_order="12345-2026-0815" if channel == "hotline" else "",
                **details,
                **identity,
            )
        log(f"complaint {complaint.reference} ({complaint.get_channel_display()}), code {code_}")
        _advance(complaint, state, legal, clerks.get(department.pk))


def _advance(complaint, state, legal, clerk):
    if state == "received":
        return
    if state == "referred":
        services.complaint_refer(
            complaint=complaint,
            actor=legal,
            reason="属于民事纠纷，不属于行政执法投诉受理范围。",
            referred_to="埇桥区人民调解委员会",
        )
        return
    if state == "refused":
        services.complaint_refuse(
            complaint=complaint, actor=legal, reason="规划许可的撤销应通过行政复议或诉讼解决。"
        )
        return
    # The department answers where it has a clerk in the demo; otherwise the office handles it.
    assign = state in ("assigned", "extended") or (
        state in ("answered", "true", "untrue") and clerk is not None
    )
    complaint = services.complaint_accept(complaint=complaint, actor=legal, assign=assign)
    if state == "extended":
        services.complaint_extend(
            complaint=complaint, actor=legal, days=15, reason="需调取工地监控录像并询问多名证人。"
        )
        return
    if state in ("accepted", "assigned", "assigned_self"):
        return
    author = clerk if complaint.forwarded_at else legal
    outcome = {"answered": "partly_true", "true": "true", "untrue": "untrue"}[state]
    services.complaint_answer(
        complaint=complaint,
        actor=author,
        investigation="调取执法记录仪视频，询问当事执法人员和在场群众。",
        answer={
            "true": "经查，反映情况属实。当事执法人员已停止执法工作并作出书面检查，"
            "我局已向您当面致歉。",
            "partly_true": "经查，处罚依据正确，但未充分说明理由，已责令改正。",
            "untrue": "经查，执法人员依法制作了现场笔录，反映情况不属实。",
        }[outcome],
        outcome=outcome,
    )
    if state != "answered":
        services.complaint_approve(complaint=complaint, actor=legal)
