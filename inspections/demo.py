"""Demo special inspections of this year, built through the services by the demo legal office:

- 交通运输领域执法监督专项检查 (交通运输局 and 城管局, last quarter, by 王敏 and supervisor 陈刚):
  concluded, one finding against 交通运输局 reported on and accepted, its report (通报) issued;
- 建筑工地扬尘治理执法监督专项检查 (住建局, this quarter): under way, two open findings ordered
  to be rectified.
"""

import datetime

from supervision import calendar, rectification
from supervision.calendar import previous_quarter, quarter_bounds
from supervision.models import Department, User

from . import services
from .models import Inspection

DONE = "交通运输领域执法监督专项检查"
RUNNING = "建筑工地扬尘治理执法监督专项检查"


def seed(log) -> None:
    users = {
        u.username: u for u in User.objects.filter(username__in=["legal", "clerk_b", "supervisor1"])
    }
    legal, clerk_b, supervisor = (users.get(n) for n in ("legal", "clerk_b", "supervisor1"))
    departments = {d.code: d for d in Department.objects.filter(code__in=["ZJJ", "JTJ", "CGJ"])}
    if legal is None or len(departments) != 3:
        return
    today = calendar.today()
    team = [supervisor] if supervisor else []
    if not Inspection.objects.filter(office=legal.jurisdiction_id, title=DONE).exists():
        year, quarter = previous_quarter(today)
        if year == today.year:
            start = quarter_bounds(year, quarter)[0] + datetime.timedelta(days=20)
        else:  # early in January: the year's first days
            start = today.replace(day=1)
        done = services.inspection_create(
            actor=legal,
            title=DONE,
            field=Inspection.Field.TRANSPORT,
            departments=[departments["JTJ"], departments["CGJ"]],
            methods=[Inspection.Method.ON_SITE, Inspection.Method.CASE_FILES],
            start_on=start,
            end_on=start + datetime.timedelta(days=4),
            team=team,
            scope="道路运输行政处罚案卷30卷；超限超载治理现场执法；城管占道经营执法全过程记录。",
        )
        services.inspection_start(inspection=done, actor=legal)
        finding = services.inspection_finding(
            inspection=done,
            actor=legal,
            department=departments["JTJ"],
            problem="超限检测站现场执法未全程记录，部分执法记录仪视频缺失。",
            standard="《行政执法全过程记录制度》",
            due_on=today + datetime.timedelta(days=20),
        )
        services.inspection_conclude(inspection=done, actor=legal)
        services.inspection_report(inspection=done, actor=legal)
        if clerk_b is not None:
            rectification.finding_report(
                finding=finding,
                actor=clerk_b,
                text="已为超限检测站补配执法记录仪8台，建立视频每日归档制度。",
            )
            rectification.finding_accept(finding=finding, actor=legal, reason="整改到位")
        log(f"special inspection {DONE}: concluded and reported")
    if not Inspection.objects.filter(office=legal.jurisdiction_id, title=RUNNING).exists():
        start = max(today - datetime.timedelta(days=10), today.replace(month=1, day=1))
        running = services.inspection_create(
            actor=legal,
            title=RUNNING,
            field=Inspection.Field.CONSTRUCTION,
            departments=[departments["ZJJ"]],
            methods=[Inspection.Method.UNANNOUNCED, Inspection.Method.BRIEFING],
            start_on=start,
            end_on=start + datetime.timedelta(days=14),
            team=team,
            scope="全市在建工地扬尘治理执法情况，抽查工地12处，听取住建局执法工作汇报。",
            rectification_due=start + datetime.timedelta(days=45),
        )
        services.inspection_start(inspection=running, actor=legal)
        for problem, standard in [
            ("对3处工地扬尘问题只责令整改、未依法立案查处。", "《大气污染防治法》第一百一十五条"),
            ("执法文书未载明复查期限，复查记录缺失。", "《行政处罚法》第五十五条"),
        ]:
            services.inspection_finding(
                inspection=running,
                actor=legal,
                department=departments["ZJJ"],
                problem=problem,
                standard=standard,
            )
        log(f"special inspection {RUNNING}: under way, two open findings")
