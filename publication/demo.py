"""Demo data: normative documents in each filing state (filed without problem, a problem found
with the correction ordered, one overdue, one awaiting filing) and discretion benchmarks (住建局's
with a superseded first version, 交通运输局's in force, one waiting for review, and 砀山县's).
Built through the services, so every record is one the rules allow; dates are relative to today."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from weasyprint import HTML

from supervision.models import Department, User

from . import services
from .models import DiscretionBenchmark, NormativeDocument

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
