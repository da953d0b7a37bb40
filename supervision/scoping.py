"""The one door into a department's data.

Every model that belongs to a department gets its manager from ``ScopedQuerySet`` and names the
path to the department in ``department_lookup``. ``Model.objects.for_user(user)`` then answers:
the legal office and the administrator see everything, a clerk sees their own department, anyone
else sees nothing unless the model widens it in ``for_other_roles``.
"""

from django.db import models


class ScopedQuerySet(models.QuerySet):
    department_lookup = "department"

    def for_user(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.supervises_departments:
            return self.all()
        if user.role == user.Role.CLERK and user.department_id:
            return self.filter(**{self.department_lookup: user.department_id})
        return self.for_other_roles(user)

    def for_other_roles(self, user):
        return self.none()
