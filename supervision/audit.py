"""The audit trail: one ``record`` call per create, change or transition, inside its transaction.

- ``Action``: the one vocabulary of actions, with their labels; ``record`` refuses any other.
- ``history_for(user, record)``: a record's entries, for whoever may read them (the one rule).
"""

import datetime
import decimal
import json
import uuid
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from .models import AuditEntry, Jurisdiction
from .security import chain, duties

Action = AuditEntry.Action


def _known(action: str) -> str:
    if action not in Action.values:
        raise ValueError(
            f"Unknown audit action {action!r}: add it, with its label, to AuditEntry.Action."
        )
    return action


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


def _jurisdiction_id(obj, actor) -> int | None:
    """Whose work an entry records: the record's own jurisdiction (a department's, the office that
    issued a notice) or else the actor's; the legal offices of it and above read the entry."""
    for attribute in ("jurisdiction_id", "office_id"):
        value = getattr(obj, attribute, None)
        if value is not None:
            return value
    if isinstance(obj, Jurisdiction):
        return obj.pk
    return getattr(actor, "jurisdiction_id", None)


def record(obj, *, action: str, actor=None, before=None, after=None, reason: str = ""):
    """Write one audit entry for ``obj``; must run inside the transaction of the change."""
    _known(action)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit entries are written inside the transaction of the change.")
    return _write(
        [
            AuditEntry(
                content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                action=action,
                actor=actor if actor is not None and actor.is_authenticated else None,
                jurisdiction_id=_jurisdiction_id(obj, actor),
                before=_stored(before),
                after=_stored(after),
                reason=reason,
            )
        ]
    )[0]


def _stored(value):
    """A JSON value as the database gives it back (dates as text): what the chain's hash covers."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


_PLAIN = (str, int, bool, type(None))


def _stored_snapshot(values: dict) -> dict:
    """``_stored`` of a snapshot, without the JSON round trip when its values are plain already
    (a snapshot's dates are text): a check audits a hundred thousand of them."""
    if all(type(value) in _PLAIN for value in values.values()):
        return values
    return _stored(values)


#: From this many entries at once, PostgreSQL takes them with COPY: a year-end check writes a
#: hundred thousand, and a model instance and Django's bulk_create cost about half a millisecond
#: each (building the instance, compiling the INSERT, adapting every value); COPY streams the same
#: rows, sealed the same way, in seconds. The table's triggers and constraints apply alike.
COPY_FROM = 1000


@dataclass(slots=True)
class _Row:
    """An entry to be copied: the columns of an AuditEntry, without the model around them."""

    content_type_id: int
    object_id: str
    object_repr: str
    action: str
    actor_id: int | None
    jurisdiction_id: int | None
    before: dict | None
    after: dict | None
    reason: str
    at: datetime.datetime | None = None
    chain_seq: int | None = None
    chain_hash: str = ""


_COPIED = [f.name for f in dataclass_fields(_Row)]


def _write(entries: list) -> list:
    """Seal the entries into the hash chain and insert them (inside the caller's transaction)."""
    chain.seal(entries)
    return AuditEntry.objects.bulk_create(entries, batch_size=1000)


def _json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _copy(rows: list[_Row]) -> None:
    """Seal the rows into the hash chain and COPY them in (inside the caller's transaction)."""
    chain.seal(rows)
    table = AuditEntry._meta.db_table
    statement = f"COPY {table} ({', '.join(_COPIED)}) FROM STDIN"
    with transaction.get_connection().cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            values = [getattr(row, name) for name in _COPIED]
            values[6], values[7] = _json(row.before), _json(row.after)
            copy.write_row(values)


def record_many(objs, *, action: str, actor=None, reason: str = "", fields=None) -> None:
    """One audit entry per record, in one insert: for set-based changes (a check, a bulk action)."""
    _known(action)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("Audit entries are written inside the transaction of the change.")
    objs = list(objs)
    if not objs:
        return
    content_type_id = ContentType.objects.get_for_model(objs[0], for_concrete_model=False).pk
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    rows = [
        _Row(
            content_type_id=content_type_id,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            action=action,
            actor_id=actor_id,
            jurisdiction_id=_jurisdiction_id(obj, actor),
            before=None,
            after=_stored_snapshot(snapshot(obj, fields)),
            reason=reason,
        )
        for obj in objs
    ]
    if len(rows) >= COPY_FROM and connection.vendor == "postgresql":
        _copy(rows)
    else:
        _write([AuditEntry(**{name: getattr(row, name) for name in _COPIED}) for row in rows])


# Who reads a record's history ------------------------------------------------------------------


def may_read_history(user, record) -> bool:
    """Whoever may see a record reads its history: the legal office of its jurisdiction or one
    above, a clerk of its own department.

    The record's scope is the one its model's scoping (``for_user``) gives, so a record of another
    department or county has no history for them, as it has no page.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return f"{record._meta.app_label}.{record._meta.model_name}" in duties.ADMINISTERED_MODELS
    if user.is_legal_office and user.is_top_office:
        return True
    if not (user.is_clerk or user.is_legal_office):
        return False
    scoped = getattr(type(record)._default_manager, "for_user", None)
    return scoped is not None and scoped(user).filter(pk=record.pk).exists()


def history_for(user, record):
    """The audit entries of ``record``, newest first, or none if ``user`` may not read them."""
    entries = AuditEntry.objects.for_record(record)
    return entries if may_read_history(user, record) else entries.none()


# Security events ---------------------------------------------------------------------------------


def record_event(action: str, *, user=None, actor=None, address: str = "", detail=None):
    """A security event (a login, a lockout, a refusal, an export) about ``user``, in its own
    transaction: it is recorded whether or not anything else happens.

    ``user`` may be None (a login as an account that does not exist): the entry then names no
    account, so that what was typed (often a password in the wrong field) is never stored.
    """
    from django.contrib.auth import get_user_model

    _known(action)
    after = {"address": address} if address else {}
    after.update(detail or {})
    with transaction.atomic():
        return _write(
            [
                AuditEntry(
                    content_type=ContentType.objects.get_for_model(get_user_model()),
                    object_id=str(user.pk) if user is not None else "",
                    object_repr=user.get_username()[:200] if user is not None else "",
                    action=action,
                    actor=actor if actor is not None and actor.is_authenticated else None,
                    jurisdiction_id=getattr(
                        user if user is not None else actor, "jurisdiction_id", None
                    ),
                    after=_stored(after) or None,
                )
            ]
        )[0]
