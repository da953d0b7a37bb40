"""The year's assessment from draft to final: published by the city's legal office, contested by a
department up to the 5th working day after publication (the kernel's calendar: holidays and
made-up working Saturdays), decided with reasons, then final — a snapshot no later record changes,
issued as a numbered bulletin to all departments."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from supervision import assessment, calendar, dashboard, services
from supervision.errors import TransitionNotAllowed
from supervision.models import AssessmentAdjustment, AssessmentContest, AuditEntry, Notice
from tests.clock import at
from tests.factories import decided_decision

D = datetime.date


def sheet_of(department, year=2025):
    return next(
        s
        for s in dashboard.sheets(dashboard.departments_for_all(), year)
        if s.department == department
    )


def contest(clerk, department, on, item=None):
    with at(on):
        return assessment.assessment_contest(
            actor=clerk,
            department=department,
            year=2025,
            item=item or assessment.contestable_items(sheet_of(department))[0],
            grounds="目录已于1月20日报送，有签收单为证。",
        )


def test_the_fifth_working_day_is_counted_over_a_holiday_and_a_made_up_saturday(db):
    # 30 September 2026, then the National Day holiday (1–7 October); 8, 9, Saturday 10 (调休),
    # 12, 13 October.
    assert calendar.contest_due(D(2026, 9, 30)) == D(2026, 10, 13)
    assert calendar.contest_due(D(2026, 3, 2)) == D(2026, 3, 9)


def test_a_department_contests_until_the_fifth_working_day_not_the_day_after(
    legal, clerk_a, department_a
):
    with at(D(2026, 9, 30)):
        published = assessment.assessment_publish(actor=legal, year=2025)
    assert published.contest_due == D(2026, 10, 13)
    assert AuditEntry.objects.filter(action="publish", object_id=str(published.pk)).exists()
    items = assessment.contestable_items(sheet_of(department_a))
    filed = contest(clerk_a, department_a, D(2026, 10, 13), item=items[0])  # the 5th: in time
    assert (filed.department, filed.filed_on, filed.decision) == (department_a, D(2026, 10, 13), "")
    with pytest.raises(TransitionNotAllowed, match="2026年10月13日"):
        contest(clerk_a, department_a, D(2026, 10, 14), item=items[1])  # the day after
    with pytest.raises(ValidationError):
        contest(clerk_a, department_a, D(2026, 10, 13), item=items[0])  # once per item


def test_only_the_departments_clerk_contests_and_only_the_city_publishes(
    legal, county_legal, clerk_b, department_a
):
    with at(D(2026, 3, 2)), pytest.raises(PermissionDenied):
        assessment.assessment_publish(actor=county_legal, year=2025)
    with at(D(2026, 3, 2)), pytest.raises(TransitionNotAllowed):
        assessment.assessment_publish(actor=legal, year=2026)  # the year is not over
    with at(D(2026, 3, 2)):
        assessment.assessment_publish(actor=legal, year=2025)
    with pytest.raises(PermissionDenied):
        contest(clerk_b, department_a, D(2026, 3, 3))
    with at(D(2026, 3, 3)), pytest.raises(TransitionNotAllowed):
        assessment.assessment_publish(actor=legal, year=2025)  # published already


def test_decided_with_reasons_then_final_ranked_and_issued_as_a_bulletin(
    legal, clerk_a, department_a, department_b
):
    decided_decision(department_b, D(2025, 3, 3), filed=D(2025, 3, 20))  # B: 2 points more
    with at(D(2026, 3, 2)):
        assessment.assessment_publish(actor=legal, year=2025)
    before = sheet_of(department_a).score
    filed = contest(clerk_a, department_a, D(2026, 3, 9))
    with at(D(2026, 3, 9)), pytest.raises(TransitionNotAllowed):
        assessment.assessment_finalise(actor=legal, year=2025)  # contests still open
    with at(D(2026, 3, 10)), pytest.raises(TransitionNotAllowed, match="异议"):
        assessment.assessment_finalise(actor=legal, year=2025)  # one not decided
    with at(D(2026, 3, 10)), pytest.raises(ValidationError):
        assessment.assessment_contest_decide(
            actor=legal, contest=filed, decision="upheld", reasons=" ", points=5
        )
    with at(D(2026, 3, 10)):
        assessment.assessment_contest_decide(
            actor=legal, contest=filed, decision="upheld", reasons="签收单属实。", points=5
        )
    filed.refresh_from_db()
    assert (filed.decision, filed.points, filed.decided_by) == ("upheld", 5, legal)
    assert sheet_of(department_a).score == before + 5
    assert AuditEntry.objects.filter(action="decide_appeal", object_id=str(filed.pk)).exists()

    with at(D(2026, 3, 10)):
        final = assessment.assessment_finalise(actor=legal, year=2025)
    assert final.is_final
    assert final.finalised_on == D(2026, 3, 10)
    ranking = [(row["code"], row["rank"], row["score"]) for row in final.sheets]
    assert ranking[0][0] == department_a.code
    bulletin = final.bulletin
    assert bulletin.kind == Notice.Kind.BULLETIN
    assert bulletin.department_id is None
    assert bulletin.number.endswith("〔2026〕1号")
    assert f"1. {department_a.name}：{final.sheets[0]['score']}分" in bulletin.body
    assert AuditEntry.objects.filter(action="finalise", object_id=str(final.pk)).exists()

    # Final: no more changes — no manual items, no contests, no new indicators; the snapshot
    # stays whatever is recorded later.
    with at(D(2026, 3, 11)), pytest.raises(TransitionNotAllowed):
        services.assessment_adjustment_add(
            actor=legal, department=department_a, year=2025, points=Decimal(-1), reason="补扣"
        )
    with at(D(2026, 3, 11)), pytest.raises(TransitionNotAllowed):
        services.assessment_indicators_set(
            actor=legal, year=2025, values={"decision_filing": {"max_points": 1}}
        )
    assert AssessmentAdjustment.objects.count() == 1
    assert AssessmentContest.objects.count() == 1


def test_the_pages_take_the_year_from_draft_to_final_bulletin(
    browser, legal, clerk_a, clerk_b, department_a, department_b
):
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    browser.force_login(legal)
    with at(D(2026, 3, 2)):
        page = browser.get("/assessment/?year=2025").content.decode()
        assert "向各部门公布考核表" in page
        unconfirmed = browser.post(
            "/assessment/2025/publish/", {"confirm_required": "1"}, follow=True
        )
        assert "勾选" in unconfirmed.content.decode()
        assert not assessment.round_of(2025)
        assert (
            browser.post(
                "/assessment/2025/publish/", {"confirm_required": "1", "confirmed": "1"}
            ).status_code
            == 302
        )
    assert assessment.round_of(2025).contest_due == D(2026, 3, 9)

    item = assessment.contestable_items(sheet_of(department_a))[0]
    url = f"/assessment/{department_a.pk}/2025/contest/"
    with at(D(2026, 3, 9)):
        browser.force_login(clerk_b)
        assert browser.get(url).status_code == 404  # another department's sheet
        browser.force_login(clerk_a)
        sheet = browser.get(f"/assessment/{department_a.pk}/2025/").content.decode()
        assert "提出异议" in sheet
        response = browser.post(url, {"item": item, "grounds": " "})
        assert response.status_code == 400
        assert "必填" in response.content.decode()
        assert browser.post(url, {"item": item, "grounds": "已按期报送。"}).status_code == 302
    with at(D(2026, 3, 10)):
        browser.force_login(clerk_a)  # a new day, a new session
        response = browser.post(url, {"item": item, "grounds": "再次提出。"})
        assert response.status_code == 400  # the day after the 5th working day
        assert "2026年3月9日" in response.content.decode()
        contest = AssessmentContest.objects.get()
        browser.force_login(legal)
        decide = f"/assessment/contests/{contest.pk}/decide/"
        response = browser.post(decide, {"decision": "rejected", "reasons": ""})
        assert response.status_code == 400
        assert (
            browser.post(decide, {"decision": "rejected", "reasons": "逾期报送属实。"}).status_code
            == 302
        )
        assert (
            browser.post(
                "/assessment/2025/finalise/", {"confirm_required": "1", "confirmed": "1"}
            ).status_code
            == 302
        )
    final = assessment.round_of(2025)
    assert final.is_final
    with at(D(2026, 3, 11)):
        browser.force_login(legal)
        page = browser.get("/assessment/?year=2025").content.decode()
        assert final.bulletin.number in page
        workbook = load_workbook(BytesIO(browser.get("/assessment/?year=2025&format=xlsx").content))
        assert department_a.code in workbook.sheetnames
        pdf = browser.get(f"/notices/{final.bulletin.pk}/pdf/")
        assert pdf.status_code == 200
        text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
        assert "考核结果" in text
        # Every department reads the bulletin.
        browser.force_login(clerk_b)
        assert browser.get(f"/notices/{final.bulletin.pk}/").status_code == 200


def test_a_contests_decision_reads_chu_li_jie_guo_and_its_note_in_the_readers_language(
    browser, legal, clerk_a, department_a, department_b
):
    """A contest's outcome is 处理结果 (a review's stays 审核结果); the manual item an upheld
    contest adds is the portal's note, read in the page's language."""
    from django.conf import settings
    from django.utils import translation

    from supervision.models import RectificationReport

    decided_decision(department_b, D(2025, 3, 3), filed=D(2025, 3, 20))
    with at(D(2026, 3, 2)):
        assessment.assessment_publish(actor=legal, year=2025)
    filed = contest(clerk_a, department_a, D(2026, 3, 9))
    with at(D(2026, 3, 10)):
        browser.force_login(legal)
        form = browser.get(f"/assessment/contests/{filed.pk}/decide/").content.decode()
        assert "处理结果" in form
        assert "审核结果" not in form
        assessment.assessment_contest_decide(
            actor=legal, contest=filed, decision="upheld", reasons="签收单属实。", points=5
        )
        url = f"/assessment/{department_a.pk}/2025/"
        chinese = browser.get(url).content.decode()
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = browser.get(url).content.decode()
    assert '<th scope="col">处理结果</th>' in chinese
    assert f"对{filed.item}的异议成立：签收单属实。" in chinese
    assert "upheld: 签收单属实。" in english
    assert "的异议成立" not in english
    assert '{"note"' not in chinese + english
    # "decision" elsewhere is unchanged
    with translation.override("zh-hans"):
        assert str(RectificationReport._meta.get_field("decision").verbose_name) == "审核结果"
        assert str(AssessmentContest._meta.get_field("decision").verbose_name) == "处理结果"
