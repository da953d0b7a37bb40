"""Demo training of personnel's demo officers, entered through the services by the demo legal office.

Loaded on or after 30 November 2026 it is complete (earlier, attendance at courses not yet begun
is left out and assessments are dated the day of loading).

2025: everyone completed the 40 hours and passed. 2026, the year the demo's year-end check judges
(``run_deadline_checks --date 2027-01-02``), is arranged so that the check withholds exactly the
valid certificates of:

- 李娜 (住建局): 39.5 hours, passed — half an hour short;
- 刘洋 (住建局): 40 hours, never assessed;
- 赵磊 (住建局): 40 hours, failed his only attempt;
- 孙伟 (交通运输局): 38 hours, passed;
- 郭强 (交通运输局): 44 hours, never assessed;

while 陈静 failed once and then passed (the best attempt counts), 周涛's certificate has expired and
马超's is already withheld (neither is touched), and 朱琳 holds no certificate. 住建局 and
交通运输局 filed their 2026 plans in January; 城管局 registered one and never filed it.
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from personnel.models import Officer
from supervision.models import Department, User

from . import services
from .models import Assessment, ContentArea, Course, TrainingPlan, TrainingRecord

# A small PDF standing in for the plan as the department issued it.
DEMO_PLAN_DOCUMENT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

D = datetime.date
GENERAL_LAW = [
    ContentArea.PENALTY_LAW,
    ContentArea.LICENSING_LAW,
    ContentArea.COERCION_LAW,
    ContentArea.RECONSIDERATION_LAW,
    ContentArea.LITIGATION_LAW,
    ContentArea.STATE_COMPENSATION_LAW,
]

# title, department code (None: centralised, open to every department), organiser, start, end,
# hours, content areas
COURSES = [
    (
        "2025年度全市行政执法人员通用法律知识培训班",
        None,
        "宿州市人民政府法制办公室、中共宿州市委党校",
        D(2025, 5, 12),
        D(2025, 5, 16),
        "40",
        [ContentArea.POLITICAL_THEORY, *GENERAL_LAW, ContentArea.ETHICS],
    ),
    (
        "2026年度全市行政执法人员通用法律知识轮训班",
        None,
        "宿州市人民政府法制办公室、中共宿州市委党校",
        D(2026, 4, 20),
        D(2026, 4, 23),
        "32",
        [ContentArea.POLITICAL_THEORY, *GENERAL_LAW, ContentArea.ETHICS],
    ),
    (
        "建筑市场和工程质量监管执法业务培训",
        "ZJJ",
        "宿州市住房和城乡建设局政策法规科",
        D(2026, 6, 15),
        D(2026, 6, 15),
        "8",
        [ContentArea.PROFESSIONAL_LAW, ContentArea.ENFORCEMENT_SKILLS],
    ),
    (
        "交通运输行政执法规范化建设专题培训",
        "JTJ",
        "宿州市交通运输局法规科",
        D(2026, 9, 10),
        D(2026, 9, 11),
        "12",
        [ContentArea.PROFESSIONAL_LAW, ContentArea.ENFORCEMENT_SKILLS, ContentArea.ETHICS],
    ),
]
CENTRAL_2025, CENTRAL_2026, ZJJ_2026, JTJ_2026 = (course[0] for course in COURSES)

# officer: hours at the department's own 2026 course (None: not attended), 2026 attempts
PLAN_2026 = {
    "王建国": ("8", ["88"]),
    "李娜": ("7.5", ["91"]),
    "刘洋": ("8", []),
    "陈静": ("8", ["55", "78"]),
    "杨帆": ("8", ["82"]),
    "赵磊": ("8", ["52"]),
    "黄敏": ("8", ["86"]),
    "周涛": (None, []),
    "吴刚": ("12", ["90"]),
    "徐丽": ("12", ["84"]),
    "孙伟": ("6", ["76"]),
    "马超": ("12", ["70"]),
    "朱琳": (None, []),
    "胡军": ("12", ["81"]),
    "郭强": ("12", []),
}
SKIPPED_CENTRAL_2026 = {"周涛", "朱琳"}

# department code, year, courses, hours per officer, people, budget, filed on (None: not filed)
PLANS = [
    ("ZJJ", 2026, 3, "40", 8, "36000", D(2026, 1, 20)),
    ("JTJ", 2026, 4, "44", 7, "42000", D(2026, 1, 28)),
    ("CGJ", 2026, 2, "40", 30, "50000", None),
    ("ZJJ", 2027, 3, "40", 8, "38000", None),
    # For the dashboard (issue 15): most departments filed in time, 房管局 late, 林业局 never.
    ("SJJ", 2026, 3, "40", 12, "40000", D(2026, 1, 19)),
    ("GHJ", 2026, 2, "40", 5, "20000", D(2026, 1, 26)),
    ("FGW", 2026, 2, "40", 6, "24000", D(2026, 1, 30)),
    ("FGJ", 2026, 2, "40", 6, "22000", D(2026, 2, 11)),
]


def seed(log) -> None:
    legal = User.objects.filter(role=User.Role.LEGAL_OFFICE, username="legal").first()
    officers = {o.name: o for o in Officer.objects.filter(name__in=PLAN_2026)}
    if legal is None or not officers:
        return
    departments = {d.code: d for d in Department.objects.all()}
    today = timezone.localdate()
    courses = _seed_courses(log, legal, departments)
    _seed_attendance(log, legal, officers, courses, today)
    _seed_plans(log, legal, departments, today)


def _seed_courses(log, legal, departments) -> dict:
    courses = {}
    for title, code, organiser, starts_on, ends_on, hours, areas in COURSES:
        course = Course.objects.filter(title=title).first()
        if course is None:
            common = {
                "actor": legal,
                "title": title,
                "organiser": organiser,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "hours": Decimal(hours),
                "content_areas": list(areas),
            }
            if code is None:
                course = services.course_create(
                    kind=Course.Kind.CENTRALISED,
                    open_to=[
                        d
                        for d in departments.values()
                        if not d.is_legal_office and legal.handles(d)
                    ],
                    **common,
                )
            else:
                course = services.course_create(
                    kind=Course.Kind.DEPARTMENT, department=departments[code], **common
                )
            log(f"training course {title}")
        courses[title] = course
    return courses


def _seed_attendance(log, legal, officers, courses, today) -> None:
    for name, officer in officers.items():
        own_hours, attempts = PLAN_2026[name]
        attended = [(courses[CENTRAL_2025], "40")]
        if name not in SKIPPED_CENTRAL_2026:
            attended.append((courses[CENTRAL_2026], "32"))
        if own_hours is not None:
            own = courses[ZJJ_2026 if officer.department.code == "ZJJ" else JTJ_2026]
            attended.append((own, own_hours))
        created = False
        for course, hours in attended:
            if course.starts_on > today:
                continue  # loaded before the course: its attendance comes later
            if not TrainingRecord.objects.filter(officer=officer, course=course).exists():
                services.record_create(
                    actor=legal, officer=officer, course=course, hours=Decimal(hours)
                )
                created = True
        created |= _assess(legal, officer, 2025, ["85"], D(2025, 12, 10), today)
        created |= _assess(legal, officer, 2026, attempts, D(2026, 11, 10), today)
        if created:
            log(f"training hours of {name}")


def _seed_plans(log, legal, departments, today) -> None:
    for code, year, planned, hours, people, budget, filed_on in PLANS:
        department = departments.get(code)
        if (
            department is None
            or year > today.year + 1
            or TrainingPlan.objects.filter(department=department, year=year).exists()
        ):
            continue
        plan = services.plan_create(
            actor=legal,
            department=department,
            year=year,
            courses_planned=planned,
            hours_planned=Decimal(hours),
            people=people,
            budget=Decimal(budget),
            content="通用法律知识集中轮训、专业法律知识和执法技能培训，年末组织考核。",
            document=SimpleUploadedFile(
                f"{year}年度执法人员培训计划.pdf", DEMO_PLAN_DOCUMENT, "application/pdf"
            ),
        )
        if filed_on is not None:
            services.plan_file(plan=plan, actor=legal)
            # The demo's history: the plan was filed in January, not on the day the demo is loaded.
            TrainingPlan.objects.filter(pk=plan.pk).update(filed_on=filed_on)
        log(f"training plan {department.code} {year}")


def _assess(legal, officer, year, scores, first_day, today) -> bool:
    if year > today.year or Assessment.objects.filter(officer=officer, year=year).exists():
        return False
    for attempt, score in enumerate(scores):
        services.assessment_record(
            actor=legal,
            officer=officer,
            year=year,
            score=Decimal(score),
            assessed_on=min(first_day + datetime.timedelta(days=14 * attempt), today),
        )
    return bool(scores)
