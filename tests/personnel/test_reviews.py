"""Annual reviews: one per certificate and year, recorded singly or for a list (all or none), and
the rule annual_review: reminders before the grace date, notices after it, per department."""

import pytest

from personnel import services
from personnel.models import AnnualReview, Certificate
from supervision.calendar import WorkingCalendar
from supervision.deadlines import get_rule, run_deadline_checks
from supervision.models import AuditEntry, HolidaySchedule, Notice, ScheduleDay

from .conftest import D, certify, make_officer


@pytest.fixture
def unreviewed(legal, officer_a):
    return certify(officer_a, legal, issued_on=D(2025, 3, 1), reviewed=())


def test_the_legal_office_records_a_review(api, legal, unreviewed):
    response = api(legal).post(
        "/api/v1/annual-reviews/",
        {"certificate": unreviewed.pk, "year": 2026, "result": "passed", "note": "材料齐全"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["reviewed_on"] == "2026-06-15"
    assert response.json()["recorded_by"] == "legal"
    review = AnnualReview.objects.get()
    assert AuditEntry.objects.for_record(review).get().action == "record"
    unreviewed.refresh_from_db()
    assert unreviewed.review_due == D(2027, 3, 31)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2025, "2025年发放的证件自2026年度起年审。"),
        (2028, "2028年度年审尚不能登记。"),
    ],
)
def test_a_year_out_of_range_is_a_field_error(api, legal, unreviewed, year, message):
    response = api(legal).post(
        "/api/v1/annual-reviews/",
        {"certificate": unreviewed.pk, "year": year, "result": "passed"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"year": [message]}
    assert not AnnualReview.objects.exists()


def test_one_review_per_certificate_and_year(api, legal, certificate_a):
    response = api(legal).post(
        "/api/v1/annual-reviews/",
        {"certificate": certificate_a.pk, "year": 2026, "result": "failed"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"year": ["2026年度年审已登记。"]}


def test_a_revoked_certificate_is_not_reviewed(api, legal, unreviewed):
    services.certificate_revoke(certificate=unreviewed, actor=legal, reason="收回")
    response = api(legal).post(
        "/api/v1/annual-reviews/",
        {"certificate": unreviewed.pk, "year": 2026, "result": "passed"},
        format="json",
    )
    assert response.json() == {"year": ["该证件状态为“收回”，不再进行年审。"]}


def test_a_clerk_reads_reviews_but_does_not_record(api, clerk_a, clerk_b, certificate_a):
    assert api(clerk_a).get("/api/v1/annual-reviews/").json()["count"] == 1
    assert api(clerk_b).get("/api/v1/annual-reviews/").json()["count"] == 0
    review = AnnualReview.objects.get()
    assert api(clerk_b).get(f"/api/v1/annual-reviews/{review.pk}/").status_code == 404
    response = api(clerk_a).post(
        "/api/v1/annual-reviews/",
        {"certificate": certificate_a.pk, "year": 2027, "result": "passed"},
        format="json",
    )
    assert response.status_code == 403


def test_bulk_recording_is_all_or_nothing(api, legal, published_a, published_b):
    first = certify(make_officer(published_a, "甲", 1), legal, reviewed=())
    second = certify(make_officer(published_b, "乙", 2), legal, reviewed=())
    done = certify(make_officer(published_a, "丙", 3), legal, reviewed=(2026,))
    refused = api(legal).post(
        "/api/v1/annual-reviews/bulk/",
        {"certificates": [first.pk, second.pk, done.pk], "year": 2026, "result": "passed"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json() == {"certificates": [f"{done.number}: 2026年度年审已登记。"]}
    assert AnnualReview.objects.filter(year=2026).count() == 1
    recorded = api(legal).post(
        "/api/v1/annual-reviews/bulk/",
        {"certificates": [first.pk, second.pk], "year": 2026, "result": "passed"},
        format="json",
    )
    assert recorded.status_code == 201
    assert len(recorded.json()) == 2
    assert set(
        Certificate.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "review_due", flat=True
        )
    ) == {D(2027, 3, 31)}
    assert AuditEntry.objects.filter(action="record").count() == 3


def test_bulk_needs_certificates_and_refuses_clerks(api, legal, clerk_a):
    empty = api(legal).post(
        "/api/v1/annual-reviews/bulk/",
        {"certificates": [], "year": 2026, "result": "passed"},
        format="json",
    )
    assert empty.status_code == 400
    assert "certificates" in empty.json()
    assert (
        api(clerk_a)
        .post(
            "/api/v1/annual-reviews/bulk/",
            {"certificates": [1], "year": 2026, "result": "passed"},
            format="json",
        )
        .status_code
        == 403
    )


def test_bulk_recording_in_the_browser(browser, legal, published_a):
    certificates = [
        certify(make_officer(published_a, f"人员{n}", n), legal, reviewed=()) for n in range(3)
    ]
    browser.force_login(legal)
    page = browser.get("/personnel/reviews/record/").content.decode()
    for certificate in certificates:
        assert certificate.number in page
    response = browser.post(
        "/personnel/reviews/record/",
        {"certificates": [c.pk for c in certificates[:2]], "year": 2026, "result": "passed"},
    )
    assert response.status_code == 302
    assert AnnualReview.objects.count() == 2
    listing = browser.get(response["Location"]).content.decode()
    assert "已登记2条年审结果。" in listing
    again = browser.post(
        "/personnel/reviews/record/",
        {"certificates": [c.pk for c in certificates], "year": 2026, "result": "passed"},
    )
    assert again.status_code == 400
    assert "2026年度年审已登记。" in again.content.decode()
    assert AnnualReview.objects.count() == 2


def test_a_single_review_in_the_browser(browser, legal, clerk_a, unreviewed):
    browser.force_login(legal)
    response = browser.post(
        f"/personnel/certificates/{unreviewed.pk}/review/",
        {"year": 2026, "result": "failed"},
        follow=True,
    )
    assert "年审结果已登记。" in response.content.decode()
    assert AnnualReview.objects.get().result == "failed"
    browser.force_login(clerk_a)
    assert (
        "登记年审结果"
        not in browser.get(f"/personnel/certificates/{unreviewed.pk}/").content.decode()
    )


def test_the_review_list_exports_the_filtered_rows(browser, legal, published_a):
    from io import BytesIO

    from openpyxl import load_workbook

    certify(make_officer(published_a, "甲", 1), legal, reviewed=(2026,))
    failed = certify(make_officer(published_a, "乙", 2), legal, reviewed=())
    services.annual_review_record(certificate=failed, year=2026, result="failed", actor=legal)
    browser.force_login(legal)
    export = browser.get("/personnel/reviews/?result=failed&export=xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [(r[2], r[4]) for r in rows[1:]] == [("乙", "未通过")]


# The rule annual_review.


def notices():
    return list(Notice.objects.filter(rule="annual_review").order_by("id"))


@pytest.fixture
def two_departments(legal, published_a, published_b):
    return [
        certify(make_officer(published_a, "甲", 1), legal, reviewed=()),
        certify(make_officer(published_a, "乙", 2), legal, reviewed=()),
        certify(make_officer(published_b, "丙", 3), legal, reviewed=()),
    ]


def test_one_reminder_per_department_in_the_30_days_before(two_departments):
    run_deadline_checks(D(2026, 2, 28))
    assert notices() == []
    run_deadline_checks(D(2026, 3, 1))
    run_deadline_checks(D(2026, 3, 20))
    found = notices()
    assert [(n.kind, n.department.code) for n in found] == [
        ("reminder", "ZJJ"),
        ("reminder", "JTJ"),
    ]
    assert found[0].subject == "关于2026年度执法证件年审注册须于2026年3月31日前完成的提醒"
    assert "甲（皖ZFZJJ202500001）" in found[0].body
    assert "乙（皖ZFZJJ202500002）" in found[0].body
    assert "丙" not in found[0].body
    assert found[0].due_date == D(2026, 3, 31)


def test_a_notice_after_the_grace_date_lists_those_not_reviewed(two_departments, legal):
    services.annual_review_record(
        certificate=two_departments[0], year=2026, result="passed", actor=legal
    )
    run_deadline_checks(D(2026, 3, 31))
    assert [n.kind for n in notices()] == ["reminder", "reminder"]
    run_deadline_checks(D(2026, 4, 1))
    run_deadline_checks(D(2026, 4, 2))
    overdue = [n for n in notices() if n.kind == "overdue"]
    assert [n.department.code for n in overdue] == ["ZJJ", "JTJ"]
    assert "甲" not in overdue[0].body
    assert "乙（皖ZFZJJ202500002）" in overdue[0].body
    assert overdue[0].subject == "关于执法证件未通过2026年度年审注册的通知"


def test_withheld_certificates_are_not_in_the_notices(two_departments, legal):
    for certificate in two_departments:
        services.certificate_withhold(certificate=certificate, actor=legal, reason="暂扣")
    run_deadline_checks(D(2026, 4, 1))
    assert notices() == []


def test_recompute_after_a_schedule_moves_the_grace_date(two_departments, legal):
    """2027 is a year the package does not know: a schedule entered later moves the due date."""
    services.annual_reviews_record(
        certificates=two_departments, year=2026, result="passed", actor=legal
    )
    assert Certificate.objects.filter(review_due=D(2027, 3, 31)).count() == 3
    schedule = HolidaySchedule.objects.create(year=2027)
    ScheduleDay.objects.create(schedule=schedule, day=D(2027, 3, 31), is_working_day=False)
    changed = get_rule("annual_review").recompute(WorkingCalendar.load())
    assert changed == 3
    assert Certificate.objects.filter(review_due=D(2027, 4, 1)).count() == 3
