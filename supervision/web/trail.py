"""The audit trail as a civil servant reads it: choices by their labels, related records by their
names (linked to their pages), times in Asia/Shanghai, the actor's real name and role, files by
their original names, never a database id or a storage path.

``present(entries)`` prepares a page of entries (or an export chunk) at once: one query per kind
of record named on the page, whatever the number of entries.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from supervision import notes
from supervision.uploads import name_field

CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Shown:
    """A value as the page shows it, with the page of the record it names, if it has one."""

    text: str
    url: str = ""

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class Change:
    field: str
    before: Shown | None
    after: Shown | None


def person(user) -> str:
    """A user by their real name (the username if none was entered); a Chinese name family
    name first, without a space (张三)."""
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if CJK.search(first + last):
        return f"{last}{first}"
    return user.get_full_name() or user.get_username()


def actor_label(user) -> str:
    """``张三（法制机构）``: who did it and in which role; the system when nobody did."""
    if user is None:
        return _("the system")
    return _("%(name)s (%(role)s)") % {"name": person(user), "role": user.get_role_display()}


def when(moment) -> str:
    """A moment in Asia/Shanghai in the one format of the pages (2026年12月3日 14:05)."""
    if moment is None:
        return ""
    if isinstance(moment, datetime.datetime):
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return formats.date_format(moment, "DATE_FORMAT")


def _name(obj) -> str:
    return person(obj) if isinstance(obj, get_user_model()) else str(obj)


def _url(obj) -> str:
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if get_url is not None else ""


def _fields(model) -> dict:
    """The model's fields by attname and name (``department_id`` and ``department``)."""
    fields = {}
    if model is None:
        return fields
    for field in model._meta.get_fields():
        if field.concrete or (field.many_to_many and not field.auto_created):
            fields[field.name] = field
            fields[getattr(field, "attname", field.name)] = field
    return fields


def _hidden(key, field, keys) -> bool:
    """Nothing a reader needs: the primary key, the time stamps (the entry has its time), a
    file's name (shown as the file's value)."""
    if key == "id" or (field is not None and field.primary_key):
        return True
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return True
    return key.endswith("_name") and key[: -len("_name")] in keys


def _related_model(field):
    if field is not None and (field.many_to_one or field.one_to_one or field.many_to_many):
        return field.related_model
    return None


def _ids(value) -> list:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, int | str) and v != ""]


def _moment(field, value: str):
    try:
        if isinstance(field, models.DateTimeField):
            return datetime.datetime.fromisoformat(value)
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


class _Reader:
    """Shows the values of a page of entries, with the related records loaded once per model."""

    def __init__(self, entries):
        self.entries = entries
        wanted = defaultdict(set)
        for entry in entries:
            model = entry.content_type.model_class()
            if model is not None:
                wanted[model].add(entry.object_id)
            fields = _fields(model)
            for snapshot in (entry.before, entry.after):
                for key, value in (snapshot or {}).items() if isinstance(snapshot, dict) else ():
                    related = _related_model(fields.get(key))
                    if related is not None and value is not None:
                        wanted[related].update(str(v) for v in _ids(value))
        self.loaded = {}
        for model, ids in wanted.items():
            pk = model._meta.pk
            try:
                keys = [pk.to_python(i) for i in ids]
            except Exception:  # noqa: BLE001 - an id stored in another shape names nothing
                keys = []
            self.loaded[model] = {
                str(obj.pk): obj for obj in model._default_manager.filter(pk__in=keys)
            }

    def record(self, entry) -> Shown:
        model = entry.content_type.model_class()
        obj = self.loaded.get(model, {}).get(entry.object_id)
        if obj is None:  # deleted since: the name it had
            return Shown(entry.object_repr)
        return Shown(_name(obj), _url(obj))

    def related(self, model, value) -> Shown:
        shown = []
        for key in _ids(value):
            obj = self.loaded.get(model, {}).get(str(key))
            shown.append(Shown(_name(obj), _url(obj)) if obj else Shown(_("(deleted)")))
        if len(shown) == 1 and not isinstance(value, list):
            return shown[0]
        return Shown("、".join(s.text for s in shown))

    def value(self, field, key, value, snapshot) -> Shown | None:
        if value is None or value == "":
            return None
        related = _related_model(field)
        if related is not None:
            return self.related(related, value)
        if isinstance(field, models.FileField):
            original = snapshot.get(name_field(field)) if isinstance(snapshot, dict) else None
            return Shown(original or _("a file"))
        if isinstance(value, bool):
            return Shown(_("yes") if value else _("no"))
        if field is not None and field.choices:
            return Shown(str(dict(field.flatchoices).get(value, value)))
        if isinstance(field, models.DateField) and isinstance(value, str):
            moment = _moment(field, value)
            return Shown(when(moment) if moment is not None else value)
        if isinstance(value, list):
            return Shown("、".join(str(v) for v in value))
        if isinstance(value, dict):
            return Shown(_("(details)"))
        if isinstance(value, str):  # a note the portal wrote reads in the reader's language
            return Shown(notes.render(value))
        return Shown(str(value))

    def changes(self, entry) -> list[Change]:
        model = entry.content_type.model_class()
        fields = _fields(model)
        before = entry.before if isinstance(entry.before, dict) else {}
        after = entry.after if isinstance(entry.after, dict) else {}
        keys = set(before) | set(after)
        shown = []
        for key in sorted(keys, key=lambda k: _order(fields, k)):
            field = fields.get(key)
            if _hidden(key, field, keys) or before.get(key) == after.get(key):
                continue
            old = self.value(field, key, before.get(key), before)
            new = self.value(field, key, after.get(key), after)
            if old is None and new is None:  # empty before and after: nothing to read
                continue
            label = str(field.verbose_name) if field is not None else _(key.replace("_", " "))
            shown.append(Change(label, old, new))
        return shown


def _order(fields, key):
    """Fields in the order of the model, then the others by name."""
    names = list(dict.fromkeys(f.name for f in fields.values()))
    field = fields.get(key)
    return (names.index(field.name), key) if field is not None else (len(names), key)


def present(entries):
    """Annotate each entry with ``record_shown``, ``changes_shown``, ``actor_shown``,
    ``at_shown`` and ``reason_shown`` (a note the system wrote, in the reader's language); entries must come with ``select_related("actor", "content_type")``."""
    entries = list(entries)
    reader = _Reader(entries)
    for entry in entries:
        model = entry.content_type.model_class()
        entry.record_shown = reader.record(entry)
        entry.record_type = str(model._meta.verbose_name) if model else entry.content_type.model
        entry.changes_shown = reader.changes(entry)
        entry.actor_shown = actor_label(entry.actor)
        entry.at_shown = when(entry.at)
        entry.reason_shown = notes.render(entry.reason)
    return entries


def changes_text(entry) -> str:
    """The changes of a presented entry on lines, for a spreadsheet cell."""
    colon = pgettext("between a label and its value", ": ")
    lines = []
    for change in entry.changes_shown:
        before = f"{change.before} → " if change.before else ""
        lines.append(f"{change.field}{colon}{before}{change.after or '—'}")
    return "\n".join(lines)
