"""Evaluation campaigns (案卷评查): the schedule and its edges, the sample, self-checks and their
notices, scoring with two evaluators and veto items, publication into the rectification loop,
appeals, the report and the exports; who sees and does what."""

import io
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluations import services
from evaluations.deadlines import default_schedule
from evaluations.models import SampleFile
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from supervision.models import Finding, Jurisdiction, Notice
from tests.clock import at
from tests.factories import DepartmentFactory, LegalStaffFactory, SupervisorFactory

from .conftest import D, filed_catalogue, new_campaign, sheet

# The schedule -----------------------------------------------------------------------------------


def test_the_default_schedule_of_2025_files(db):
    schedule = {field: d.due for field, d in default_schedule(2025).items()}
    assert schedule == {
        "self_check_due": D(2026, 3, 31),  # a Tuesday: stays
        "evaluation_due": D(2026, 4, 10),
        "report_due": D(2026, 4, 20),
        "rectification_due": D(2026, 4, 30),
        "follow_up_due": D(2026, 6, 30),
    }


def test_10_april_2027_is_a_saturday_and_moves_to_monday(db):
    deadline = default_schedule(2026)["evaluation_due"]
    assert deadline.due == D(2027, 4, 12)
    assert deadline.skipped == (D(2027, 4, 10), D(2027, 4, 11))
    assert deadline.provisional  # 2027's holidays are not known yet


def test_an_office_date_on_a_holiday_moves_and_the_order_is_kept(legal, department_a, catalogues):
    campaign = new_campaign(legal, [department_a], follow_up_due=D(2026, 6, 19))  # 端午
    assert campaign.follow_up_due == D(2026, 6, 22)
    with pytest.raises(ValidationError) as error:
        new_campaign(legal, [department_a], self_check_due=D(2026, 4, 15))
    assert error.value.message_dict == {"evaluation_due": ["评查日程的各个日期须依次排列。"]}


# The sample -------------------------------------------------------------------------------------


def test_the_sample_is_reproducible_and_always_holds_the_major_decisions(
    legal, department_a, campaign, clerk_a
):
    from tests.factories import MajorDecisionFactory

    MajorDecisionFactory(
        department=department_a,
        case_number="ZJJ罚〔2025〕17号",
        review_status="passed",
        decision_date=D(2025, 6, 1),
        filing_due=D(2025, 6, 11),
    )
    first = [
        services.draw(campaign, department_a.pk, 7),
        services.draw(campaign, department_a.pk, 7),
    ]
    assert first[0] == first[1]
    assert len(first[0]) == 5
    assert services.draw(campaign, department_a.pk, 8) != first[0]
    numbers = dict(
        SampleFile._meta.get_field("item").related_model.objects.values_list("pk", "case_number")
    )
    majors = [numbers[pk] for pk, is_major in first[0] if is_major]
    assert majors == ["ZJJ罚〔2025〕17号"]


def test_a_share_rounds_up_and_only_filed_files_of_the_kinds_count(
    legal, department_a, department_b
):
    filed_catalogue(department_a, n=21, kinds=("penalty", "licence", "inspection"))
    campaign = new_campaign(
        legal, [department_a], sample_count=None, sample_share=10, kinds=["penalty", "licence"]
    )
    assert len(services.draw(campaign, department_a.pk, 1)) == 2  # 14 files, 10 % → 2


def test_draw_add_and_drop_with_reasons(legal, campaign, drawn, department_a):
    assert drawn.status == "scoring"
    assert drawn.seed == 20260211
    assert SampleFile.objects.filter(campaign=campaign).count() == 10
    sample = SampleFile.objects.filter(campaign=campaign).first()
    with at(D(2026, 3, 1)):
        with pytest.raises(ValidationError):
            services.sample_drop(sample=sample, actor=legal, reason="")
        services.sample_drop(sample=sample, actor=legal, reason="案卷已移送司法机关")
        item = (
            SampleFile._meta.get_field("item")
            .related_model.objects.filter(catalogue__department=department_a)
            .exclude(pk__in=SampleFile.objects.values("item"))
            .first()
        )
        added = services.sample_add(campaign=campaign, item=item, actor=legal, reason="群众反映")
    assert added.added_reason == "群众反映"
    with pytest.raises(TransitionNotAllowed), at(D(2026, 3, 1)):
        services.campaign_draw(campaign=campaign, actor=legal)


def test_drawing_from_100000_catalogue_items_takes_seconds_not_minutes(legal, department_a):
    filed_catalogue(department_a, n=100_000)
    campaign = new_campaign(legal, [department_a], sample_count=None, sample_share=5)
    started = time.perf_counter()
    chosen = services.draw(campaign, department_a.pk, 42)
    elapsed = time.perf_counter() - started
    assert len(chosen) == 5000
    print(f"drew {len(chosen)} of 100000 in {elapsed:.2f} s")


# Self-check -------------------------------------------------------------------------------------


def test_self_check_reminder_on_the_last_day_overdue_the_day_after(
    legal, clerk_a, campaign, department_a, department_b
):
    with at(D(2026, 3, 31)):
        run_deadline_checks(D(2026, 3, 31))
    reminders = Notice.objects.filter(rule="evaluation_self_check", kind="reminder")
    assert {n.department for n in reminders} == {department_a, department_b}
    with at(D(2026, 3, 31)):
        services.self_check_submit(
            participant=campaign.participants.get(department=department_a),
            actor=clerk_a,
            text="已对2025年度案卷开展自查",
        )
    with at(D(2026, 4, 1)):
        run_deadline_checks(D(2026, 4, 1))
        run_deadline_checks(D(2026, 4, 1))
    (overdue,) = Notice.objects.filter(rule="evaluation_self_check", kind="overdue")
    assert overdue.department == department_b
    assert "2026年3月31日" in overdue.body


def test_departments_see_their_drawn_files_only_after_the_self_check_is_due(
    clerk_a, clerk_b, drawn, browser, api
):
    browser.force_login(clerk_a)
    sample = SampleFile.objects.filter(campaign=drawn, department=clerk_a.department).first()
    with at(D(2026, 3, 31)):
        assert browser.get(f"/evaluations/files/{sample.pk}/").status_code == 404
        assert api(clerk_a).get("/api/v1/evaluations/files/").json()["count"] == 0
        page = browser.get(f"/evaluations/{drawn.pk}/").content.decode()
        assert sample.item.case_number not in page
    with at(D(2026, 4, 1)):
        assert browser.get(f"/evaluations/files/{sample.pk}/").status_code == 200
        assert api(clerk_a).get("/api/v1/evaluations/files/").json()["count"] == 5
        browser.force_login(clerk_b)
        assert browser.get(f"/evaluations/files/{sample.pk}/").status_code == 404
        assert api(clerk_b).get(f"/api/v1/evaluations/files/{sample.pk}/").status_code == 404


# Scoring ----------------------------------------------------------------------------------------


def test_two_evaluators_within_10_points_average_beyond_it_the_lead_settles(
    legal, supervisor, drawn
):
    first, second = SampleFile.objects.filter(campaign=drawn)[:2]
    with at(D(2026, 4, 2)):
        services.score_submit(
            sample=first, actor=legal, **sheet(drawn, {"事实证据": (5, "证据不足")})
        )
        services.score_submit(
            sample=first, actor=supervisor, **sheet(drawn, {"事实证据": (12, "主要证据缺失")})
        )
        first.refresh_from_db()
        assert (first.final_score, first.grade) == (91.5, "excellent")
        services.score_submit(
            sample=second, actor=legal, **sheet(drawn, {"程序合法": (2, "送达不规范")})
        )
        services.score_submit(
            sample=second,
            actor=supervisor,
            **sheet(drawn, {"程序合法": (15, "未告知听证"), "文书规范": (2, "文书不规范")}),
        )
        second.refresh_from_db()
        assert second.final_score is None
        assert services.differences(drawn) == [second]
        with pytest.raises(PermissionDenied):
            services.sample_settle(sample=second, actor=supervisor, score=85, reason="x")
        services.sample_settle(sample=second, actor=legal, score=85, reason="合议确定")
    second.refresh_from_db()
    assert (second.final_score, second.grade) == (85, "good")


def test_a_veto_item_fails_the_file_whatever_its_score(legal, drawn):
    sample = SampleFile.objects.filter(campaign=drawn).first()
    with at(D(2026, 4, 2)):
        services.score_submit(sample=sample, actor=legal, **sheet(drawn, vetoes=["无法律依据"]))
    sample.refresh_from_db()
    assert (sample.final_score, sample.vetoed, sample.grade) == (100, True, "fail")


def test_grades_follow_the_thresholds(db):
    template = services.default_template()
    grades = [template.grade(s, False) for s in (90, 89.9, 80, 79, 60, 59.9)]
    assert grades == ["excellent", "good", "good", "pass", "pass", "fail"]


def test_only_members_score_and_bad_sheets_are_field_errors(legal, clerk_a, drawn):
    outsider = SupervisorFactory(username="outsider")
    sample = SampleFile.objects.filter(campaign=drawn).first()
    with at(D(2026, 4, 2)):
        with pytest.raises(PermissionDenied):
            services.score_submit(sample=sample, actor=outsider, **sheet(drawn))
        with pytest.raises(ValidationError) as error:
            services.score_submit(
                sample=sample, actor=legal, **sheet(drawn, {"主体合法": (11, "超出")})
            )
        item = drawn.template.items.get(name="主体合法")
        assert error.value.message_dict == {f"item_{item.pk}": ["扣分应在0至10分之间。"]}
        with pytest.raises(ValidationError) as error:
            services.score_submit(sample=sample, actor=legal, **sheet(drawn, {"主体合法": (2, "")}))
        assert error.value.message_dict == {f"note_{item.pk}": ["请说明扣分理由。"]}
    assert not sample.scores.exists()


def test_the_scoring_screen_saves_and_moves_to_the_next_file(legal, supervisor, drawn, browser):
    first, second = SampleFile.objects.filter(campaign=drawn).order_by(
        "department__code", "item__case_number", "id"
    )[:2]
    items = {item.name: item for item in drawn.template.items.all()}
    browser.force_login(supervisor)
    with at(D(2026, 4, 2)):
        page = browser.get(f"/evaluations/files/{first.pk}/").content.decode()
        assert "事实证据" in page
        assert "否决" in page
        answer = browser.post(
            f"/evaluations/files/{first.pk}/",
            {f"item_{items['事实证据'].pk}": "3", f"note_{items['事实证据'].pk}": "缺少现场照片"},
        )
        assert answer.status_code == 302
        assert answer["Location"] == f"/evaluations/files/{second.pk}/"
        bad = browser.post(f"/evaluations/files/{first.pk}/", {f"item_{items['事实证据'].pk}": "x"})
        assert bad.status_code == 400
        assert "请输入一个数字。" in bad.content.decode()
    first.refresh_from_db()
    assert first.final_score == 97


def test_the_scoring_screen_costs_the_same_queries_for_3_and_30_files(legal, department_a, browser):
    filed_catalogue(department_a, n=40)
    browser.force_login(legal)

    def count(n):
        campaign = new_campaign(legal, [department_a], sample_count=n)
        with at(D(2026, 2, 11)):
            services.campaign_draw(campaign=campaign, actor=legal, seed=1)
        sample = SampleFile.objects.filter(campaign=campaign).first()
        with at(D(2026, 4, 2)):
            browser.get(f"/evaluations/files/{sample.pk}/")  # content types cached, as in use
            with CaptureQueriesContext(connection) as screen:
                assert browser.get(f"/evaluations/files/{sample.pk}/").status_code == 200
            with CaptureQueriesContext(connection) as page:
                assert browser.get(f"/evaluations/{campaign.pk}/").status_code == 200
        return len(screen), len(page)

    three, thirty = count(3), count(30)
    print(f"scoring screen {three[0]} queries, campaign page {three[1]}")
    assert three == thirty


# Publication, findings, appeals, report --------------------------------------------------------


def _score_all(campaign, actor, *, problem=None):
    for sample in SampleFile.objects.filter(campaign=campaign, dropped=False):
        deductions = {"程序合法": (8, "未告知陈述申辩权利")} if problem == sample.pk else {}
        services.score_submit(
            sample=sample, actor=actor, **sheet(campaign, deductions, findings=["程序合法"])
        )


def test_publication_raises_findings_due_at_the_end_of_april(legal, clerk_a, drawn, browser):
    browser.force_login(clerk_a)
    sample = SampleFile.objects.filter(campaign=drawn, department=clerk_a.department).first()
    with at(D(2026, 4, 3)):
        with pytest.raises(TransitionNotAllowed) as refusal:
            services.campaign_publish(campaign=drawn, actor=legal)
        assert (
            str(refusal.value.message)
            == "还有10份案卷没有最终得分：请完成评分或确定分歧案卷的得分。"
        )
        _score_all(drawn, legal, problem=sample.pk)
        published = services.campaign_publish(campaign=drawn, actor=legal)
    assert published.status == "published"
    assert published.appeal_due == D(2026, 4, 13)  # 5 working days over 清明 (4–6 April)
    (finding,) = Finding.objects.from_source(sample)
    assert finding.status == "ordered"
    assert finding.due_on == D(2026, 4, 30)
    assert finding.source_label == "2025年度行政执法案卷评查"
    assert "未告知陈述申辩权利" in finding.problem
    with at(D(2026, 4, 3)):
        page = browser.get(f"/findings/{finding.pk}/").content.decode()
    assert f'href="/evaluations/files/{sample.pk}/"' in page  # the finding links to its file


def test_an_appeal_within_5_working_days_and_the_leads_decision(legal, clerk_a, drawn, api):
    sample = SampleFile.objects.filter(campaign=drawn, department=clerk_a.department).first()
    with at(D(2026, 4, 3)):
        _score_all(drawn, legal)
        services.campaign_publish(campaign=drawn, actor=legal)
    client = api(clerk_a)
    with at(D(2026, 4, 14)):  # the sixth working day after 3 April (清明 4–6 April)
        late = client.post(f"/api/v1/evaluations/files/{sample.pk}/appeal/", {"text": "x"})
        assert late.status_code == 409
    with at(D(2026, 4, 13)):  # the fifth
        filed = client.post(
            f"/api/v1/evaluations/files/{sample.pk}/appeal/", {"text": "证据已在卷"}, format="json"
        )
        assert filed.status_code == 200
        again = client.post(f"/api/v1/evaluations/files/{sample.pk}/appeal/", {"text": "x"})
        assert again.status_code == 409
        decided = api(legal).post(
            f"/api/v1/evaluations/files/{sample.pk}/decide-appeal/",
            {"decision": "changed", "score": "88", "reasons": "复核后调整"},
            format="json",
        )
    assert decided.status_code == 200
    assert decided.json()["final_score"] == "88.0"
    assert decided.json()["appeal"]["decision"] == "changed"


def test_the_report_is_a_numbered_notice_with_its_pdf_and_every_score_in_xlsx(
    legal, clerk_a, drawn, browser
):
    with at(D(2026, 4, 3)):
        _score_all(drawn, legal, problem=SampleFile.objects.filter(campaign=drawn).first().pk)
        services.campaign_publish(campaign=drawn, actor=legal)
    with at(D(2026, 4, 17)):
        reported = services.campaign_report(campaign=drawn, actor=legal)
    notice = reported.report_notice
    assert notice.number == "宿法监通〔2026〕1号"
    assert notice.addressee == "宿州市人民政府"
    browser.force_login(legal)
    pdf = browser.get(f"/evaluations/{drawn.pk}/report.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "宿州市住房和城乡建设局" in text
    assert "2026年4月30日" in text
    xlsx = browser.get(f"/evaluations/{drawn.pk}/scores.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert len(rows) == 11
    assert rows[0][:4] == ("部门", "案号", "案件名称", "评查人")


# Who sees what ------------------------------------------------------------------------------------


def test_another_department_and_another_county(
    legal, clerk_b, department_a, catalogues, api, browser
):
    campaign = new_campaign(legal, [department_a])
    browser.force_login(clerk_b)
    assert browser.get(f"/evaluations/{campaign.pk}/").status_code == 404
    assert api(clerk_b).get(f"/api/v1/evaluations/{campaign.pk}/").status_code == 404
    county = Jurisdiction.objects.create(
        code="341321",
        name="砀山县",
        parent=Jurisdiction.objects.root(),
        office_name="砀山县人民政府法制办公室",
        number_prefix="砀法监通",
    )
    office = DepartmentFactory(code="DS-FZB", jurisdiction=county, is_legal_office=True)
    county_legal = LegalStaffFactory(username="county_legal", department=office)
    county_department = DepartmentFactory(code="DS-ZJJ", jurisdiction=county)
    filed_catalogue(county_department)
    assert api(county_legal).get(f"/api/v1/evaluations/{campaign.pk}/").status_code == 404
    with pytest.raises(ValidationError):
        new_campaign(legal, [county_department])
    county_campaign = new_campaign(county_legal, [county_department])
    city = api(legal)
    assert city.get(f"/api/v1/evaluations/{county_campaign.pk}/").status_code == 200
    with at(D(2026, 2, 11)):
        assert city.post(f"/api/v1/evaluations/{county_campaign.pk}/draw/").status_code == 403


def test_the_campaign_through_the_api(legal, department_a, department_b, catalogues, api):
    client = api(legal)
    with at(D(2026, 2, 10)):
        bad = client.post(
            "/api/v1/evaluations/",
            {"year": 2025, "departments": [department_a.pk], "kinds": ["penalty"]},
            format="json",
        )
        assert bad.status_code == 400
        assert bad.json() == {"sample_count": ["请给出每个部门抽查的案卷数或比例（二者选一）。"]}
        created = client.post(
            "/api/v1/evaluations/",
            {
                "year": 2025,
                "title": "2025年度案卷评查",
                "departments": [department_a.pk, department_b.pk],
                "kinds": ["penalty"],
                "sample_count": 3,
            },
            format="json",
        )
        assert created.status_code == 201
        pk = created.json()["id"]
        assert created.json()["self_check_due"] == "2026-03-31"
        drawn = client.post(f"/api/v1/evaluations/{pk}/draw/")
        assert drawn.json()["status"] == "scoring"
        assert client.post(f"/api/v1/evaluations/{pk}/draw/").status_code == 409
        files = client.get(f"/api/v1/evaluations/files/?campaign={pk}").json()
    assert files["count"] == 6


def test_a_department_reads_its_own_self_check_only(legal, clerk_a, campaign, department_b, api):
    with at(D(2026, 3, 2)):
        services.self_check_submit(
            participant=campaign.participants.get(department=clerk_a.department),
            actor=clerk_a,
            text="住建局自查",
        )
    own = api(clerk_a).get(f"/api/v1/evaluations/{campaign.pk}/").json()
    assert [p["self_check_text"] for p in own["participants"]] == ["住建局自查"]
    office = api(legal).get(f"/api/v1/evaluations/{campaign.pk}/").json()
    assert len(office["participants"]) == 2


def test_the_schedule_is_moved_per_campaign_until_publication(legal, clerk_a, campaign, api):
    office = api(legal)
    with at(D(2026, 2, 12)):
        moved = office.post(
            f"/api/v1/evaluations/{campaign.pk}/schedule/",
            {"self_check_due": "2026-04-04"},  # 清明: moves to 7 April
            format="json",
        )
        assert moved.status_code == 200
        assert moved.json()["self_check_due"] == "2026-04-07"
        wrong = office.post(
            f"/api/v1/evaluations/{campaign.pk}/schedule/",
            {"evaluation_due": "2026-03-01"},
            format="json",
        )
        assert wrong.status_code == 400
        assert wrong.json() == {"evaluation_due": ["评查日程的各个日期须依次排列。"]}
        refused = api(clerk_a).post(
            f"/api/v1/evaluations/{campaign.pk}/schedule/", {"report_due": "2026-04-21"}
        )
        assert refused.status_code == 403
    campaign.refresh_from_db()
    assert campaign.self_check_due == D(2026, 4, 7)


def test_another_departments_self_check_is_404_in_the_api(clerk_a, clerk_b, campaign, api):
    own = campaign.participants.get(department=clerk_a.department)
    assert api(clerk_b).get(f"/api/v1/evaluations/departments/{own.pk}/").status_code == 404
    answer = api(clerk_b).post(
        f"/api/v1/evaluations/departments/{own.pk}/self-check/", {"text": "x"}
    )
    assert answer.status_code == 404
    with at(D(2026, 3, 2)):
        sent = api(clerk_a).post(
            f"/api/v1/evaluations/departments/{own.pk}/self-check/", {"text": ""}
        )
    assert sent.status_code == 400
    assert sent.json() == {"text": ["该字段不能为空。"]}
