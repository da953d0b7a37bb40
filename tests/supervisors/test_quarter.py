"""A supervisor's quarter through the API and the pages: activities, the written report with its
problems and attachments, filing; the legal office's review of each problem; what the supervisor
then sees. Disallowed transitions answer 409; a client sets no status, owner or date."""

from django.core.files.uploadedfile import SimpleUploadedFile

from supervision.models import Finding
from supervisors.models import Problem, QuarterlyReport
from tests.clock import at
from tests.samples import PDF
from tests.supervision.test_jurisdictions import jurisdiction, office_staff

from .conftest import D

NOV_5, NOV_20 = D(2026, 11, 5), D(2026, 11, 20)


def _activity(api, supervisor, department, day=NOV_5):
    with at(day):
        return api(supervisor).post(
            "/api/v1/supervisor-activities/",
            {
                "held_on": str(day),
                "department": department.pk,
                "kind": "on_site",
                "observations": "随同执法人员检查建筑工地。",
            },
            format="json",
        )


def _filed(api, supervisor, department_a):
    response = _activity(api, supervisor, department_a)
    report_id = response.json()["report"]
    with at(NOV_20):
        api(supervisor).patch(
            f"/api/v1/supervisor-reports/{report_id}/", {"text": "本季度监督一次。"}, format="json"
        )
        problem = api(supervisor).post(
            "/api/v1/supervisor-problems/",
            {"report": report_id, "department": department_a.pk, "description": "现场笔录未签字。"},
            format="json",
        )
        assert problem.status_code == 201, problem.json()
        assert (
            api(supervisor).post(f"/api/v1/supervisor-reports/{report_id}/submit/").status_code
            == 200
        )
    return QuarterlyReport.objects.get(pk=report_id), Problem.objects.get(pk=problem.json()["id"])


def test_the_supervisors_quarter_through_the_api(api, legal, supervisor, profile, department_a):
    response = _activity(api, supervisor, department_a)
    assert response.status_code == 201, response.json()
    report = QuarterlyReport.objects.get(pk=response.json()["report"])
    assert (report.year, report.quarter, report.due_on) == (2026, 4, D(2026, 12, 31))
    with at(NOV_20):
        # Nothing to file yet: the report has no text.
        refused = api(supervisor).post(f"/api/v1/supervisor-reports/{report.pk}/submit/")
        assert refused.status_code == 400
        assert refused.json() == {"text": ["请先填写报告内容再报送。"]}
    report, problem = _filed(api, supervisor, department_a)
    assert report.status == "submitted"
    assert report.submitted_on == NOV_20
    assert report.on_time
    with at(NOV_20):
        again = api(supervisor).post(f"/api/v1/supervisor-reports/{report.pk}/submit/")
        assert again.status_code == 409
        assert again.json() == {"detail": "报告已报送，不能再修改。"}
        late = _activity(api, supervisor, department_a, day=NOV_20)
        assert late.status_code == 400
        assert "held_on" in late.json()
        # The review cannot be completed while a problem is undecided.
        review = api(legal).post(f"/api/v1/supervisor-reports/{report.pk}/review/")
        assert review.status_code == 409
        made = api(legal).post(
            f"/api/v1/supervisor-problems/{problem.pk}/finding/",
            {"due_on": "2026-12-31"},
            format="json",
        )
        assert made.status_code == 200, made.json()
        assert made.json()["status"] == "finding"
        assert made.json()["finding_status"] == "ordered"
        assert (
            api(legal)
            .post(f"/api/v1/supervisor-problems/{problem.pk}/close/", {"reason": "x"})
            .status_code
            == 409
        )
        assert api(legal).post(f"/api/v1/supervisor-reports/{report.pk}/review/").status_code == 200
    finding = Finding.objects.get(pk=made.json()["finding"])
    assert finding.department == department_a
    assert finding.problem == "现场笔录未签字。"
    assert finding.due_on == D(2026, 12, 31)
    # The supervisor sees what became of the problem.
    seen = api(supervisor).get(f"/api/v1/supervisor-problems/{problem.pk}/").json()
    assert seen["outcome"] == "整改事项：整改中"


def test_a_problem_closed_with_a_reason(api, legal, supervisor, profile, department_a):
    _report, problem = _filed(api, supervisor, department_a)
    with at(NOV_20):
        no_reason = api(legal).post(f"/api/v1/supervisor-problems/{problem.pk}/close/", {})
        assert no_reason.status_code == 400
        assert "reason" in no_reason.json()
        closed = api(legal).post(
            f"/api/v1/supervisor-problems/{problem.pk}/close/", {"reason": "已另行处理。"}
        )
    assert closed.status_code == 200
    assert (
        api(supervisor).get(f"/api/v1/supervisor-problems/{problem.pk}/").json()["outcome"]
        == "已办结：已另行处理。"
    )


def test_a_client_sets_no_status_owner_or_date(api, supervisor, profile, department_a):
    response = _activity(api, supervisor, department_a)
    report_id = response.json()["report"]
    with at(NOV_20):
        for field, value in (
            ("status", "reviewed"),
            ("submitted_on", "2026-11-01"),
            ("supervisor", 1),
        ):
            answer = api(supervisor).patch(
                f"/api/v1/supervisor-reports/{report_id}/", {field: value}, format="json"
            )
            assert answer.status_code == 400
            assert answer.json() == {field: ["此处不接受该字段。"]} or field in answer.json()
    assert QuarterlyReport.objects.get(pk=report_id).status == "open"


def test_only_contact_departments_and_only_supervisors(
    api, legal, clerk_a, supervisor, profile, department_b
):
    refused = _activity(api, supervisor, department_b)
    assert refused.status_code == 400
    assert refused.json() == {"department": ["请选择您定点联系的部门。"]}
    assert _activity(api, clerk_a, department_b).status_code == 403
    assert _activity(api, legal, department_b).status_code == 403


def test_a_county_office_neither_sees_nor_decides_the_citys_supervisors(
    api, supervisor, profile, department_a, legal
):
    _report, problem = _filed(api, supervisor, department_a)
    county = jurisdiction("341321", "砀山县", legal.jurisdiction, "砀法监通")
    county_legal = office_staff(county, "DS-FZB")
    assert api(county_legal).get(f"/api/v1/supervisor-problems/{problem.pk}/").status_code == 404
    with at(NOV_20):
        answer = api(county_legal).post(
            f"/api/v1/supervisor-problems/{problem.pk}/close/", {"reason": "x"}
        )
    assert answer.status_code == 404


def test_the_whole_quarter_in_the_browser(browser, legal, supervisor, profile, department_a):
    browser.force_login(supervisor)
    with at(NOV_5):
        home = browser.get("/").content.decode()
        assert "我的季度工作：2026年第4季度" in home
        page = browser.post(
            "/supervisors/activities/new/",
            {
                "held_on": "2026-11-05",
                "department": department_a.pk,
                "kind": "on_site",
                "observations": "检查工地",
            },
        )
        assert page.status_code == 302
        report = QuarterlyReport.objects.get(supervisor=supervisor)
        url = f"/supervisors/reports/{report.pk}/"
        assert page["Location"] == url
        assert browser.post(f"{url}text/", {"text": "本季度书面报告。"}).status_code == 302
        attach = browser.post(f"{url}attach/", {"files": [SimpleUploadedFile("照片.pdf", PDF)]})
        assert attach.status_code == 302
        assert (
            browser.post(
                f"{url}problem/", {"department": department_a.pk, "description": "未出示证件。"}
            ).status_code
            == 302
        )
        # Filing cannot be undone: it asks for a confirmation first.
        assert browser.post(f"{url}submit/", {"confirm_required": "1"}).status_code == 400
        assert (
            browser.post(f"{url}submit/", {"confirm_required": "1", "confirmed": "1"}).status_code
            == 302
        )
        assert browser.post(f"{url}submit/", {}).status_code == 409
        body = browser.get(url).content.decode()
        assert "已报送，审核中" in body
        assert "照片.pdf" in body
        attachment = report.attachments.get()
        assert browser.get(f"{url}attachments/{attachment.pk}/").status_code == 200
    browser.force_login(legal)
    problem = report.problems.get()
    with at(NOV_20):
        assert (
            browser.post(f"/supervisors/problems/{problem.pk}/finding/", {"due_on": ""}).status_code
            == 302
        )
        assert browser.post(f"{url}review/", {}).status_code == 302
    browser.force_login(supervisor)
    with at(NOV_20):
        home = browser.get("/").content.decode()
    assert "未出示证件。" in home
    assert "整改事项：整改中" in home


def test_opening_my_quarter_reads_and_only_a_post_starts_the_report(
    browser, supervisor, profile, clerk_a
):
    browser.force_login(supervisor)
    with at(NOV_5):
        page = browser.get("/supervisors/mine/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "2026年第4季度书面报告" in text
        assert "尚未开始" in text
        assert "2026年12月31日" in text
        assert 'action="/supervisors/mine/"' in text
        assert "开始撰写本季度报告" in text
        # Reading the page, twice, writes nothing.
        browser.get("/supervisors/mine/")
        assert not QuarterlyReport.objects.exists()
        started = browser.post("/supervisors/mine/")
        report = QuarterlyReport.objects.get()
        assert (report.supervisor, report.year, report.quarter) == (supervisor, 2026, 4)
        assert started["Location"] == report.get_absolute_url()
        # Started: the page goes to the report; a second start opens no other.
        assert browser.get("/supervisors/mine/")["Location"] == report.get_absolute_url()
        assert browser.post("/supervisors/mine/")["Location"] == report.get_absolute_url()
        assert QuarterlyReport.objects.count() == 1
    browser.force_login(clerk_a)
    assert browser.get("/supervisors/mine/").status_code == 404
    assert browser.post("/supervisors/mine/").status_code == 404
