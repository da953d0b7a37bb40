"""Notes the system writes (a reason, a note, how a deadline was counted): stored as a message id
with its parameters, read in the reader's language.

A person's note is stored as typed and shown as typed. A note the portal writes itself (a
deadline rule, a service, an automatic step) is stored by ``note(...)`` as a small JSON value,
``{"note": "Concluded late.", "params": {...}}``, in the same text field, and every reader
(``render``: pages through the ``note`` filter, the API through ``NoteField``, the ``.xlsx``
exports) translates it when it is shown: the same record reads 逾期办结。 on a Chinese page and
"Concluded late." on an English one.

    audit.record(obj, action="expire", reason=notes.note(gettext_lazy("The term has ended.")))
    reason=notes.note(gettext_noop("%(reason)s\\n%(deadline)s"), reason=typed, deadline=deadline)
    {% load notes %}{{ entry.reason|note }}

The message is an English msgid (a ``gettext_lazy``/``pgettext_lazy`` proxy keeps its context,
a plain string is taken as the msgid). Parameters are kept as values and shown in the reader's
language: a date, a date-time, a ``Deadline`` (its explanation), a lazy translated string (a
choice's label); text and numbers as they are. A note whose message has no translation reads in
English; one that does not fit its parameters any more reads as its message, never an error.

Official documents (notices, 通报) are Chinese documents and keep the text they were issued with:
a rule that quotes a note in a notice renders it (``render``) when it drafts the notice.
"""

import datetime
import json

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext

MARK = '{"note":'


def _message(message) -> dict:
    """A message as stored: its msgid, and its context if it has one."""
    if isinstance(message, Promise):
        # A lazy translation keeps the function and its arguments: (msgid,) or (context, msgid).
        _func, args = message.__reduce__()[1][:2]
        if len(args) == 2:
            return {"note": args[1], "context": args[0]}
        return {"note": args[0]}
    return {"note": str(message)}


def _param(value):
    from .calendar import Deadline

    if isinstance(value, Deadline):
        return {"deadline": value.as_json()}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, Promise):
        return _message(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    return str(value)


def note(message, /, **params) -> str:
    """The stored form of a note the system writes: ``message`` (a lazy translation or an English
    msgid) with ``params`` for its ``%(name)s`` placeholders."""
    stored = _message(message)
    if params:
        stored["params"] = {name: _param(value) for name, value in params.items()}
    return json.dumps(stored, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def explained(deadline) -> str:
    """The stored form of how a deadline was counted (``Deadline.explain`` when read)."""
    return note("%(deadline)s", deadline=deadline)


def is_note(value) -> bool:
    return isinstance(value, str) and value.startswith(MARK) and _load(value) is not None


def _load(value: str):
    try:
        stored = json.loads(value)
    except ValueError:
        return None
    if not isinstance(stored, dict) or not isinstance(stored.get("note"), str):
        return None
    return stored


def _shown_param(value):
    from .calendar import Deadline, long_date

    if isinstance(value, dict):
        if "deadline" in value:
            deadline = Deadline.from_json(value["deadline"])
            return deadline.explain() if deadline is not None else ""
        if "date" in value:
            return long_date(datetime.date.fromisoformat(value["date"]))
        if "datetime" in value:
            moment = timezone.localtime(datetime.datetime.fromisoformat(value["datetime"]))
            return formats.date_format(moment, "DATETIME_FORMAT")
        if "note" in value:
            return _translated(value)
    return "" if value is None else value


def _translated(stored: dict) -> str:
    msgid, context = stored["note"], stored.get("context")
    text = pgettext(context, msgid) if context else gettext(msgid) if msgid else ""
    params = stored.get("params")
    if not isinstance(params, dict):
        return text
    try:
        return text % {name: _shown_param(value) for name, value in params.items()}
    except (KeyError, ValueError, TypeError):
        return text


def render(value) -> str:
    """A stored note in the active language; text a person typed, as typed."""
    if value is None:
        return ""
    if not isinstance(value, str) or not value.startswith(MARK):
        return value
    stored = _load(value)
    return value if stored is None else _translated(stored)
