"""The factories of tests/factories.py build rows the portal itself would accept."""

import pytest

from tests import factories
from tests.factories import PASSWORD

EVERY_FACTORY = [
    factories.DepartmentFactory,
    factories.LegalOfficeFactory,
    factories.ClerkFactory,
    factories.LegalStaffFactory,
    factories.SupervisorFactory,
    factories.AdminFactory,
    factories.EnforcementEntityFactory,
    factories.OfficerFactory,
    factories.CertificateFactory,
    factories.MajorDecisionCategoryFactory,
    factories.MajorDecisionFactory,
    factories.CourseFactory,
    factories.TrainingRecordFactory,
    factories.AssessmentFactory,
    factories.TrainingPlanFactory,
]


@pytest.mark.parametrize("factory", EVERY_FACTORY, ids=lambda f: f.__name__)
def test_the_defaults_make_valid_rows_twice(db, factory):
    first, second = factory(), factory()
    for row in (first, second):
        row.full_clean()
    assert first.pk != second.pk or factory is factories.LegalOfficeFactory


def test_there_is_one_legal_office_and_its_staff_work_there(db):
    staff = factories.LegalStaffFactory()
    assert staff.department == factories.LegalOfficeFactory()
    assert (staff.department.code, staff.department.name) == ("FZB", "宿州市人民政府法制办公室")


def test_users_sign_in_with_the_tests_password_and_roles_decide_the_admin(db):
    clerk, admin = factories.ClerkFactory(), factories.AdminFactory()
    assert clerk.check_password(PASSWORD)
    assert (clerk.role, clerk.is_staff) == ("clerk", False)
    assert (admin.role, admin.is_staff) == ("admin", True)


def test_an_officer_serves_in_a_published_entity_of_their_department(db):
    officer = factories.OfficerFactory()
    assert officer.entity.status == "published"
    assert officer.department == officer.entity.department


def test_a_centralised_course_is_open_to_the_departments_given(db):
    a, b = factories.DepartmentFactory(), factories.DepartmentFactory()
    course = factories.CourseFactory(department=None, open_to=[a, b])
    assert course.kind == "centralised"
    assert set(course.open_to.all()) == {a, b}
