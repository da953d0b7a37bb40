"""Demo data: normative documents in each filing state (filed without problem, a problem found
with the correction ordered, one overdue, one awaiting filing), discretion benchmarks (住建局's
with a superseded first version, 交通运输局's in force, one waiting for review, and 砀山县's),
住建局's published catalogue of major decisions with its flowchart and 交通运输局's waiting for
review, and the 2026 work plan with tasks entered from annex 1.
Built through the services, so every record is one the rules allow; dates are relative to today."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from weasyprint import HTML

from cases.models import MajorDecisionCategory
from supervision.models import Department, User

from . import services
from .models import CatalogueFiling, DiscretionBenchmark, NormativeDocument, WorkTask

# (department, number, title, days ago issued, state, days after issue it was filed)
DOCUMENTS = [
    ("ZJJ", "宿建规〔{year}〕1号", "宿州市建筑市场信用管理办法", 60, "no_problem", 6),
    ("ZJJ", "宿建规〔{year}〕2号", "宿州市建设工程施工现场扬尘治理规定", 40, "problem_found", 12),
    ("ZJJ", "宿建规〔{year}〕3号", "宿州市住宅专项维修资金管理实施细则", 25, "registered", None),
    (
        "JTJ",
        "宿交规〔{year}〕1号",
        "宿州市网络预约出租汽车经营服务管理实施细则",
        5,
        "registered",
        None,
    ),
    ("JTJ", "宿交规〔{year}〕2号", "宿州市道路货运源头治超管理办法", 30, "filed", 9),
]

GRADES_WORKS = [
    {"circumstances": "初次违法，主动停工并在责令期限内补办施工许可", "outcome": "不予处罚"},
    {
        "circumstances": "违法建设工程合同价款在100万元以下，在责令期限内改正",
        "outcome": "处工程合同价款1%以上1.5%以下罚款",
    },
    {
        "circumstances": "合同价款在100万元以上，或者逾期不改正",
        "outcome": "处工程合同价款1.5%以上2%以下罚款",
    },
]
GRADES_OVERLOAD = [
    {"circumstances": "超限10%以下，主动卸载", "outcome": "警告"},
    {"circumstances": "超限10%以上30%以下", "outcome": "处5000元以上1万元以下罚款"},
    {"circumstances": "超限30%以上，或者一年内第三次超限", "outcome": "处2万元以上3万元以下罚款"},
]

BENCHMARKS = [
    (
        "ZJJ",
        "未取得施工许可证擅自施工",
        "《中华人民共和国建筑法》第六十四条；《建设工程质量管理条例》第五十七条",
        "责令停止施工，限期改正，处工程合同价款1%以上2%以下的罚款",
        GRADES_WORKS,
        "安徽省住房城乡建设系统行政处罚裁量基准",
        "revised",
    ),
    (
        "JTJ",
        "车辆超限运输",
        "《中华人民共和国公路法》第七十六条；《公路安全保护条例》第六十四条",
        "责令改正，可以处3万元以下的罚款",
        GRADES_OVERLOAD,
        "安徽省交通运输行政处罚裁量基准",
        "published",
    ),
    (
        "CGJ",
        "擅自占用城市道路",
        "《城市道路管理条例》第四十二条",
        "责令限期改正，可以处2万元以下的罚款",
        [
            {"circumstances": "占道面积10平方米以下，当场改正", "outcome": "不予处罚"},
            {"circumstances": "占道面积10平方米以上", "outcome": "处1000元以上2万元以下罚款"},
        ],
        "",
        "submitted",
    ),
    (
        "DS-SJJ",
        "销售不符合食品安全标准的食品",
        "《中华人民共和国食品安全法》第一百二十四条",
        "没收违法所得和违法经营的食品，并处货值金额十倍以上二十倍以下罚款",
        [
            {
                "circumstances": "货值金额不足一万元，初次违法",
                "outcome": "并处五万元以上八万元以下罚款",
            },
            {
                "circumstances": "货值金额一万元以上",
                "outcome": "并处货值金额十倍以上十五倍以下罚款",
            },
        ],
        "安徽省市场监管行政处罚裁量权适用规则",
        "published",
    ),
]


def _text_pdf(number: str, title: str) -> ContentFile:
    html = (
        "<html><body style=\"font-family: 'Noto Serif CJK SC', serif; margin: 37mm 26mm\">"
        f'<p style="text-align:center">{number}</p><h1 style="text-align:center">{title}</h1>'
        "<p>第一条　为规范本市行政执法行为，根据有关法律、法规，结合本市实际，制定本办法。</p>"
        "</body></html>"
    )
    return ContentFile(HTML(string=html).write_pdf(), name=f"{number}.pdf")


def _seed_document(department, users, entry, today, log):
    _code, number, title, issued_ago, state, filed_after = entry
    number = number.format(year=today.year)
    if NormativeDocument.objects.filter(department=department, number=number).exists():
        return
    issued_on = today - datetime.timedelta(days=issued_ago)
    document = services.document_register(
        actor=users["legal"],
        department=department,
        number=number,
        title=title,
        issued_on=issued_on,
        effective_on=issued_on + datetime.timedelta(days=30),
        text=_text_pdf(number, title),
    )
    if state != "registered":
        services.document_file(
            document=document,
            actor=users["legal"],
            filed_on=issued_on + datetime.timedelta(days=filed_after),
        )
    if state == "no_problem":
        services.document_review(
            document=document, actor=users["legal"], result="no_problem", opinion="符合备案要求。"
        )
    elif state == "problem_found":
        services.document_review(
            document=document,
            actor=users["legal"],
            result="problem_found",
            problem="第十二条设定了“暂停投标资格”的处罚，超出了规范性文件可以规定的事项。",
            correction_required="删除第十二条，修改后重新印发并报送备案。",
        )
    log(f"normative document {number}")


def _seed_benchmark(department, actor, legal, entry, today, log):
    _code, matter, basis, discretion, grades, higher, state = entry
    if DiscretionBenchmark.objects.filter(department=department, matter=matter).exists():
        return
    first_from = today - datetime.timedelta(days=400 if state == "revised" else 90)
    benchmark = services.benchmark_register(
        actor=actor,
        department=department if actor.supervises_departments else None,
        matter=matter,
        legal_basis=basis,
        discretion=discretion,
        grades=grades,
        higher_benchmark=higher,
        effective_from=first_from,
    )
    if state != "draft":
        services.benchmark_submit(benchmark=benchmark, actor=actor)
    if state in ("published", "revised"):
        services.benchmark_review(benchmark=benchmark, actor=legal, result="approved")
        benchmark = services.benchmark_publish(benchmark=benchmark, actor=actor)
    if state == "revised":
        revision = services.benchmark_revise(benchmark=benchmark, actor=actor)
        revision = services.benchmark_update(
            benchmark=revision,
            actor=actor,
            effective_from=today - datetime.timedelta(days=30),
            grades=[*grades[:-1], {**grades[-1], "outcome": "处工程合同价款2%罚款"}],
        )
        services.benchmark_submit(benchmark=revision, actor=actor)
        services.benchmark_review(benchmark=revision, actor=legal, result="approved")
        services.benchmark_publish(benchmark=revision, actor=actor)
    log(f"discretion benchmark {department.code} {matter}")


# (number, title, lead, co-operating, what is delivered, [(delivery, "MM-DD")])
WORK_PLAN_YEAR = 2026
TASKS = [
    (
        1,
        "全面梳理、调整、审核、确认、公布行政执法主体",
        "FZB",
        ["ZJJ", "JTJ", "CGJ"],
        "各行政执法部门梳理本部门执法主体，报市政府法制办审核确认后向社会公布。",
        [("制定梳理工作方案", "04-30"), ("完成梳理并报送审核", "06-30"), ("向社会公布", "09-30")],
    ),
    (
        2,
        "全面梳理行政执法依据，编制行政执法职权目录",
        "ZJJ",
        ["JTJ"],
        "梳理法律、法规、规章规定的执法职权，按类别编制目录并公布。",
        [("完成执法依据梳理", "05-31"), ("公布执法职权目录", "08-31")],
    ),
    (
        3,
        "细化、量化行政裁量权基准",
        "JTJ",
        [],
        "对行政处罚的裁量空间分档细化，报法制机构审核后公布实施。",
        [("报送裁量基准送审稿", "06-30"), ("公布实施", "10-31")],
    ),
    (
        4,
        "开展行政执法案卷评查",
        "CGJ",
        [],
        "组织本系统案卷自查，接受市政府法制办集中评查并整改。",
        [("报送案卷自查报告", "07-31")],
    ),
]

FLOWCHART = (
    "<html><body style=\"font-family: 'Noto Sans CJK SC', sans-serif\">"
    "<h1>重大行政执法决定法制审核流程图</h1>"
    "<p>承办机构提出处理意见 → 法制机构审核 → 集体讨论决定 → 作出决定 → 10日内报送备案</p>"
    "</body></html>"
)


def _seed_catalogues(departments, legal, log):
    for code, state in (("ZJJ", "published"), ("JTJ", "submitted")):
        department = departments.get(code)
        if department is None or CatalogueFiling.objects.filter(department=department).exists():
            continue
        if not MajorDecisionCategory.objects.filter(department=department).exists():
            continue
        filing = services.catalogue_send(
            actor=legal,
            department=department,
            flowchart=ContentFile(HTML(string=FLOWCHART).write_pdf(), name="法制审核流程图.pdf"),
        )
        if state == "published":
            services.catalogue_review(filing=filing, actor=legal, result="acknowledged")
            services.catalogue_publish(filing=filing, actor=legal)
        log(f"catalogue of major decisions {code}")


def _seed_work_plan(departments, legal, today, log):
    for number, title, lead, co, deliverable, deliveries in TASKS:
        if (
            lead not in departments
            or WorkTask.objects.filter(
                jurisdiction_id=departments[lead].jurisdiction_id,
                year=WORK_PLAN_YEAR,
                number=number,
            ).exists()
        ):
            continue
        task = services.task_create(
            actor=legal,
            year=WORK_PLAN_YEAR,
            number=number,
            title=title,
            lead_department=departments[lead],
            co_departments=[departments[c] for c in co if c in departments],
            deliverable=deliverable,
        )
        for description, day in deliveries:
            due = datetime.date.fromisoformat(f"{WORK_PLAN_YEAR}-{day}")
            delivery = services.delivery_add(
                task=task, actor=legal, description=description, due=due
            )
            if delivery.due < today and number != 3:  # task 3's plan is late: it shows overdue
                services.delivery_report(
                    delivery=delivery, actor=legal, report=f"已完成：{description}。"
                )
                services.delivery_review(delivery=delivery, actor=legal, result="accepted")
        log(f"work-plan task {WORK_PLAN_YEAR}-{number}")


def seed(log):
    today = timezone.localdate()
    departments = {d.code: d for d in Department.objects.all()}
    accounts = {u.username: u for u in User.objects.filter(username__in=["legal", "county_legal"])}
    legal = accounts.get("legal")
    if legal is None:
        return
    for entry in DOCUMENTS:
        department = departments.get(entry[0])
        if department is not None:
            _seed_document(department, {"legal": legal}, entry, today, log)
    for entry in BENCHMARKS:
        department = departments.get(entry[0])
        if department is None:
            continue
        office = legal if department.jurisdiction.is_top else accounts.get("county_legal")
        if office is None:
            continue
        _seed_benchmark(department, office, office, entry, today, log)
    _seed_catalogues(departments, legal, log)
    _seed_work_plan(departments, legal, today, log)
