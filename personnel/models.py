from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from entities.models import EnforcementEntity
from supervision import uploads
from supervision.models import Department
from supervision.scoping import ScopedQuerySet
from supervision.validators import mask_citizen_id, validate_citizen_id


class CitizenIdMixin:
    """Who may read a citizen ID number in full: the record's own department and the legal office,
    on the person's own page, on demand (``services.citizen_id_show``, audited). Lists, exports
    and the API show it masked to everyone."""

    @property
    def masked_citizen_id(self) -> str:
        return mask_citizen_id(self.citizen_id)

    def shows_citizen_id_to(self, user) -> bool:
        return bool(
            user is not None
            and user.is_authenticated
            and (user.supervises_departments or user.department_id == self.department_id)
        )


class PersonnelQuerySet(ScopedQuerySet):
    def for_other_roles(self, user):
        # Invited supervisors read the rosters of the departments of their fixed-point contact
        # (ID numbers masked); they change nothing.
        return self.for_supervisor(user)


class OfficerQuerySet(PersonnelQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department", "entity")


class Officer(CitizenIdMixin, models.Model):
    """An enforcement officer (执法人员) of a department, serving in one of its entities."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    citizen_id = models.CharField(
        _("citizen ID number"),
        max_length=18,
        unique=True,
        validators=[validate_citizen_id],
        error_messages={"unique": _("An officer with this citizen ID number is registered.")},
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="officers"
    )
    entity = models.ForeignKey(
        EnforcementEntity,
        verbose_name=_("enforcement entity"),
        on_delete=models.PROTECT,
        related_name="officers",
    )
    post = models.CharField(_("post"), max_length=100)
    on_establishment = models.BooleanField(
        _("on the establishment and in post (在编在岗)"), default=True
    )
    # Uploaded by the department; shown only on the public verification page of a valid or
    # withheld certificate, so that a citizen can match the person (never in lists or searches).
    photo = models.FileField(
        _("photo"),
        upload_to=uploads.RandomName("private/personnel/photos"),
        blank=True,
        validators=uploads.validators(uploads.PHOTOS),
        help_text=_(
            "A recent head-and-shoulders photo (JPEG or PNG), shown to the public only on the"
            " verification page of a valid or withheld certificate."
        ),
    )
    photo_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The stored standing (see ``supervision.eligibility``): whether the officer may enforce, as
    # the registered checks answered on ``standing_from``, holding through ``standing_through``.
    # Forgotten (set to null) whenever what the checks read changes; the public lookup reads it.
    standing_from = models.DateField(null=True, editable=False)
    standing_through = models.DateField(null=True, editable=False)
    standing_may_enforce = models.BooleanField(null=True, editable=False)
    # Counts the changes, so that a standing computed before one is never stored after it.
    standing_version = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    audit_exclude = (
        "standing_from",
        "standing_through",
        "standing_may_enforce",
        "standing_version",
    )

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("enforcement officer")
        verbose_name_plural = _("enforcement officers")
        # Departments by id (the column: "department" would follow Department's order by code), so
        # PostgreSQL reads a page straight from the index below; by code it sorts the first
        # department's officers for every page (18 ms for 10,000).
        ordering = ["department_id", "name", "id"]
        indexes = [
            models.Index(fields=["name"], name="officer_name"),
            models.Index(fields=["department", "name", "id"], name="officer_list_order"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("personnel:officer-detail", args=[self.pk])

    def clean(self):
        if (
            self.entity_id
            and self.department_id
            and self.entity.department_id != self.department_id
        ):
            raise ValidationError(
                {"entity": _("The entity must belong to the officer's own department.")}
            )


class AuxiliaryStaffQuerySet(PersonnelQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department")


class AuxiliaryStaff(CitizenIdMixin, models.Model):
    """Auxiliary enforcement staff (执法辅助人员): they assist officers and never hold a certificate."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    citizen_id = models.CharField(
        _("citizen ID number"),
        max_length=18,
        unique=True,
        validators=[validate_citizen_id],
        error_messages={"unique": _("Auxiliary staff with this citizen ID number is registered.")},
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="auxiliary_staff",
    )
    duties = models.TextField(_("duties allowed"))
    contract_starts_on = models.DateField(_("contract starts on"))
    contract_ends_on = models.DateField(_("contract ends on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AuxiliaryStaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("auxiliary staff member")
        verbose_name_plural = _("auxiliary staff")
        ordering = ["department__code", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_ends_on__gt=models.F("contract_starts_on")),
                name="auxiliary_contract_ends_after_start",
                violation_error_message=_("The contract must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if (
            self.contract_starts_on
            and self.contract_ends_on
            and self.contract_ends_on <= self.contract_starts_on
        ):
            raise ValidationError({"contract_ends_on": _("The contract must end after it starts.")})


class CertificateQuerySet(PersonnelQuerySet):
    department_lookup = "officer__department"

    def for_user(self, user):
        return super().for_user(user).select_related("officer__department", "officer__entity")

    def showing_photo(self, day):
        """Certificates whose public verification page shows the officer's photo on ``day``:
        valid or withheld, not past their expiry, the officer with a photo."""
        return self.filter(status__in=Certificate.PHOTO_STATUSES, expires_on__gte=day).exclude(
            officer__photo=""
        )


class Certificate(models.Model):
    """A certificate (执法证件). Numbers read 皖 + kind code + department code + nine digits: the
    year of issue and a sequence per kind, department and year, e.g. 皖ZFZJJ202600007."""

    class Kind(models.TextChoices):
        ENFORCEMENT = "enforcement", _("Enforcement certificate (行政执法证)")
        SUPERVISION = "supervision", _("Supervision certificate (行政执法监督证)")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        WITHHELD = "withheld", _("Withheld (暂扣)")
        REVOKED = "revoked", _("Revoked (收回)")
        EXPIRED = "expired", _("Expired")

    officer = models.ForeignKey(
        Officer, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="certificates"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(
        _("certificate number"),
        max_length=40,
        unique=True,
        error_messages={"unique": _("This certificate number is already in use.")},
    )
    issued_on = models.DateField(pgettext_lazy("certificate", "issued on"))
    expires_on = models.DateField(_("expires on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VALID
    )
    status_reason = models.TextField(_("reasons for the last status change"), blank=True)
    review_due = models.DateField(
        _("annual review due by"),
        help_text=_("The grace date by which the next annual review must have passed."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")),
                name="certificate_expires_after_issue",
                violation_error_message=_("The expiry date must be after the issue date."),
            ),
            # One current certificate of each kind per officer: a new one replaces a revoked or
            # expired one, never stands beside a valid or withheld one.
            models.UniqueConstraint(
                fields=["officer", "kind"],
                condition=Q(status__in=["valid", "withheld"]),
                name="one_current_certificate_per_kind",
                violation_error_message=_(
                    "The officer already holds a valid or withheld certificate of this kind."
                ),
            ),
        ]
        indexes = [
            # The list's order, so that a page reads 50 index entries instead of sorting them all.
            models.Index(fields=["-issued_on", "-id"], name="certificate_list_order"),
            # The certificate_expiry rule reads valid (and just expired) certificates by their
            # expiry, the annual_review rule valid ones by their review's due date.
            models.Index(
                fields=["expires_on"],
                name="certificate_expires_on",
                condition=Q(status__in=["valid", "expired"]),
            ),
            models.Index(
                fields=["review_due"],
                name="certificate_valid_review_due",
                condition=Q(status="valid"),
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("personnel:certificate-detail", args=[self.pk])

    def clean(self):
        if self.issued_on and self.expires_on and self.expires_on <= self.issued_on:
            raise ValidationError(
                {"expires_on": _("The expiry date must be after the issue date.")}
            )

    # The citizen matches the person on the verification page of these certificates only.
    PHOTO_STATUSES = ("valid", "withheld")

    def shows_photo_on(self, day) -> bool:
        return bool(
            self.status in self.PHOTO_STATUSES and self.expires_on >= day and self.officer.photo
        )

    def is_valid_on(self, day) -> bool:
        """Valid in status and in date: a valid certificate past its expiry day does not count."""
        return self.status == self.Status.VALID and self.issued_on <= day <= self.expires_on

    def public_url(self) -> str:
        return reverse("public:certificate", args=[self.number])


class AnnualReviewQuerySet(PersonnelQuerySet):
    department_lookup = "certificate__officer__department"

    def for_user(self, user):
        return (
            super()
            .for_user(user)
            .select_related(
                "certificate__officer__department", "certificate__officer__entity", "recorded_by"
            )
        )


class AnnualReview(models.Model):
    """The annual review (年审注册) of one certificate for one year."""

    class Result(models.TextChoices):
        PASSED = "passed", pgettext_lazy("annual review", "Passed")
        FAILED = "failed", pgettext_lazy("annual review", "Failed")

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.PROTECT, related_name="reviews"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    reviewed_on = models.DateField(_("reviewed on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AnnualReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual review")
        verbose_name_plural = _("annual reviews")
        # The year's reviews, the latest recorded first: an order the index below serves (sorting
        # 800,000 reviews by their certificate's number across a join took every page seconds).
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "year"],
                name="one_review_per_certificate_and_year",
                violation_error_message=_("This certificate's review for this year is recorded."),
            ),
        ]
        indexes = [models.Index(fields=["-year", "-id"], name="annual_review_list_order")]

    def __str__(self):
        return f"{self.certificate.number} {self.year}"


class ConductCategory(models.Model):
    """A common bad-conduct situation, kept by the administrator (the list clerks choose from)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    # A row, not a choice in the code: its English name is kept beside it for English pages.
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("bad-conduct category")
        verbose_name_plural = _("bad-conduct categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language: the English one on English pages, when kept."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class ConductRecordQuerySet(PersonnelQuerySet):
    department_lookup = "officer__department"

    def for_user(self, user):
        return (
            super()
            .for_user(user)
            .select_related("officer__department", "officer__entity", "category")
        )

    def verified(self):
        return self.filter(status=ConductRecord.Status.VERIFIED)


class ConductRecord(models.Model):
    """A bad-conduct record (不良执法行为档案): reported, then verified or dismissed by the legal office."""

    class Source(models.TextChoices):
        SUPERVISION = "supervision", _("Supervision")
        COMPLAINT = "complaint", _("Complaint")
        CASE_REVIEW = "case_review", _("Case-file review")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        VERIFIED = "verified", _("Verified")
        DISMISSED = "dismissed", _("Dismissed")

    officer = models.ForeignKey(
        Officer,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="conduct_records",
    )
    occurred_on = models.DateField(_("occurred on"))
    category = models.ForeignKey(
        ConductCategory,
        verbose_name=pgettext_lazy("conduct", "category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"))
    source = models.CharField(
        pgettext_lazy("conduct", "source"), max_length=20, choices=Source.choices
    )
    evidence = models.FileField(
        _("evidence"),
        upload_to=uploads.RandomName("personnel/evidence"),
        blank=True,
        validators=uploads.validators(uploads.DOCUMENTS),
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REPORTED
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ConductRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("bad-conduct record")
        verbose_name_plural = _("bad-conduct records")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["status", "occurred_on"], name="conduct_status_occurred"),
        ]

    def __str__(self):
        return f"{self.officer} {self.occurred_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("personnel:conduct-detail", args=[self.pk])


class OfficerImportQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department", "uploaded_by")


class OfficerImport(models.Model):
    """An uploaded roster, kept between its preview and the confirmation that imports it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        IMPORTED = "imported", _("Imported")

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(
        _("file"),
        upload_to=uploads.RandomName("personnel/imports"),
        blank=True,
        validators=uploads.sheet_validators(),
    )
    original_name = models.CharField(_("file name"), max_length=200)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    objects = OfficerImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("officer import")
        verbose_name_plural = _("officer imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.original_name
