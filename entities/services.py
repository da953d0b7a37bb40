from django.db import transaction

from supervision import audit

from .models import Department

DEPARTMENT_FIELDS = ("code", "name", "region", "credit_code", "is_legal_office")


@transaction.atomic
def department_create(*, actor, **values) -> Department:
    department = Department(**{k: v for k, v in values.items() if k in DEPARTMENT_FIELDS})
    department.full_clean()
    department.save()
    audit.record(department, action="create", actor=actor, after=audit.snapshot(department))
    return department


@transaction.atomic
def department_update(*, department: Department, actor, **values) -> Department:
    department = Department.objects.select_for_update().get(pk=department.pk)
    before = audit.snapshot(department)
    changed = [
        k for k, v in values.items() if k in DEPARTMENT_FIELDS and getattr(department, k) != v
    ]
    if not changed:
        return department
    for name in changed:
        setattr(department, name, values[name])
    department.full_clean()
    department.save(update_fields=changed)
    audit.record(
        department, action="change", actor=actor, before=before, after=audit.snapshot(department)
    )
    return department
