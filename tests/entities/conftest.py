import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from entities.models import EnforcementEntity
from tests.factories import PDF, EnforcementEntityFactory


def pdf(name="三定方案.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_entity(department, name=None, status=EnforcementEntity.Status.DRAFT, **extra):
    if name:
        extra["name"] = name
    return EnforcementEntityFactory(department=department, status=status, **extra)


@pytest.fixture
def entity_a(department_a):
    return make_entity(department_a, "宿州市住房和城乡建设局")


@pytest.fixture
def entity_b(department_b):
    return make_entity(department_b, "宿州市交通运输局")


@pytest.fixture
def published_a(department_a):
    return make_entity(
        department_a, "宿州市住房和城乡建设局", status=EnforcementEntity.Status.PUBLISHED
    )


@pytest.fixture
def published_b(department_b):
    return make_entity(department_b, "宿州市交通运输局", status=EnforcementEntity.Status.PUBLISHED)
