import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from entities.models import EnforcementEntity

PDF = b"%PDF-1.4\n%%EOF\n"


def pdf(name="三定方案.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_entity(department, name=None, status=EnforcementEntity.Status.DRAFT, **extra):
    entity = EnforcementEntity(
        department=department,
        name=name or f"{department.name}执法主体",
        kind=extra.pop("kind", EnforcementEntity.Kind.STATUTORY),
        legal_basis=extra.pop("legal_basis", "《中华人民共和国建筑法》第七条"),
        status=status,
        **extra,
    )
    if "establishment_document" not in extra:
        entity.establishment_document.save("三定方案.pdf", pdf(), save=False)
    entity.save()
    return entity


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
