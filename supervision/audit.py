"""The audit trail: one ``record`` call per create, change or transition, inside its transaction."""

import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from .models import AuditEntry


def _jsonable(value):
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def snapshot(obj, fields=None, *, exclude=("password",)) -> dict:
    """The values of a record's concrete fields, ready to be stored as JSON."""
    names = fields or [f.attname for f in obj._meta.concrete_fields if f.name not in exclude]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def record(obj, *, action: str, actor=None, before=None, after=None, reason: str = ""):
    """Write one audit entry for ``obj``; must run inside the transaction of the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit entries are written inside the transaction of the change.")
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        before=before,
        after=after,
        reason=reason,
    )


def record_many(objs, *, action: str, actor=None, reason: str = "", fields=None) -> None:
    """One audit entry per record, in one insert: for set-based changes (a check, a bulk action)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit entries are written inside the transaction of the change.")
    objs = list(objs)
    if not objs:
        return
    content_type = ContentType.objects.get_for_model(objs[0], for_concrete_model=False)
    actor = actor if actor is not None and actor.is_authenticated else None
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                content_type=content_type,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                action=action,
                actor=actor,
                after=snapshot(obj, fields),
                reason=reason,
            )
            for obj in objs
        ],
        batch_size=1000,
    )
