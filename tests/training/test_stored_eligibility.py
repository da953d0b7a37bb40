"""The public lookup's stored "may enforce today" follows the 40-hour rule: hours and assessments
recorded or removed, the year turning, the year-end withholding and the restoration after it."""

from personnel import services as personnel
from personnel.models import Certificate
from personnel.selectors import can_enforce
from supervision.deadlines import run_deadline_checks
from tests.clock import at
from training.models import Assessment

from .conftest import D

SPRING_2027 = D(2027, 3, 1)
API = "/api/v1/public/certificates/"


def public_may_enforce(client, officer) -> bool:
    number = Certificate.objects.get(officer=officer).number
    return client.get(API, {"number": number}).json()[0]["may_enforce"]


def test_hours_made_up_after_the_lookup(client, training, department_a):
    officer = training.officer(department_a, "李娜")
    training.certificate(officer)
    training.hours(officer, "39.5", year=2026)
    training.assessment(officer, year=2026)
    with at(SPRING_2027):
        assert public_may_enforce(client, officer) is False
        training.hours(officer, "1", year=2026)  # recorded late for 2026
        assert public_may_enforce(client, officer) is True
        assert can_enforce(officer)[0] is True


def test_an_assessment_removed_after_the_lookup(client, training, department_a):
    officer = training.officer(department_a, "王建国")
    training.certificate(officer)
    training.compliant(officer, year=2026)
    with at(SPRING_2027):
        assert public_may_enforce(client, officer) is True
        Assessment.objects.get(officer=officer, year=2026).delete()
        assert public_may_enforce(client, officer) is False


def test_the_year_turning_judges_the_next_year(client, training, department_a):
    officer = training.officer(department_a, "刘洋")
    training.certificate(officer)
    training.compliant(officer, year=2025)
    training.hours(officer, "12", year=2026)
    with at(D(2026, 12, 31)):  # 2025 judged: compliant
        assert public_may_enforce(client, officer) is True
    with at(D(2027, 1, 1)):  # nothing recorded since: 2026 is judged now
        assert public_may_enforce(client, officer) is False


def test_the_year_end_withholding_then_the_restoration(client, legal, training, department_a):
    officer = training.officer(department_a, "赵磊")
    training.certificate(officer)
    training.compliant(officer, year=2025)
    training.hours(officer, "12", year=2026)
    training.assessment(officer, year=2026)
    with at(D(2027, 1, 2)):
        run_deadline_checks(D(2027, 1, 2))  # withholds in one update, no signal
        certificate = Certificate.objects.get(officer=officer)
        assert certificate.status == Certificate.Status.WITHHELD
        assert public_may_enforce(client, officer) is False
        training.hours(officer, "28", year=2026)
        personnel.certificate_restore(
            certificate=certificate, actor=legal, reason="已于2027年1月补训28学时。"
        )
        assert public_may_enforce(client, officer) is True


def test_the_year_end_withholding_forgets_the_stored_standing(client, training, department_a):
    officer = training.officer(department_a, "孙伟")
    training.certificate(officer)
    training.hours(officer, "12", year=2026)
    with at(D(2027, 1, 2)):
        assert public_may_enforce(client, officer) is False
        officer.refresh_from_db()
        assert officer.standing_from == D(2027, 1, 2)
        run_deadline_checks(D(2027, 1, 2))  # one update of the certificates: no signal
        officer.refresh_from_db()
        assert officer.standing_from is None
        assert public_may_enforce(client, officer) is False
