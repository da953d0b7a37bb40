"""Demo of the invited supervisors' work, built through the services by the demo legal office.

Three supervisors appointed by the city (accounts in supervision/demo.py), each with their
fixed-point contact, and a mix of quarters in 2026:

- 陈刚 (supervisor1; 住建局, 城管局): Q3 filed on time; of its two problems one became a finding
  (ordered to be rectified), one was closed with a reason; the review is complete. Q4: one
  activity recorded, the report still being written.
- 周建华 (supervisor2; 交通运输局): Q3 filed late, its problem awaiting the legal office. Q4: nothing yet.
- 吴秀兰 (supervisor3; 市场监管局, 林业局): Q3 one activity but no report (missed). Q4: nothing yet.
"""

import datetime

from supervision import calendar
from supervision.models import Department, User

from . import services
from .models import QuarterlyReport, SupervisorProfile

D = datetime.date
TERM = (D(2025, 7, 1), D(2028, 6, 30))
PEOPLE = {
    "supervisor1": {
        "departments": ["ZJJ", "CGJ"],
        "fields": "住房城乡建设、城市管理",
        "employer": "宿州市人大代表，宿州学院",
        "phone": "13905570001",
    },
    "supervisor2": {
        "departments": ["JTJ"],
        "fields": "交通运输",
        "employer": "宿州市政协委员，安徽某律师事务所",
        "phone": "13905570002",
    },
    "supervisor3": {
        "departments": ["SJJ", "LYJ"],
        "fields": "市场监管、林业",
        "employer": "宿州市某社区居委会",
        "phone": "13905570003",
    },
}


def _backdate(report, submitted_on):
    QuarterlyReport.objects.filter(pk=report.pk).update(submitted_on=submitted_on)


def seed(log) -> None:
    legal = User.objects.filter(username="legal").first()
    if legal is None:
        return
    departments = {d.code: d for d in Department.objects.all()}
    people = {u.username: u for u in User.objects.filter(username__in=PEOPLE)}
    for username, data in PEOPLE.items():
        user = people.get(username)
        if user is None or SupervisorProfile.objects.filter(user=user).exists():
            continue
        services.profile_save(
            supervisor=user,
            actor=legal,
            appointed_from=TERM[0],
            appointed_to=TERM[1],
            contact_departments=[departments[c] for c in data["departments"] if c in departments],
            contact_fields=data["fields"],
            employer=data["employer"],
            phone=data["phone"],
        )
        if not user.email:
            User.objects.filter(pk=user.pk).update(email=f"{username}@example.gov.cn")
        log(f"supervisor profile {username}")
        _quarters(user, username, departments, legal)


def _quarters(user, username, departments, legal):
    today = calendar.today()
    if today < D(2026, 10, 1):
        return  # the demo's story is told from the last quarter of 2026
    user.refresh_from_db()
    if username == "supervisor1":
        services.activity_record(
            actor=user,
            held_on=D(2026, 8, 12),
            department=departments["ZJJ"],
            kind="on_site",
            observations="随同住建局执法人员检查建筑工地，执法人员出示证件，告知程序规范。",
        )
        report = services.quarter_report(user, D(2026, 8, 12))
        services.report_change(
            report=report,
            actor=user,
            text="本季度赴住建局执法一线监督一次，调阅城管局案卷五份。总体规范，发现问题两项，报告如下。",
        )
        first = services.problem_add(
            report=report,
            actor=user,
            department=departments["ZJJ"],
            description="建筑工地检查现场笔录未由当事人签字确认。",
        )
        second = services.problem_add(
            report=report,
            actor=user,
            department=departments["CGJ"],
            description="占道经营案卷中照片证据未注明拍摄时间。",
        )
        services.report_submit(report=report, actor=user)
        _backdate(report, D(2026, 9, 28))
        services.problem_finding(problem=first, actor=legal)
        services.problem_close(
            problem=second, actor=legal, reason="经核查，该案卷照片已另附拍摄时间说明，不构成问题。"
        )
        services.report_review(report=report, actor=legal)
        services.activity_record(
            actor=user,
            held_on=D(2026, 11, 5),
            department=departments["CGJ"],
            kind="unannounced",
            observations="明察暗访城管局夜间执法，未发现粗暴执法情况。",
        )
    elif username == "supervisor2":
        services.activity_record(
            actor=user,
            held_on=D(2026, 9, 8),
            department=departments["JTJ"],
            kind="case_files",
            observations="调阅交通运输局超限运输处罚案卷三份。",
        )
        report = services.quarter_report(user, D(2026, 9, 8))
        services.report_change(
            report=report, actor=user, text="本季度调阅交通运输局案卷三份，发现问题一项。"
        )
        services.problem_add(
            report=report,
            actor=user,
            department=departments["JTJ"],
            description="超限运输处罚决定书未载明申请行政复议的期限。",
        )
        services.report_submit(report=report, actor=user)
        _backdate(report, D(2026, 10, 12))
    else:
        services.activity_record(
            actor=user,
            held_on=D(2026, 7, 20),
            department=departments["SJJ"],
            kind="briefing",
            observations="听取市场监管局食品安全执法情况汇报。",
        )
