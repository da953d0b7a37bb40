"""Personas and clients shared by every test: the legal office, a clerk of department A, a clerk
of department B, an invited supervisor, the administrator and the public. The personas are
built by tests/factories.py; their password is tests.factories.PASSWORD."""

import os

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from supervision.celery import app as celery_app
from supervision.models import Jurisdiction, User
from tests.factories import (
    AdminFactory,
    ClerkFactory,
    DepartmentFactory,
    LegalOfficeFactory,
    LegalStaffFactory,
    SupervisorFactory,
)


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_audit_trigger():
    """A transactional test's database is emptied with TRUNCATE, which PostgreSQL's trigger on the
    audit table refuses (issue 18); the test flush runs with triggers off, as a restore would. The
    portal itself never truncates."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        original(self, ["SET LOCAL session_replication_role = replica", *sql_list])

    DatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    DatabaseOperations.execute_sql_flush = original


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _chinese_by_default(settings):
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher costs about a second per persona; tests check roles, not hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_in_process():
    """Tasks run in-process; the broker test in tests/supervision/test_services.py runs a worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def legal_department(db):
    return LegalOfficeFactory()


@pytest.fixture
def department_a(db):
    return DepartmentFactory(code="ZJJ", name="宿州市住房和城乡建设局", stem="00300002")


@pytest.fixture
def department_b(db):
    return DepartmentFactory(code="JTJ", name="宿州市交通运输局", stem="00300003")


@pytest.fixture
def legal(legal_department):
    return LegalStaffFactory(username="legal", department=legal_department)


@pytest.fixture
def clerk_a(department_a):
    return ClerkFactory(username="clerk_a", department=department_a)


@pytest.fixture
def clerk_b(department_b):
    return ClerkFactory(username="clerk_b", department=department_b)


@pytest.fixture
def supervisor(department_a):
    """The invited supervisor in fixed-point contact (定点联系) with department A."""
    return SupervisorFactory(username="supervisor1", contact_departments=[department_a])


# A county below the city (砀山县), with its legal office, a department and a clerk: what a
# legal office sees (its jurisdiction and those below) and handles (its own).


@pytest.fixture
def county(db):
    return Jurisdiction.objects.create(
        code="341321",
        name="砀山县",
        parent=Jurisdiction.objects.root(),
        office_name="砀山县人民政府法制办公室",
        number_prefix="砀法监通",
    )


@pytest.fixture
def county_department(county):
    return DepartmentFactory(
        code="DSSJ", name="砀山县市场监督管理局", stem="00400002", jurisdiction=county
    )


@pytest.fixture
def county_legal(county):
    office = DepartmentFactory(
        code="DSFZB",
        name="砀山县人民政府法制办公室",
        stem="00400001",
        jurisdiction=county,
        is_legal_office=True,
    )
    return LegalStaffFactory(username="county_legal", department=office)


@pytest.fixture
def county_clerk(county_department):
    return ClerkFactory(username="county_clerk", department=county_department)


@pytest.fixture
def admin_user(db):
    return AdminFactory(username="admin")


def api_client_for(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans")
    if user is not None:
        # As the portal's authentication loads the user, with their jurisdiction.
        client.force_authenticate(User.objects.select_related("jurisdiction").get(pk=user.pk))
    return client


@pytest.fixture
def api():
    """Build an API client acting as the given persona (or the public when none)."""
    return api_client_for


@pytest.fixture
def browser(client):
    """The Django test client, speaking Chinese like the portal's users."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    return client


def running_in_ci() -> bool:
    return bool(os.environ.get("CI"))
