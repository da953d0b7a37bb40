"""Enforcement disputes (clause 4): a department submits, the other answers within 10 working
days (a setting), the legal office coordinates and issues an opinion (PDF) or proposes a decision
to the government; both departments see the dispute, nobody else."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from accountability import disputes
from accountability.models import Dispute
from supervision import notes
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from supervision.models import HolidaySchedule, Notice, ScheduleDay
from tests.clock import at
from tests.factories import ClerkFactory, DepartmentFactory

from .conftest import D


def submit(clerk, respondent):
    with at(D(2026, 3, 2)):
        return disputes.dispute_submit(
            actor=clerk,
            respondent=respondent,
            kind=Dispute.Kind.JURISDICTION,
            matter="城区违法建设的查处职责划分。",
            applicant_position="应由城管部门查处。",
            applicant_basis="《城乡规划法》第六十四条。",
        )


@pytest.fixture
def dispute(clerk_a, department_b):
    return submit(clerk_a, department_b)


def checks(day):
    with at(day):
        result = {r.rule: r for r in run_deadline_checks(day)}["dispute_answer"]
    return result.reminders, result.overdue


def test_the_answer_is_due_in_10_working_days(dispute):
    # Submitted Monday 2 March 2026: ten working days end on Monday 16 March.
    assert dispute.answer_due == D(2026, 3, 16)
    assert "10个工作日" in notes.render(dispute.answer_due_explanation)
    assert checks(D(2026, 3, 16)) == (1, 0)
    assert checks(D(2026, 3, 16)) == (0, 0)
    assert checks(D(2026, 3, 17)) == (0, 1)
    notice = Notice.objects.get(rule="dispute_answer", kind="overdue")
    assert notice.department == dispute.respondent
    assert "宿州市住房和城乡建设局已就与你单位的执法争议提请法制机构协调" in notice.body


def test_holidays_and_a_made_up_working_saturday(db, settings):
    # Submitted Thursday 24 September 2026: the Mid-Autumn day (25 September) and the National
    # Day holiday (1–7 October) are not counted, the made-up working Saturday 10 October is:
    # 28, 29, 30 September, 8, 9, 10, 12, 13, 14, 15 October.
    due, _explanation = disputes.answer_deadline(D(2026, 9, 24))
    assert due == D(2026, 10, 15)
    # The legal office's own entry wins over the package: 10 October not worked after all.
    schedule = HolidaySchedule.objects.create(year=2026)
    ScheduleDay.objects.create(schedule=schedule, day=D(2026, 10, 10), is_working_day=False)
    assert disputes.answer_deadline(D(2026, 9, 24))[0] == D(2026, 10, 16)
    settings.DISPUTE_ANSWER_WORKING_DAYS = 5
    assert disputes.answer_deadline(D(2026, 3, 2))[0] == D(2026, 3, 9)


def test_only_the_two_departments_and_the_legal_office_see_it(
    browser, api, dispute, clerk_a, clerk_b, legal, county_legal, supervisor
):
    third = ClerkFactory(
        username="clerk_c",
        department=DepartmentFactory(code="CGJ", name="宿州市城市管理局", stem="00300004"),
    )
    url = f"/accountability/disputes/{dispute.pk}/"
    for user in (clerk_a, clerk_b, legal):
        browser.force_login(user)
        assert browser.get(url).status_code == 200
    for user in (third, county_legal):
        browser.force_login(user)
        assert browser.get(url).status_code == 404
        assert api(user).get(f"/api/v1/enforcement-disputes/{dispute.pk}/").status_code == 404
        assert "城区违法建设" not in browser.get("/accountability/disputes/").content.decode()
    browser.force_login(supervisor)
    assert browser.get("/accountability/disputes/").status_code == 404


def test_answer_coordinate_and_settle(browser, dispute, clerk_a, clerk_b, legal):
    url = f"/accountability/disputes/{dispute.pk}/"
    with at(D(2026, 3, 5)):
        with pytest.raises(PermissionDenied):
            disputes.dispute_answer(
                dispute=dispute, actor=clerk_a, respondent_position="x", respondent_basis="y"
            )
        browser.force_login(clerk_b)
        assert "答复：本部门意见及依据" in browser.get(url).content.decode()
        bad = browser.post(f"{url}answer/", {"respondent_position": "", "respondent_basis": ""})
        assert bad.status_code == 400
        browser.post(
            f"{url}answer/",
            {"respondent_position": "应由住建部门查处。", "respondent_basis": "三定方案。"},
        )
        again = browser.post(f"{url}answer/", {"respondent_position": "a", "respondent_basis": "b"})
        assert again.status_code == 409
        browser.force_login(legal)
        browser.post(
            f"{url}meeting/",
            {
                "held_on": "2026-03-05",
                "attendees": "双方分管负责人",
                "minutes": "双方同意按区域划分。",
            },
        )
        response = browser.post(
            f"{url}opinion/", {"opinion": "城区范围内违法建设由城管部门查处。"}, follow=True
        )
    assert "协调意见已出具。" in response.content.decode()
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.SETTLED
    assert dispute.meetings.count() == 1
    browser.force_login(clerk_b)
    pdf = browser.get(f"{url}opinion.pdf")
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    text = text.replace(" ", "").replace("\n", "")
    assert "行政执法争议协调意见" in text
    assert "宿州市住房和城乡建设局、宿州市交通运输局" in text
    assert "城区范围内违法建设由城管部门查处。" in text
    with at(D(2026, 3, 6)), pytest.raises(TransitionNotAllowed):
        disputes.dispute_propose(dispute=dispute, actor=legal, proposal="x")


def test_no_agreement_goes_to_the_government(api, dispute, clerk_b, legal, county_legal):
    base = f"/api/v1/enforcement-disputes/{dispute.pk}"
    with at(D(2026, 3, 5)):
        early = api(legal).post(f"{base}/propose/", {"proposal": "x"}, format="json")
        assert early.status_code == 409
        api(clerk_b).post(
            f"{base}/answer/",
            {"respondent_position": "不同意。", "respondent_basis": "三定方案。"},
            format="json",
        )
        assert (
            api(county_legal).post(f"{base}/propose/", {"proposal": "x"}, format="json").status_code
            == 404
        )
        proposed = api(legal).post(
            f"{base}/propose/", {"proposal": "建议由市政府明确。"}, format="json"
        )
        assert proposed.json()["status"] == "referred"
        decided = api(legal).post(
            f"{base}/decided/", {"government_decision": "由城管部门查处。"}, format="json"
        )
    assert decided.status_code == 200
    assert decided.json()["status"] == "decided"


def test_a_dispute_is_between_two_departments_of_one_level(
    clerk_a, department_a, county_department
):
    with at(D(2026, 3, 2)):
        for respondent in (department_a, county_department):
            with pytest.raises(ValidationError) as error:
                submit(clerk_a, respondent)
            assert "respondent" in error.value.message_dict
    assert not Dispute.objects.exists()
