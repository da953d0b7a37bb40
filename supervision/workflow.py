"""Small pieces every registry's services share: who may write, reasons, audited transitions.

Every app builds its domain actions from these, so a permission, a missing reason or a wrong
state is refused the same way everywhere.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import FileField
from django.utils.translation import gettext_lazy as _

from . import audit, uploads
from .errors import TransitionNotAllowed
from .models import Department


def save_new(obj, *, actor, action: str = "create"):
    """Validate and insert a new record, and audit its creation (inside the caller's transaction).

    ``action`` names the creation where the domain has a word for it ("register", "open").
    """
    uploads.remember_names(obj)
    obj.full_clean()
    obj.save()
    audit.record(obj, action=action, actor=actor, after=audit.snapshot(obj))
    return obj


def _with_timestamps(obj, fields) -> list[str]:
    """``fields`` and the record's ``auto_now`` columns: a saved change moves its timestamp too."""
    stamps = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
    return [*fields, *(name for name in stamps if name not in fields)]


def apply_changes(obj, *, actor, fields, values):
    """Set the ``values`` among ``fields`` that differ, validate, save them and audit the change.

    ``obj`` is the row the caller locked; an edit that changes nothing writes nothing.
    """
    before = audit.snapshot(obj)
    changed = [k for k, v in values.items() if k in fields and getattr(obj, k) != v]
    if not changed:
        return obj
    replaced = [
        (obj._meta.get_field(name).storage, getattr(obj, name).name)
        for name in changed
        if isinstance(obj._meta.get_field(name), FileField) and getattr(obj, name)
    ]
    for name in changed:
        setattr(obj, name, values[name])
    upload_names = uploads.remember_names(obj)
    obj.full_clean()
    obj.save(update_fields=_with_timestamps(obj, changed) + upload_names)
    # A replaced document's old file goes too (it may hold personal data), once the change is
    # committed: a rollback keeps the record pointing at a file that is still there.
    for storage, old_name in replaced:
        transaction.on_commit(lambda storage=storage, old_name=old_name: storage.delete(old_name))
    audit.record(obj, action="change", actor=actor, before=before, after=audit.snapshot(obj))
    return obj


# Who may write: a legal office on its own jurisdiction's departments (filings go to the office of
# the same level), the administrator everywhere, a clerk in their own department.
def require_legal_office(actor, department=None) -> None:
    """A legal office; with ``department``, the office of its jurisdiction."""
    if not (actor is not None and actor.is_authenticated and actor.supervises_departments):
        raise PermissionDenied(_("Only the legal office may do this."))
    if department is not None and not actor.handles(department):
        raise PermissionDenied(
            _("Only the legal office of the department's own jurisdiction may do this.")
        )


def department_for(actor, department):
    """The department a new record belongs to: a clerk's own, or the one the legal office names
    among its own jurisdiction's departments."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    if actor.supervises_departments:
        if department is None:
            raise ValidationError({"department": _("Choose the department.")})
        if not actor.handles(department):
            raise ValidationError(
                {"department": _("Choose a department of this office's own jurisdiction.")}
            )
        return department
    if actor.is_clerk and actor.department_id:
        return actor.department
    raise PermissionDenied(_("Only a department clerk or the legal office may register records."))


def require_writer(actor, department_id: int) -> None:
    """The legal office of the record's jurisdiction, or a clerk of the record's own department."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    if actor.is_clerk and actor.department_id == department_id:
        return
    if actor.supervises_departments:
        department = Department.objects.filter(pk=department_id).first()
        if actor.handles(department):
            return
    raise PermissionDenied(_("You may not change this record."))


def require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reasons.")})
    return reason


def transition(
    obj,
    *,
    actor,
    action: str,
    sources,
    target,
    refusal,
    reason: str = "",
    state_field: str = "status",
    **fields,
):
    """Check that ``obj``'s ``state_field`` is one of ``sources``, set it to ``target`` (with
    ``fields``), save and audit it.

    ``obj`` must be the row locked with select_for_update by the caller. The state may be any
    column: a review status, or a date that is empty until the record is filed.
    """
    if getattr(obj, state_field) not in sources:
        raise TransitionNotAllowed(refusal)
    before = audit.snapshot(obj)
    setattr(obj, state_field, target)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save(update_fields=_with_timestamps(obj, [state_field, *fields]))
    audit.record(
        obj, action=action, actor=actor, before=before, after=audit.snapshot(obj), reason=reason
    )
    return obj


def require_filing_day(actor, filed_on, today) -> None:
    """A department's filing (备案) is dated the day it reaches the portal: a clerk cannot date it
    earlier and turn a late filing into one on time. Only the legal office records an earlier
    day, for a filing that reached it on paper."""
    if filed_on < today and not (actor.is_authenticated and actor.supervises_departments):
        raise ValidationError(
            {
                "filed_on": _(
                    "A filing is dated the day it reaches the portal; only the legal office "
                    "records an earlier day, for a filing made on paper."
                )
            }
        )
