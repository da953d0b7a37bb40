"""Every field a record's history can show has a name in the reader's language: a field left
without a verbose name reads as its English attribute name ("conclude due explanation") even on a
Chinese page."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise


def project_models():
    """The models of the portal's own apps (folders of this repository, not libraries)."""
    for config in apps.get_app_configs():
        if Path(config.path).parent == settings.BASE_DIR:
            yield from config.get_models()


#: Bookkeeping no page or history shows (counters, chain heads, caches kept out of the trail).
NEVER_SHOWN = {
    "supervision.Jurisdiction.path",
    "supervision.User.session_generation",
    "supervision.DocumentSequence.office",
    "supervision.DocumentSequence.year",
    "supervision.DocumentSequence.last",
    "supervision.PasswordHistory.user",
    "supervision.PasswordHistory.password",
    "supervision.PasswordHistory.at",
    "supervision.AuditChainHead.last_seq",
    "supervision.AuditChainHead.last_hash",
    "supervision.AuditChainHead.archived_through",
    "supervision.AuditChainHead.archived_hash",
}


def shown_fields():
    for model in project_models():
        excluded = set(getattr(model, "audit_exclude", ()))
        for field in model._meta.concrete_fields:
            name = f"{model._meta.label}.{field.name}"
            if field.name != "id" and field.name not in excluded and name not in NEVER_SHOWN:
                yield name, field


def test_every_field_a_history_shows_is_named_in_the_readers_language():
    assert {name.split(".")[0] for name, _field in shown_fields()} >= {"complaints", "personnel"}
    untranslatable = [
        name for name, field in shown_fields() if not isinstance(field.verbose_name, Promise)
    ]
    assert untranslatable == []


def test_the_complaints_bookkeeping_reads_in_chinese():
    fields = dict(shown_fields())
    with translation.override("zh-hans"):
        assert str(fields["complaints.Complaint.conclude_due_explanation"].verbose_name) == (
            "办结期限计算说明"
        )
        assert str(fields["complaints.Complaint.tracking_digest"].verbose_name) == "查询码摘要"
