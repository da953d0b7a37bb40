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

from . import bulk
from .models import AuditEntry, Jurisdiction
from .security import chain, duties

Action = AuditEntry.Action


def _known(action: str) -> str:
    if action not in Action.values:
        raise ValueError(
            f"Unknown audit action {action!r}: add it, with its label, to AuditEntry.Action."
        )
    return action


# How a record type names a shared action -----------------------------------------------------

#: {("app_label.model_name", action): label}: a verb a record type reads in its own words.
_LABELS: dict[tuple[str, str], object] = {}


def label_action(model, action: str, label) -> None:
    """Name ``action`` as entries about ``model`` read it, without changing the stored code: a
    complaint is accepted for handling (受理), a rectification accepted on inspection (验收),
    both ``accept``. Apps register theirs in their ``AppConfig.ready``."""
    _LABELS[(model._meta.label_lower, _known(action))] = label


def action_label(entry) -> str:
    """The entry's action as the trail shows it: the record type's own word, if it has one."""
    content_type = ContentType.objects.get_for_id(entry.content_type_id)
    label = _LABELS.get((f"{content_type.app_label}.{content_type.model}", entry.action))
    return str(label if label is not None else entry.get_action_display())


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
    """The values of a record's concrete fields, ready to be stored as JSON.

    A model leaves out what is no fact of the record (a cache it keeps) by naming it in
    ``audit_exclude``.
    """
    exclude = (*exclude, *getattr(obj, "audit_exclude", ()))
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
    (a snapshot's dates are text; a status is a str-valued choice): a check audits a hundred
    thousand of them."""
    plain = {}
    for name, value in values.items():
        if type(value) in _PLAIN:
            plain[name] = value
        elif isinstance(value, str):
            plain[name] = str(value)  # a TextChoices member: its value
        else:
            return _stored(values)
    return plain


@dataclass(slots=True)
class _Row:
    """An entry of ``record_many``: the columns of an AuditEntry without the model around them (a
    check writes a hundred thousand; ``bulk.insert`` takes them with COPY on PostgreSQL)."""

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


_COLUMNS = [f.name for f in dataclass_fields(_Row)]


def _write(entries: list) -> list:
    """Seal the entries into the hash chain and insert them (inside the caller's transaction)."""
    chain.seal(entries)
    return AuditEntry.objects.bulk_create(entries, batch_size=1000)


def record_many(objs, *, action: str, actor=None, reason: str = "", fields=None) -> None:
    """One audit entry per record, in one insert: for set-based changes (a check, a bulk action)."""
    objs = list(objs)
    if not objs:
        _in_transaction(action)
        return
    actor = actor if actor is not None and actor.is_authenticated else None
    record_values(
        type(objs[0]),
        [(obj.pk, str(obj), snapshot(obj, fields), _jurisdiction_id(obj, actor)) for obj in objs],
        action=action,
        actor=actor,
        reason=reason,
    )


def record_values(model, rows, *, action: str, actor=None, reason: str = "") -> None:
    """``record_many`` for rows read as values, not as model instances: ``rows`` are (pk, the
    record as text, its fields after the change, the jurisdiction id or None for the actor's).
    A year-end check audits a hundred thousand certificates it never needs as instances."""
    _in_transaction(action)
    content_type_id = ContentType.objects.get_for_model(model, for_concrete_model=False).pk
    actor = actor if actor is not None and actor.is_authenticated else None
    actor_id = actor.pk if actor is not None else None
    actor_jurisdiction_id = getattr(actor, "jurisdiction_id", None)
    entries = [
        _Row(
            content_type_id=content_type_id,
            object_id=str(pk),
            object_repr=text[:200],
            action=action,
            actor_id=actor_id,
            jurisdiction_id=actor_jurisdiction_id if jurisdiction_id is None else jurisdiction_id,
            before=None,
            after=_stored_snapshot(after),
            reason=reason,
        )
        for pk, text, after, jurisdiction_id in rows
    ]
    if not entries:
        return
    chain.seal(entries)
    bulk.insert(AuditEntry, _COLUMNS, [[getattr(e, c) for c in _COLUMNS] for e in entries])


def _in_transaction(action: str) -> None:
    _known(action)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit entries are written inside the transaction of the change.")


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
