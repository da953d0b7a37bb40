"""Demo jurisdictions and departments of 宿州市 (the city's legal office and the departments
DESIGN.md names; 砀山县 with its legal office and two departments) and the demo accounts, which are
only ever created with DEBUG on (the command checks)."""

from django.conf import settings

from .models import Department, Jurisdiction, User
from .validators import credit_code_check_character

REGION = "宿州市"
REGION_CODE = "341300"

COUNTY = {
    "code": "341321",
    "name": "砀山县",
    "office_name": "砀山县人民政府法制办公室",
    "number_prefix": "砀法监通",
    "seal_text": "砀山县人民政府法制办公室",
}
# code, name, organisation-code stem, is the legal office
COUNTY_DEPARTMENTS = [
    ("DS-FZB", "砀山县人民政府法制办公室", "00310001", True),
    ("DS-SJJ", "砀山县市场监督管理局", "00310002", False),
    ("DS-CGJ", "砀山县城市管理行政执法局", "00310003", False),
]

# code, name, organisation-code stem (GB 11714 body), is the legal office
DEPARTMENTS = [
    ("FZB", "宿州市人民政府法制办公室", "00300001", True),
    ("ZJJ", "宿州市住房和城乡建设局", "00300002", False),
    ("JTJ", "宿州市交通运输局", "00300003", False),
    ("CGJ", "宿州市城市管理行政执法局", "00300004", False),
    ("SJJ", "宿州市市场监督管理局", "00300005", False),
    ("LYJ", "宿州市林业局", "00300006", False),
    ("GHJ", "宿州市规划局", "00300007", False),
    ("FGJ", "宿州市房产管理局", "00300008", False),
    ("FGW", "宿州市发展和改革委员会（物价局）", "00300009", False),
]


def organisation_code(stem: str) -> str:
    """A GB 11714 organisation code: eight characters and their check character."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(c) * w for c, w in zip(stem, weights, strict=True)) % 11
    return stem + {10: "X", 11: "0"}.get(check, str(check))


def demo_credit_code(stem: str, region_code: str = REGION_CODE) -> str:
    body = "11" + region_code + organisation_code(stem)
    return body + credit_code_check_character(body)


def seed_jurisdictions(log) -> tuple[Jurisdiction, Jurisdiction]:
    """The city (made by the first migration, or again after a flush) and one county below it."""
    city = Jurisdiction.objects.root()
    if city is None:
        city = Jurisdiction.objects.create(
            code=settings.PORTAL_JURISDICTION_CODE,
            name=settings.PORTAL_JURISDICTION_NAME,
            office_name=settings.PORTAL_OFFICE_NAME,
            number_prefix=settings.NOTICE_NUMBER_PREFIX,
            seal_text=settings.PORTAL_OFFICE_NAME,
        )
        log(f"jurisdiction {city.code} {city.name}")
    county, created = Jurisdiction.objects.get_or_create(
        code=COUNTY["code"], defaults={**COUNTY, "parent": city}
    )
    if created:
        log(f"jurisdiction {county.code} {county.name}")
    return city, county


def seed_departments(log) -> None:
    city, county = seed_jurisdictions(log)
    for jurisdiction, departments in ((city, DEPARTMENTS), (county, COUNTY_DEPARTMENTS)):
        for code, name, stem, is_legal_office in departments:
            _department, created = Department.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "region": jurisdiction.name,
                    "jurisdiction": jurisdiction,
                    "credit_code": demo_credit_code(stem, jurisdiction.code),
                    "is_legal_office": is_legal_office,
                },
            )
            if created:
                log(f"department {code} {name}")


DEMO_PASSWORD = "Demo#2026pass"  # noqa: S105 - documented demo password, refused with DEBUG off

# username, role, department code, full name
ACCOUNTS = [
    ("admin", User.Role.ADMIN, None, "系统管理员"),
    ("legal", User.Role.LEGAL_OFFICE, "FZB", "王敏"),
    ("clerk_a", User.Role.CLERK, "ZJJ", "李强"),
    ("clerk_b", User.Role.CLERK, "JTJ", "张丽"),
    ("supervisor1", User.Role.SUPERVISOR, None, "陈刚"),
    ("supervisor2", User.Role.SUPERVISOR, None, "周建华"),
    ("supervisor3", User.Role.SUPERVISOR, None, "吴秀兰"),
    ("auditor", User.Role.AUDITOR, None, "孙洁"),  # 三权分立: admin, legal office, auditor
    ("county_legal", User.Role.LEGAL_OFFICE, "DS-FZB", "刘洋"),
    ("county_clerk", User.Role.CLERK, "DS-SJJ", "赵磊"),
]


def seed(log) -> None:
    seed_departments(log)
    departments = {d.code: d for d in Department.objects.all()}
    for username, role, department_code, full_name in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            role=role,
            department=departments.get(department_code),
            first_name=full_name,  # Chinese names are shown whole, family name first
            is_superuser=role == User.Role.ADMIN,
        )
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        log(f"account {username} ({user.get_role_display()})")
