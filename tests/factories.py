"""Factories for what tests build over and over. Each builds a valid row with plain defaults and
takes any field as a keyword: ``OfficerFactory(entity=published_a, name="王建国")``.

They write rows directly, as the registries hold them; a test of a domain action (issuing a
certificate, reviewing a decision) goes through the app's service instead. Where a stored date
follows a rule (a certificate's annual review, a plan's filing deadline), the factory asks the
rule's own function for it.

The personas of tests/conftest.py (legal_department, department_a, clerk_a, ...) are built here.
"""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory, Password

from cases.deadlines import filing_deadline
from entities.models import EnforcementEntity
from personnel.models import Certificate
from personnel.services import annual_review_due, certificate_number_prefix
from supervision.demo import demo_credit_code
from supervision.models import Jurisdiction, User
from supervision.validators import citizen_id_check_character
from training.models import ContentArea, Course
from training.services import plan_deadline

D = datetime.date
PASSWORD = "Test#2026pass"
PDF = b"%PDF-1.4\n%%EOF\n"


# Departments and users --------------------------------------------------------------------------


class DepartmentFactory(DjangoModelFactory):
    """An enforcement department T000, T001, ... of 宿州市 with a valid credit code; ``stem`` is
    the eight-digit organisation-code body the credit code is made of."""

    class Meta:
        model = "supervision.Department"

    class Params:
        stem = factory.Sequence(lambda n: f"0060{n:04d}")

    code = factory.Sequence(lambda n: f"T{n:03d}")
    name = factory.Sequence(lambda n: f"宿州市测试局{n:03d}")
    region = "宿州市"
    credit_code = factory.LazyAttribute(lambda o: demo_credit_code(o.stem))
    jurisdiction = factory.LazyFunction(lambda: Jurisdiction.objects.root())
    is_legal_office = False


class LegalOfficeFactory(DepartmentFactory):
    """The legal office, 宿州市人民政府法制办公室 (FZB): there is only one, so it is fetched
    when it exists."""

    class Meta:
        django_get_or_create = ("code",)

    class Params:
        stem = "00300001"

    code = "FZB"
    name = "宿州市人民政府法制办公室"
    is_legal_office = True


class UserFactory(DjangoModelFactory):
    """A user with the tests' password (tests.factories.PASSWORD); the role subclasses below say
    who."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    password = Password(PASSWORD)
    role = User.Role.CLERK
    department = None


class ClerkFactory(UserFactory):
    """A department clerk: of a new department unless one is given."""

    role = User.Role.CLERK
    department = factory.SubFactory(DepartmentFactory)


class LegalStaffFactory(UserFactory):
    """Legal-office staff, in the legal office."""

    role = User.Role.LEGAL_OFFICE
    department = factory.SubFactory(LegalOfficeFactory)


class SupervisorFactory(UserFactory):
    """An invited supervisor: no department; ``contact_departments`` (定点联系) are the departments
    whose records they read."""

    role = User.Role.SUPERVISOR

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def contact_departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.contact_departments.set(extracted)


class AdminFactory(UserFactory):
    """The system administrator (a superuser; the model makes the role ``admin``)."""

    role = User.Role.ADMIN
    is_superuser = True


# Enforcement entities and officers --------------------------------------------------------------


class EnforcementEntityFactory(DjangoModelFactory):
    """A statutory entity of a department, a draft with its establishment document (三定方案)
    attached; ``status=EnforcementEntity.Status.PUBLISHED`` for one that may enforce."""

    class Meta:
        model = EnforcementEntity

    department = factory.SubFactory(DepartmentFactory)
    name = factory.LazyAttribute(lambda o: f"{o.department.name}执法主体")
    kind = EnforcementEntity.Kind.STATUTORY
    legal_basis = "《中华人民共和国建筑法》第七条"
    status = EnforcementEntity.Status.DRAFT
    establishment_document = factory.django.FileField(filename="三定方案.pdf", data=PDF)


def _citizen_id(n: int) -> str:
    # Born on a different day for each n, so that the numbers never repeat.
    body = f"341302{D(1990, 1, 1) + datetime.timedelta(days=n):%Y%m%d}{n % 1000:03d}"
    return body + citizen_id_check_character(body)


class OfficerFactory(DjangoModelFactory):
    """An officer on the establishment and in post, in a published entity of their department."""

    class Meta:
        model = "personnel.Officer"

    entity = factory.SubFactory(EnforcementEntityFactory, status=EnforcementEntity.Status.PUBLISHED)
    department = factory.SelfAttribute("entity.department")
    name = factory.Sequence(lambda n: f"执法员{n}")
    citizen_id = factory.Sequence(_citizen_id)
    post = "执法科科员"
    on_establishment = True


class CertificateFactory(DjangoModelFactory):
    """A valid enforcement certificate issued 1 March 2025 for five years, numbered as the
    portal numbers them, its annual review due as the rule sets it for the next year."""

    class Meta:
        model = Certificate

    class Params:
        serial = factory.Sequence(lambda n: n + 1)

    officer = factory.SubFactory(OfficerFactory)
    kind = Certificate.Kind.ENFORCEMENT
    issued_on = D(2025, 3, 1)
    expires_on = factory.LazyAttribute(lambda o: o.issued_on + datetime.timedelta(days=5 * 365))
    number = factory.LazyAttribute(
        lambda o: (
            certificate_number_prefix(
                kind=o.kind, department=o.officer.department, year=o.issued_on.year
            )
            + f"{o.serial:05d}"
        )
    )
    review_due = factory.LazyAttribute(lambda o: annual_review_due(o.issued_on.year + 1))
    status = Certificate.Status.VALID


# Major decisions ---------------------------------------------------------------------------------


class MajorDecisionCategoryFactory(DjangoModelFactory):
    """An entry of a department's catalogue of major decisions, in use."""

    class Meta:
        model = "cases.MajorDecisionCategory"

    department = factory.SubFactory(DepartmentFactory)
    title = "对建设工程违法行为处以较大数额罚款"
    criteria = "对单位处20万元以上、对个人处5万元以上罚款。"


class MajorDecisionFactory(DjangoModelFactory):
    """A registered major decision awaiting its legal review, in a category of its department.
    Review, decision and filing are domain actions: take it further with cases.services."""

    class Meta:
        model = "cases.MajorDecision"

    department = factory.SubFactory(DepartmentFactory)
    category = factory.SubFactory(
        MajorDecisionCategoryFactory, department=factory.SelfAttribute("..department")
    )
    case_number = factory.Sequence(lambda n: f"宿建罚决〔2026〕{n + 1}号")
    title = "某置业有限公司未取得施工许可擅自施工案"
    party = "宿州某置业有限公司"
    summary = "经调查，当事人未取得施工许可证擅自施工，拟处罚款。"


# Training ----------------------------------------------------------------------------------------


class CourseFactory(DjangoModelFactory):
    """A 40-hour course organised by a department for its officers, ending 30 June 2026.
    ``department=None, open_to=[...]`` makes a centralised course open to those departments."""

    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"培训班{n + 1}")
    department = factory.SubFactory(DepartmentFactory)
    kind = factory.LazyAttribute(
        lambda o: Course.Kind.DEPARTMENT if o.department else Course.Kind.CENTRALISED
    )
    organiser = "宿州市人民政府法制办公室"
    ends_on = D(2026, 6, 30)
    starts_on = factory.LazyAttribute(lambda o: o.ends_on - datetime.timedelta(days=4))
    hours = Decimal("40")
    content_areas = factory.LazyFunction(lambda: [ContentArea.PENALTY_LAW, ContentArea.ETHICS])

    @factory.post_generation
    def open_to(self, create, departments, **kwargs):
        if create and departments:
            self.open_to.set(departments)


class TrainingRecordFactory(DjangoModelFactory):
    """An officer's 40 hours at a course of their department; they count in the course's year."""

    class Meta:
        model = "training.TrainingRecord"

    officer = factory.SubFactory(OfficerFactory)
    course = factory.SubFactory(
        CourseFactory, department=factory.SelfAttribute("..officer.department")
    )
    hours = Decimal("40")
    year = factory.LazyAttribute(lambda o: o.course.counts_in_year)


class AssessmentFactory(DjangoModelFactory):
    """A passed assessment (85 points) of 2026, taken on 1 November."""

    class Meta:
        model = "training.Assessment"

    officer = factory.SubFactory(OfficerFactory)
    year = 2026
    score = Decimal("85")
    passed = factory.LazyAttribute(lambda o: Decimal(o.score) >= 60)
    assessed_on = factory.LazyAttribute(lambda o: D(o.year, 11, 1))


class TrainingPlanFactory(DjangoModelFactory):
    """A department's training plan for 2026, registered and not filed; due when the rule says
    (31 January, moved to a working day)."""

    class Meta:
        model = "training.TrainingPlan"

    department = factory.SubFactory(DepartmentFactory)
    year = 2026
    courses_planned = 3
    hours_planned = Decimal("40")
    people = 8
    budget = Decimal("30000")
    due = factory.LazyAttribute(lambda o: plan_deadline(o.year).due)
    due_provisional = factory.LazyAttribute(lambda o: plan_deadline(o.year).provisional)


def decided_decision(department, made, filed=None, **values):
    """A major decision of ``department`` whose review passed, made on ``made`` (filed on
    ``filed``), its filing deadline counted by the rule unless ``filing_due`` is given."""
    category = department.decision_categories.first() or MajorDecisionCategoryFactory(
        department=department
    )
    values.setdefault("filing_due", filing_deadline(made).due)
    return MajorDecisionFactory(
        department=department,
        category=category,
        review_status="passed",
        decision_date=made,
        filed_on=filed,
        **values,
    )
