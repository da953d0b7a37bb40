from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import uploads
from .scoping import ScopedQuerySet
from .security import duties
from .validators import validate_credit_code


class JurisdictionQuerySet(models.QuerySet):
    def below(self, jurisdiction):
        """``jurisdiction`` and every jurisdiction below it, at any depth (one query)."""
        if jurisdiction is None:
            return self.none()
        return self.filter(path__startswith=jurisdiction.path)

    def root(self):
        return self.filter(parent__isnull=True).first()


class Jurisdiction(models.Model):
    """A level of government (行政区划, GB/T 2260): the city, a county or district, or a zone.

    Each has its own legal office, which handles the filings of the jurisdiction's departments and
    issues notices under its own name, number prefix and seal; it sees its jurisdiction and every
    one below it. ``path`` holds the codes from the top down, so the jurisdictions below one are a
    prefix match, whatever the depth of the tree.
    """

    code = models.CharField(
        _("administrative division code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", _("A division code has six digits (GB/T 2260)."))],
    )
    name = models.CharField(_("name"), max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("higher level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(max_length=140, unique=True, editable=False)
    office_name = models.CharField(
        _("legal office"), max_length=100, help_text=_("e.g. 砀山县人民政府法制办公室")
    )
    number_prefix = models.CharField(
        _("document number prefix"),
        max_length=20,
        unique=True,
        help_text=_("The prefix of the office's notice numbers, e.g. 砀法监通."),
    )
    seal_text = models.CharField(
        _("seal text"),
        max_length=100,
        blank=True,
        help_text=_("The words around the office's seal on its notices."),
    )

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent_id else "") + f"{self.code}/"
        super().save(*args, **kwargs)

    @property
    def is_top(self) -> bool:
        return self.parent_id is None

    def clean(self):
        if self.parent_id is None:
            if Jurisdiction.objects.filter(parent__isnull=True).exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"parent": _("Name the higher level: there is already a top jurisdiction.")}
                )
        elif self.pk and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": _("A jurisdiction cannot be below itself.")})


class DepartmentQuerySet(ScopedQuerySet):
    department_lookup = "pk"

    def for_user(self, user):
        # The administrator keeps the accounts, and a clerk's account names a department: the
        # departments (the organisation chart) are theirs to read, no registry behind them is.
        if user is not None and user.is_authenticated and user.is_active and user.is_administrator:
            return self.all()
        return super().for_user(user)

    def handled_by(self, user):
        """The departments whose filings ``user``'s legal office handles: those of its own
        jurisdiction (none for anyone else, the administrator included)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_legal_office and user.jurisdiction_id:
            return self.filter(jurisdiction=user.jurisdiction_id)
        return self.none()


class Department(models.Model):
    """An administrative enforcement body (行政执法机关) of one jurisdiction, or its legal office."""

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
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="departments",
    )
    is_legal_office = models.BooleanField(_("is the legal office"), default=False)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction"],
                condition=models.Q(is_legal_office=True),
                name="one_legal_office_per_jurisdiction",
                violation_error_message=_("This jurisdiction already has its legal office."),
            ),
        ]

    def __str__(self):
        return self.name


class UserQuerySet(ScopedQuerySet):
    pass


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMIN = "admin", _("System administrator")
        LEGAL_OFFICE = "legal_office", _("Legal office")
        CLERK = "clerk", _("Department clerk")
        SUPERVISOR = "supervisor", _("Invited supervisor")
        # 三权分立 (separation of duties): reads the audit trail and the security events, changes
        # nothing and reads no registry.
        AUDITOR = "auditor", _("Security auditor")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CLERK)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_(
            "The level of government whose legal office the user works in, or which appointed the "
            "supervisor. A clerk's is their department's."
        ),
    )
    # Security (issue 18): a password set by the administrator is changed at the first login; a
    # password older than PASSWORD_MAX_AGE_DAYS must be changed; logging out raises the session
    # generation, which ends every session of the user (it is part of the session's hash).
    # An invited supervisor's fixed-point contact (定点联系): the departments whose records they
    # read (``ScopedQuerySet.for_supervisor``). Kept here so the kernel's scoping can read it; the
    # rest of the supervisor's profile belongs to the ``supervisors`` app.
    contact_departments = models.ManyToManyField(
        Department,
        verbose_name=_("fixed-point contact departments"),
        blank=True,
        related_name="contact_supervisors",
    )
    must_change_password = models.BooleanField(_("must change password"), default=False)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="clerk") | Q(department__isnull=False),
                name="clerk_has_department",
                violation_error_message=_("A department clerk must belong to a department."),
            ),
        ]

    @property
    def supervises_departments(self) -> bool:
        """A legal office: which departments, ``for_user`` decides. Not the administrator, who
        keeps the accounts and reads no registry (三权分立)."""
        return self.role == self.Role.LEGAL_OFFICE and not self.is_superuser

    @property
    def reads_audit_trail(self) -> bool:
        """The legal office and the security auditor read the trail; the administrator reads its
        part about the accounts (``AuditEntry.objects.for_user`` says which entries)."""
        return (
            self.supervises_departments or self.is_administrator or self.role == self.Role.AUDITOR
        )

    def has_perm(self, perm, obj=None):
        # A superuser's every-permission shortcut stops at the accounts and the configuration:
        # the administrator's Django admin shows no registry (supervision/security/duties.py).
        if self.is_active and self.is_administrator:
            return duties.administrator_may(perm)
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        if self.is_active and self.is_administrator:
            return duties.administrator_may_enter(app_label)
        return super().has_module_perms(app_label)

    @property
    def is_legal_office(self) -> bool:
        return self.role == self.Role.LEGAL_OFFICE

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMIN or self.is_superuser

    @property
    def is_top_office(self) -> bool:
        """The legal office of the top jurisdiction (the city), or the administrator: the two
        who keep the national holiday calendar. Reading records is ``for_user``'s."""
        if self.is_administrator:
            return True
        return self.is_legal_office and self.jurisdiction is not None and self.jurisdiction.is_top

    def handles(self, department) -> bool:
        """Filings go to the legal office of the same level (同级政府法制机构): the office acts on
        its own jurisdiction's departments; it sees those below but does not handle them."""
        return (
            self.is_legal_office
            and department is not None
            and self.jurisdiction_id is not None
            and department.jurisdiction_id == self.jurisdiction_id
        )

    @property
    def is_clerk(self) -> bool:
        return self.role == self.Role.CLERK

    @property
    def is_supervisor(self) -> bool:
        return self.role == self.Role.SUPERVISOR

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def _get_session_auth_hash(self, secret=None):
        # Django ends a session whose stored hash no longer matches: the password changed, or
        # (here) the user logged out somewhere, which ends every other session too.
        key_salt = "supervision.User.get_session_auth_hash"
        return salted_hmac(
            key_salt,
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def save(self, *args, **kwargs):
        # Only the administrator enters the Django admin; the role decides it, not a checkbox.
        if self.is_superuser:
            self.role = self.Role.ADMIN
        self.is_staff = self.role == self.Role.ADMIN
        if self.department_id:
            self.jurisdiction_id = self.department.jurisdiction_id
        elif self.jurisdiction_id is None and self.role != self.Role.ADMIN:
            top = Jurisdiction.objects.root()
            self.jurisdiction_id = top.pk if top else None
        super().save(*args, **kwargs)


def _shown(value):
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


class AuditEntryQuerySet(models.QuerySet):
    def for_user(self, user):
        """The whole trail for the security auditor and the top office; a legal office reads the
        entries of its jurisdiction and those below; the administrator those about what they
        keep (accounts and their logins, departments, configuration), without the searches and
        exports of registries; nobody else reads the trail as a whole."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role == user.Role.AUDITOR or (user.is_legal_office and user.is_top_office):
            return self.all()
        if user.is_administrator:
            return self.filter(content_type__in=duties.administered_content_types()).exclude(
                action__in=[AuditEntry.Action.EXPORT, AuditEntry.Action.SEARCH_CITIZEN_ID]
            )
        if user.is_legal_office and user.jurisdiction_id:
            return self.filter(
                jurisdiction__in=Jurisdiction.objects.below(user.jurisdiction).values("pk")
            )
        return self.none()

    def for_record(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )

    def security_events(self):
        """Logins, lockouts, refusals, exports, searches by citizen ID number, identity releases:
        the entries an auditor reviews (GB/T 22239-2019 8.1.4.3 安全审计)."""
        return self.filter(action__in=AuditEntry.SECURITY_ACTIONS)


class AuditEntry(models.Model):
    """Who did what to which record, when, with the fields before and after.

    Written by ``supervision.audit.record`` in the same transaction as the change it describes.
    """

    class Action(models.TextChoices):
        """Every action the audit trail knows; ``audit.record`` refuses any other, so a registry
        that needs a new verb adds it here, with its label."""

        CREATE = "create", _("created")
        REGISTER = "register", _("registered")
        OPEN = "open", _("opened")  # a register that is created by opening it (a catalogue)
        OPEN_TO = "open_to", _("opened to departments")  # who may attend a centralised course
        CHANGE = "change", _("changed")
        DELETE = "delete", _("deleted")
        SUBMIT = "submit", _("submitted")
        RESUBMIT = "resubmit", _("resubmitted")
        APPROVE = "approve", _("approved")
        REJECT = "reject", _("rejected")
        PUBLISH = "publish", _("published")
        REVOKE = "revoke", _("revoked")
        TERMINATE = "terminate", _("terminated")
        WITHHOLD = "withhold", _("withheld")
        RESTORE = "restore", _("restored")
        EXPIRE = "expire", _("expired")
        REVIEW_PASSED = "review_passed", _("legal review passed")
        REVIEW_FAILED = "review_failed", _("legal review failed")
        CORRECT_DECISION_DATE = "correct_decision_date", _("decision date corrected")
        DECIDE = "decide", _("recorded as made")
        FILE = "file", _("filed")
        RECEIVE_FILING = "receive_filing", _("filing received")
        RETURN_FILING = "return_filing", _("filing returned")
        RECORD = "record", _("recorded")
        VERIFY = "verify", _("verified")
        DISMISS = "dismiss", _("dismissed")
        ISSUE = "issue", _("issued")
        READ = "read", _("read")
        IMPORT = "import", _("imported")
        UPLOAD = "upload", _("uploaded")
        ATTACH = "attach", _("attachment added")
        DETACH = "detach", _("attachment removed")
        ADD_ITEMS = "add_items", _("items added")
        REPLACE_ITEMS = "replace_items", _("items replaced")
        REMOVE_ITEM = "remove_item", _("item removed")
        RECOMPUTE_DUE = "recompute_due", _("deadline recomputed")
        # Security events (issue 18), recorded against the user they concern.
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("login failed")
        LOCKOUT = "lockout", _("locked out after repeated login failures")
        UNLOCK = "unlock", _("login lockout lifted")
        LOGOUT = "logout", _("logged out")
        PASSWORD_CHANGE = "password_change", _("password changed")
        PERMISSION_DENIED = "permission_denied", _("permission denied")
        EXPORT = "export", _("exported")
        TOKEN_ISSUE = "token_issue", _("API token issued")
        TOKEN_REVOKE = "token_revoke", _("API token revoked")
        ARCHIVE = "archive", _("audit entries archived")
        TWO_FACTOR_ENROLL = "two_factor_enroll", _("two-factor app registered")
        TWO_FACTOR_FAILED = "two_factor_failed", _("two-factor code wrong")
        SEARCH_CITIZEN_ID = "search_citizen_id", _("searched by citizen ID number")
        SHOW_CITIZEN_ID = "show_citizen_id", _("citizen ID number shown in full")
        VOID = "void", _("voided")
        # Findings and rectification (整改).
        RAISE = "raise", _("finding raised")
        ORDER = "order", _("rectification ordered")
        CONFIRM = "confirm", _("confirmed at the follow-up check")
        REOPEN = "reopen", _("reopened at the follow-up check")
        WITHDRAW = "withdraw", _("withdrawn")
        # Case-file evaluation campaigns (案卷评查).
        DRAW_SAMPLE = "draw_sample", _("sample drawn")
        ADD_TO_SAMPLE = "add_to_sample", _("added to the sample")
        DROP_FROM_SAMPLE = "drop_from_sample", _("dropped from the sample")
        SCORE = "score", _("scored")
        SETTLE = "settle", _("final score settled")
        APPEAL = "appeal", _("score contested")
        DECIDE_APPEAL = "decide_appeal", _("appeal decided")
        ANSWER = "answer", _("answer recorded")
        HOLD_TALK = "hold_talk", _("formal talk held")
        REPORT = "report", _("reported")
        VIEW = "view", _("viewed")
        TRANSFER = "transfer", _("transferred")
        # Complaints (投诉举报): the legal office's triage, handling and privacy decisions.
        ACCEPT = "accept", _("accepted")
        REFER = "refer", _("referred elsewhere")
        REFUSE = "refuse", _("refused")
        ASSIGN = "assign", _("assigned to the department")
        EXTEND = "extend", _("extended")
        RETURN = "return", _("returned")
        RELEASE_IDENTITY = "release_identity", _("complainant's identity released")
        # Publication (执法公示): the filing review of normative documents, benchmark versions.
        REVIEW_NO_PROBLEM = "review_no_problem", _("filing review: no problem found")
        REVIEW_PROBLEM_FOUND = "review_problem_found", _("filing review: problem found")
        RETURN_FOR_CORRECTION = "return_for_correction", _("returned for correction")
        REVISE = "revise", _("new version opened")
        SUPERSEDE = "supersede", _("superseded")
        REPEAL = "repeal", _("repealed")
        FINALISE = "finalise", _("made final")
        # Special inspections (执法监督专项检查).
        START = "start", _("started")
        CONCLUDE = "conclude", _("concluded")
        # Invited supervisors (特邀监督员): the legal office's review of a quarterly report.
        REVIEW = "review", _("reviewed")
        CLOSE = "close", _("closed")

    SECURITY_ACTIONS = frozenset(
        {
            Action.LOGIN,
            Action.LOGIN_FAILED,
            Action.LOCKOUT,
            Action.UNLOCK,
            Action.LOGOUT,
            Action.PASSWORD_CHANGE,
            Action.PERMISSION_DENIED,
            Action.EXPORT,
            Action.TOKEN_ISSUE,
            Action.TOKEN_REVOKE,
            Action.ARCHIVE,
            Action.TWO_FACTOR_ENROLL,
            Action.TWO_FACTOR_FAILED,
            Action.SEARCH_CITIZEN_ID,
            Action.RELEASE_IDENTITY,
        }
    )

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set by the writer before the entry is sealed (not auto_now_add: the seal covers it).
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Whose work the entry records: the legal offices of it and above read it."),
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # Tamper evidence (supervision/security/chain.py): the entry's place in the chain and the
    # keyed hash of its content and of the entry before it.
    chain_seq = models.PositiveBigIntegerField(_("chain position"), null=True, unique=True)
    chain_hash = models.CharField(_("chain hash"), max_length=64, blank=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self):
        return f"{self.object_repr}: {self.action}"

    @property
    def changes(self):
        """(field, before, after) for every field the entry changed."""
        before, after = self.before or {}, self.after or {}
        return [
            (name, before.get(name), after.get(name))
            for name in sorted(set(before) | set(after))
            if before.get(name) != after.get(name)
        ]

    @property
    def labelled_changes(self):
        """``changes`` with each field named as the record's form names it."""
        model = self.content_type.model_class()
        names = {}
        if model is not None:
            for field in model._meta.concrete_fields:
                names[field.attname] = names[field.name] = str(field.verbose_name)
        return [
            (names.get(name, name), _shown(old), _shown(new)) for name, old, new in self.changes
        ]

    @property
    def action_label(self) -> str:
        """The verb in the record type's words (``audit.label_action``)."""
        from .audit import action_label

        return action_label(self)


class HolidaySchedule(models.Model):
    """The legal office's entry of one year's holiday schedule (国务院办公厅关于放假安排的通知).

    Once a year has a schedule, its deadlines are no longer provisional; its days (``ScheduleDay``)
    win over the chinese-calendar package.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("e.g. 国办发明电〔2026〕7号")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("holiday schedule")
        verbose_name_plural = _("holiday schedules")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class ScheduleDay(models.Model):
    """A holiday on a weekday, or a weekend day made a working day (调休)."""

    schedule = models.ForeignKey(
        HolidaySchedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="days"
    )
    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    name = models.CharField(
        _("name"), max_length=50, blank=True, help_text=_("e.g. 国庆节, 调休上班")
    )

    class Meta:
        verbose_name = _("schedule day")
        verbose_name_plural = _("schedule days")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day} {self.name}"


class NoticeQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """A clerk reads their department's notices and the bulletins of their own jurisdiction's
        office to all its departments; a legal office reads what it and the offices below it
        issued, and what was addressed to its jurisdiction or one below."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clerk:
            if not user.department_id:
                return self.none()
            # A bulletin to every department is read by each department on its own.
            reading = NoticeReading.objects.filter(
                notice=models.OuterRef("pk"), department=user.department_id
            ).values("read_at")[:1]
            # A copy (抄送) is read too; a subquery, so a notice copied to many is listed once.
            copied = Notice.copy_to_departments.through.objects.filter(
                department=user.department_id
            ).values("notice")
            return self.filter(
                Q(department=user.department_id)
                | Q(
                    department__isnull=True,
                    addressee_jurisdiction__isnull=True,
                    office=user.jurisdiction_id,
                )
                | Q(pk__in=copied)
            ).annotate(reading_at=models.Subquery(reading))
        if user.is_legal_office and user.jurisdiction and not user.jurisdiction.is_top:
            below = Jurisdiction.objects.below(user.jurisdiction).values("pk")
            departments = Department.objects.filter(jurisdiction__in=below).values("pk")
            return self.filter(
                Q(office__in=below)
                | Q(addressee_jurisdiction__in=below)
                | Q(department__in=departments)
            )
        return super().for_user(user)

    def for_other_roles(self, user):
        # A notice to a person (an invited supervisor's quarterly reminder) is theirs alone.
        return self.filter(addressee_user=user.pk)


class Notice(models.Model):
    """A notice (通知/通报): a snapshot of what it said when issued, with its document number."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        OVERDUE = "overdue", _("Overdue notice")
        BULLETIN = "bulletin", _("Bulletin")
        CRITICISM = "criticism", _("Criticism")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    rule = models.CharField(_("rule"), max_length=40, blank=True)
    object_key = models.CharField(_("subject of the notice"), max_length=100)
    # The id of the row the notice is about, when its key names one ("<rule>:<id>"): the deadline
    # rules find the rows already told with an index on it, not by building each row's key.
    object_id = models.BigIntegerField(_("id of the subject"), null=True, blank=True)
    # A notice about a subject for a period (a department's plan of a year, an office's quarter):
    # the subject's id above and the period here, found through the same index.
    period = models.CharField(_("period"), max_length=20, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("addressee department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
    )
    addressee_jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("addressee government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices_received",
        help_text=_("A notice to the government of a jurisdiction below, not to a department."),
    )
    addressee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("addressee person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices_received",
        help_text=_("A notice to one person (an invited supervisor), not to a department."),
    )
    office = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("issuing jurisdiction"),
        on_delete=models.PROTECT,
        related_name="notices_issued",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("document number"), max_length=40, unique=True)
    addressee = models.CharField(_("addressee"), max_length=200)
    subject = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    due_date = models.DateField(_("deadline"), null=True, blank=True)
    explanation = models.TextField(_("how the deadline was computed"), blank=True)
    office_name = models.CharField(_("issuing office"), max_length=100)
    seal_text = models.CharField(_("seal text"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # 抄送: departments (or offices) sent a copy; they read it, they owe no answer. ``copy_to`` is
    # the 版记's line as issued: their names, kept like the rest of the snapshot.
    copy_to_departments = models.ManyToManyField(
        Department,
        verbose_name=_("copied to"),
        blank=True,
        related_name="notices_copied",
    )
    copy_to = models.CharField(_("copy-to line"), max_length=500, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # 作废: a voided notice keeps its number and shows as void everywhere; a corrected one may
    # replace it, citing it (``replaces``).
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-issued_on", "-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "object_key", "kind"], name="notice_once_per_rule_object_kind"
            ),
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="notice_sequence_per_office_and_year"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "-issued_on"], name="notice_inbox"),
            models.Index(
                fields=["rule", "kind", "object_id", "period"],
                name="notice_rule_kind_object_period",
                condition=Q(object_id__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.subject}"

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    @property
    def read_on(self):
        """When the reader's department read it: its own ``read_at``, or, for a bulletin to every
        department, that department's reading (annotated by ``for_user`` for a clerk)."""
        return self.read_at or getattr(self, "reading_at", None)


class DocumentSequence(models.Model):
    """The last document number an office used in a year; locked while numbers are handed out."""

    office = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="one_sequence_per_office_year")
        ]

    def __str__(self):
        return f"{self.office_id}/{self.year}: {self.last}"


class NoticeReply(models.Model):
    """A department's answer to a notice (整改回复)."""

    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("reply"))
    attachment = models.FileField(
        _("attachment"),
        upload_to=uploads.RandomName("notices/replies"),
        blank=True,
        validators=uploads.validators(uploads.ATTACHMENTS),
    )
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("replied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.notice.number}: {self.text[:30]}"


class NoticeReading(models.Model):
    """That a department has read a bulletin addressed to every department (a notice to one
    department keeps its own ``read_at``)."""

    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="readings"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(_("read at"), auto_now_add=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reading of a notice")
        verbose_name_plural = _("readings of notices")
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "department"], name="notice_read_once_per_department"
            )
        ]

    def __str__(self):
        return f"{self.notice_id} {self.department_id}"


class DocumentDraftQuerySet(ScopedQuerySet):
    def for_user(self, user):
        # Drafts are the issuing office's own: nobody else sees them.
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_legal_office and user.jurisdiction_id:
            return self.filter(office=user.jurisdiction_id)
        return self.none()


class DocumentDraft(models.Model):
    """A bulletin (通报) or a criticism (通报批评) being written: previewed as the PDF it will be,
    its covering text edited, and only then issued, when it takes its number."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=[
            (Notice.Kind.BULLETIN, Notice.Kind.BULLETIN.label),
            (Notice.Kind.CRITICISM, Notice.Kind.CRITICISM.label),
        ],
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("addressee department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: every department."),
    )
    office = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("issuing jurisdiction"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    addressee_jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("addressee government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A notice to the government of a jurisdiction below, not to a department."),
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    subject = models.CharField(_("title"), max_length=200)
    opening = models.TextField(_("covering text"))
    items = models.JSONField(_("items"), default=list, blank=True)
    closing = models.TextField(_("closing text"), blank=True)
    replaces = models.ForeignKey(
        Notice,
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    copy_to_departments = models.ManyToManyField(
        Department, verbose_name=_("copied to"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    notice = models.OneToOneField(
        Notice,
        verbose_name=_("issued as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="draft",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("drafted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DocumentDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft document")
        verbose_name_plural = _("draft documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", notice__isnull=True)
                | Q(status="issued", notice__isnull=False),
                name="document_draft_issued_with_its_notice",
            ),
            models.CheckConstraint(
                condition=~Q(kind="criticism") | Q(department__isnull=False),
                name="document_draft_criticism_names_a_department",
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("document-draft", args=[self.pk])


class DeadlineCheckRun(models.Model):
    """A run of the daily deadline checks for a day (the last one's figures show on the calendar
    page); run again for the same day, it is updated."""

    day = models.DateField(_("day checked"), unique=True)
    working_day = models.BooleanField(_("working day"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    reminders = models.PositiveIntegerField(_("reminders issued"), default=0)
    overdue = models.PositiveIntegerField(_("overdue notices issued"), default=0)
    changed = models.PositiveIntegerField(_("records changed"), default=0)

    class Meta:
        verbose_name = _("run of the deadline checks")
        verbose_name_plural = _("runs of the deadline checks")
        ordering = ["-finished_at"]

    def __str__(self):
        return f"{self.day}: {self.reminders}/{self.overdue}/{self.changed}"


# Findings and rectification (整改) live in their own module; Django finds them through this one.
from .models_rectification import (  # noqa: E402, F401
    Finding,
    FindingQuerySet,
    RectificationReport,
)


class AssessmentAdjustmentQuerySet(ScopedQuerySet):
    pass


class AssessmentAdjustment(models.Model):
    """A manual item of a department's annual assessment sheet (依法行政考核), entered by the legal
    office of the department's jurisdiction with its reasons: points off (negative) or, where the
    year's indicators allow it, points added (positive)."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="assessment_adjustments",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    points = models.DecimalField(
        _("points"),
        max_digits=4,
        decimal_places=1,
        help_text=_("Negative to deduct, positive to add, e.g. -2 or 1.5."),
    )
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    objects = AssessmentAdjustmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("manual assessment item")
        verbose_name_plural = _("manual assessment items")
        ordering = ["department", "year", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(points=0) & Q(points__gte=-100) & Q(points__lte=100),
                name="adjustment_points_in_range",
                violation_error_message=_("Points are between -100 and 100, and not 0."),
            ),
        ]
        indexes = [models.Index(fields=["year", "department"])]

    def __str__(self):
        return _("%(department)s, %(year)s: %(points)s points") % {
            "department": self.department,
            "year": self.year,
            "points": self.points,
        }

    @property
    def jurisdiction_id(self):
        """Whose work the audit entry records: the department's jurisdiction's."""
        return self.department.jurisdiction_id


# The security doors' own records (issue 18) live beside them, in supervision/security/.
from .security.models import ApiToken, AuditChainHead, PasswordHistory  # noqa: E402, F401


class AssessmentIndicator(models.Model):
    """What one indicator of the annual assessment is worth in a year (the year's template of
    indicators, kept by the city's legal office): the most its deduction takes and what each item
    costs. A year without a row for a rule uses the rule's own values
    (``supervision.dashboard.indicators``)."""

    year = models.PositiveSmallIntegerField(_("year"))
    rule = models.CharField(_("indicator"), max_length=50)
    max_points = models.DecimalField(_("points"), max_digits=4, decimal_places=1)
    per_item = models.DecimalField(_("points per item"), max_digits=4, decimal_places=1)
    basis = models.CharField(_("how the points are counted"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("assessment indicator")
        verbose_name_plural = _("assessment indicators")
        ordering = ["year", "rule"]
        constraints = [
            models.UniqueConstraint(fields=["year", "rule"], name="one_indicator_per_rule_a_year"),
            models.CheckConstraint(
                condition=Q(max_points__gte=0)
                & Q(max_points__lte=100)
                & Q(per_item__gte=0)
                & Q(per_item__lte=100),
                name="indicator_points_in_range",
                violation_error_message=_("Points are between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.rule}"


class AssessmentRound(models.Model):
    """The year's assessment as the city's legal office takes it through: the draft sheets
    published to the departments, contested within 5 working days, then final — a snapshot of
    every sheet and the ranking, issued as a numbered bulletin."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published for comments")
        FINAL = "final", _("Final")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    published_on = models.DateField(_("published on"))
    contest_due = models.DateField(_("contests until"))
    finalised_on = models.DateField(_("made final on"), null=True, blank=True)
    # The final sheets as they stood: [{department, code, jurisdiction, rank, score, deducted,
    # lines: [{rule, label, max_points, points, note, items}], adjustments: [...]}].
    sheets = models.JSONField(_("final sheets"), default=list, blank=True, editable=False)
    bulletin = models.ForeignKey(
        "supervision.Notice",
        verbose_name=_("bulletin"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-year"]

    def __str__(self):
        return _("Assessment %(year)d") % {"year": self.year}

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class AssessmentContestQuerySet(ScopedQuerySet):
    pass


class Contest(models.Model):
    """What a department contests within a period after publication (a score, an item of its
    assessment sheet), and the decision with reasons: who filed it and when, who decided and
    when. A concrete model adds what is contested, its ``decision`` choices and the grounds."""

    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_on = models.DateField(_("filed on"))
    reasons = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    #: The label of a contest's outcome, 处理结果: "decision" alone reads 审核结果 (a review's).
    #: Concrete contests name their ``decision`` field, forms and serializers with it.
    DECISION_LABEL = pgettext_lazy("contest", "decision")

    class Meta:
        abstract = True


class AssessmentContest(Contest):
    """A department contests an item of its published draft sheet (an indicator's deduction or a
    manual item) within 5 working days; the legal office decides with reasons."""

    class Decision(models.TextChoices):
        PENDING = "", _("Awaiting a decision")
        UPHELD = "upheld", _("Upheld: points restored")
        REJECTED = "rejected", _("Rejected")

    round = models.ForeignKey(
        AssessmentRound,
        verbose_name=_("assessment"),
        on_delete=models.PROTECT,
        related_name="contests",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.CharField(_("item contested"), max_length=200)
    grounds = models.TextField(_("grounds"))
    decision = models.CharField(
        Contest.DECISION_LABEL, max_length=20, choices=Decision.choices, blank=True, default=""
    )
    points = models.DecimalField(
        _("points restored"), max_digits=4, decimal_places=1, null=True, blank=True
    )

    objects = AssessmentContestQuerySet.as_manager()

    class Meta:
        verbose_name = _("contested assessment item")
        verbose_name_plural = _("contested assessment items")
        ordering = ["round", "department", "filed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "department", "item"], name="an_item_is_contested_once"
            ),
        ]

    def __str__(self):
        return _("%(department)s contests %(item)s") % {
            "department": self.department.name,
            "item": self.item,
        }

    @property
    def jurisdiction_id(self):
        return self.department.jurisdiction_id
