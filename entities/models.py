from django.db import models
from django.utils.translation import gettext_lazy as _

from supervision.scoping import ScopedQuerySet
from supervision.validators import validate_credit_code


class DepartmentQuerySet(ScopedQuerySet):
    department_lookup = "pk"


class Department(models.Model):
    """An administrative enforcement body (行政执法机关) of the city, or the legal office itself."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("The short code the city uses for the department, e.g. ZJJ."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.CharField(_("region"), max_length=50)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    is_legal_office = models.BooleanField(_("is the legal office"), default=False)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_legal_office"],
                condition=models.Q(is_legal_office=True),
                name="one_legal_office",
                violation_error_message=_("There is already a legal office."),
            ),
        ]

    def __str__(self):
        return self.name
