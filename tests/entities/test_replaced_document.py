"""A replaced document's old file is removed once the change is committed (issue 18)."""

from django.core.files.storage import default_storage

from entities.models import EnforcementEntity

from .conftest import pdf


def test_the_old_establishment_document_is_removed(
    api, clerk_a, department_a, django_capture_on_commit_callbacks
):
    created = api(clerk_a).post(
        "/api/v1/entities/",
        {
            "name": "宿州市建设工程质量安全监督站",
            "kind": "authorised",
            "legal_basis": "条例",
            "establishment_document": pdf(),
        },
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    entity = EnforcementEntity.objects.get()
    old = entity.establishment_document.name
    assert default_storage.exists(old)
    with django_capture_on_commit_callbacks(execute=True):
        changed = api(clerk_a).patch(
            f"/api/v1/entities/{entity.pk}/",
            {"establishment_document": pdf("新三定方案.pdf")},
            format="multipart",
        )
    assert changed.status_code == 200, changed.json()
    entity.refresh_from_db()
    assert entity.establishment_document.name != old
    assert default_storage.exists(entity.establishment_document.name)
    assert not default_storage.exists(old)
