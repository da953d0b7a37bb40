"""Demo accounts: only ever created with DEBUG on (the command checks)."""

from .models import Department, User

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
