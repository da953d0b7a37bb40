"""The one door into a department's data.

Every model that belongs to a department gets its manager from ``ScopedQuerySet`` and names the
path to the department in ``department_lookup``. ``Model.objects.for_user(user)`` then answers:

- a clerk sees their own department;
- a legal office sees the departments of its jurisdiction and of every jurisdiction below it (the
  top jurisdiction's office, the city's, sees everything); another county's records are not there;
- the system administrator sees nothing: they keep the accounts, not the registries (三权分立,
  GB/T 22239-2019 8.1.4.2);
- anyone else sees nothing unless the model widens it in ``for_other_roles``: an invited
  supervisor's registries widen it to ``for_supervisor(user)``, the departments of the
  supervisor's fixed-point contact (定点联系), and nothing else (never complaints).

The jurisdiction filter is one subquery on the departments, whatever the depth of the tree.
"""

from django.apps import apps
from django.db import models


class ScopedQuerySet(models.QuerySet):
    department_lookup = "department"

    def for_user(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clerk:
            if not user.department_id:
                return self.none()
            return self.filter(**{self.department_lookup: user.department_id})
        if user.is_administrator:
            return self.none()
        if user.is_legal_office:
            return self.in_jurisdiction(user.jurisdiction)
        return self.for_other_roles(user)

    def for_other_roles(self, user):
        return self.none()

    def for_supervisor(self, user):
        """An invited supervisor reads the records of the departments of their fixed-point
        contact (定点联系, ``user.contact_departments``), kept by the legal office that appointed
        them; anyone else, nothing. A model opts in from ``for_other_roles``."""
        if not user.is_supervisor:
            return self.none()
        contact = user.contact_departments.through.objects.filter(user=user.pk)
        return self.filter(**{f"{self.department_lookup}__in": contact.values("department")})

    def in_jurisdiction(self, jurisdiction):
        """The records of the departments of ``jurisdiction`` and of every jurisdiction below."""
        if jurisdiction is None:
            return self.none()
        if jurisdiction.is_top:
            return self.all()
        department = apps.get_model("supervision", "Department")
        below = department.objects.filter(jurisdiction__path__startswith=jurisdiction.path)
        return self.filter(**{f"{self.department_lookup}__in": below.values("pk")})
