"""Demo departments of 宿州市 (the legal office and the departments DESIGN.md names) and the demo
accounts, which are only ever created with DEBUG on (the command checks)."""

from .models import Department, User
from .validators import credit_code_check_character

REGION = "宿州市"
REGION_CODE = "341300"

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


def demo_credit_code(stem: str) -> str:
    body = "11" + REGION_CODE + organisation_code(stem)
    return body + credit_code_check_character(body)


def seed_departments(log) -> None:
    for code, name, stem, is_legal_office in DEPARTMENTS:
        _department, created = Department.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "region": REGION,
                "credit_code": demo_credit_code(stem),
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
