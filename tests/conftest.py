"""Personas and clients shared by every test: the legal office, a clerk of department A, a clerk
of department B, an invited supervisor, the administrator and the public."""

import os

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from entities.demo import demo_credit_code
from entities.models import Department
from supervision.celery import app as celery_app
from supervision.models import User

PASSWORD = "Test#2026pass"


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


def make_department(code: str, name: str, stem: str, **extra) -> Department:
    return Department.objects.create(
        code=code, name=name, region="宿州市", credit_code=demo_credit_code(stem), **extra
    )


def make_user(username: str, role: str, department=None, **extra) -> User:
    user = User(username=username, role=role, department=department, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def legal_department(db):
    return make_department("FZB", "宿州市人民政府法制办公室", "00300001", is_legal_office=True)


@pytest.fixture
def department_a(db):
    return make_department("ZJJ", "宿州市住房和城乡建设局", "00300002")


@pytest.fixture
def department_b(db):
    return make_department("JTJ", "宿州市交通运输局", "00300003")


@pytest.fixture
def legal(legal_department):
    return make_user("legal", User.Role.LEGAL_OFFICE, legal_department)


@pytest.fixture
def clerk_a(department_a):
    return make_user("clerk_a", User.Role.CLERK, department_a)


@pytest.fixture
def clerk_b(department_b):
    return make_user("clerk_b", User.Role.CLERK, department_b)


@pytest.fixture
def supervisor(db):
    return make_user("supervisor1", User.Role.SUPERVISOR)


@pytest.fixture
def admin_user(db):
    return make_user("admin", User.Role.ADMIN, is_superuser=True)


def api_client_for(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans")
    if user is not None:
        client.force_authenticate(user)
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
