"""The public files a complaint on the web form (no login), gets its tracking code once, and
follows it by that code to the published answer."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints import services, tracking
from complaints.models import Complainant, Complaint
from supervision.models import AuditEntry
from tests.clock import at
from tests.samples import EXECUTABLE, PNG

from .conftest import NAME, PHONE, D, answered

pytestmark = pytest.mark.django_db

NEW = "/public/complaints/new/"
TRACK = "/public/complaints/track/"


def form(department, **extra):
    return {
        "jurisdiction": department.jurisdiction_id,
        "department": department.pk,
        "facts": "城管队员暴力收缴我的三轮车，没有出具任何手续。",
        "request": "要求退还车辆并道歉。",
        "place": "宿州市埇桥区汴河路",
        "happened_on": "2026-03-01",
        "name": NAME,
        "phone": PHONE,
        **extra,
    }


def file_one(browser, department, **extra):
    response = browser.post(NEW, form(department, **extra))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/public/complaints/filed/"
    page = browser.get("/public/complaints/filed/")
    code = re.search(r"TS(?:-[0-9A-Z]{4}){7}", page.content.decode()).group(0)
    return page, code


def test_the_form_is_made_for_a_phone_and_offers_the_levels(browser, department_a, county):
    page = browser.get(NEW)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="viewport" content="width=device-width' in html
    assert "砀山县" in html
    assert department_a.name in html
    assert "captcha" not in html.lower()
    assert "<script>" not in html
    assert "onclick" not in html


def test_a_complaint_is_filed_and_its_code_shown_once(browser, department_a, legal):
    with at(D(2026, 3, 2)):
        page, code = file_one(browser, department_a)
    assert "只显示这一次" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    # Shown once: the page does not show it again.
    again = browser.get("/public/complaints/filed/")
    assert again.status_code == 302
    assert code not in again.content.decode()

    complaint = Complaint.objects.get()
    assert complaint.channel == "online"
    assert complaint.received_on == D(2026, 3, 2)
    assert complaint.accept_due == D(2026, 3, 9)  # 5 working days after Monday 2 March
    assert Complainant.objects.get(complaint=complaint).phone == PHONE
    # Only a digest is kept: neither the code nor its characters are stored anywhere.
    assert complaint.tracking_digest == tracking.digest(code)
    normal = tracking.normalise(code)
    for entry in AuditEntry.objects.all():
        dumped = str(entry.before) + str(entry.after) + entry.reason
        assert normal not in dumped
        assert NAME not in dumped
        assert PHONE not in dumped


def test_following_the_code_shows_the_status_then_the_published_answer(
    browser, department_a, legal, clerk_a
):
    with at(D(2026, 3, 2)):
        _page, code = file_one(browser, department_a)
    status = browser.get(f"/public/complaints/{code}/")
    html = status.content.decode()
    assert status.status_code == 200
    assert "待受理" in html
    assert department_a.name in html
    assert status["Referrer-Policy"] == "same-origin"

    complaint = Complaint.objects.get()
    with at(D(2026, 3, 3)):
        services.complaint_accept(complaint=complaint, actor=legal, assign=True)
    with at(D(2026, 3, 10)):
        services.complaint_answer(
            complaint=complaint,
            actor=clerk_a,
            investigation="内部调查记录：队员张某承认未出具手续。",
            answer="经查属实，车辆已退还，当事队员已作检查。",
            outcome="true",
        )
    html = browser.get(f"/public/complaints/{code}/").content.decode()
    assert "车辆已退还" not in html  # not published before the legal office approves it
    with at(D(2026, 3, 11)):
        services.complaint_approve(complaint=complaint, actor=legal)
    # Typed by hand: lower case, no dashes, O for 0 — the same complaint.
    typed = code.lower().replace("-", " ").replace("0", "o")
    html = browser.post(TRACK, {"code": typed}).content.decode()
    assert "已办结" in html
    assert "车辆已退还" in html
    assert "属实" in html
    assert "内部调查记录" not in html
    assert "legal" not in html


def test_a_wrong_code_says_nothing_about_others(browser, department_a):
    with at(D(2026, 3, 2)):
        file_one(browser, department_a)
    wrong = tracking.new_code()
    for response in (
        browser.get(f"/public/complaints/{wrong}/"),
        browser.get("/public/complaints/not-a-code/"),
        browser.post(TRACK, {"code": wrong}),
    ):
        assert response.status_code == 404
        assert "没有与此查询码对应的投诉" in response.content.decode()


def test_anonymous_complaints_keep_no_identity(browser, department_a):
    with at(D(2026, 3, 2)):
        file_one(browser, department_a, anonymous="on", name="", phone="")
    complaint = Complaint.objects.get()
    assert complaint.anonymous
    assert not Complainant.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"facts": ""}, "facts", "该字段是必填项。"),
        ({"name": ""}, "name", "请填写姓名，或选择匿名投诉。"),
        ({"phone": "abc"}, "phone", "这不是有效的电话号码。"),
        ({"happened_on": "2026-03-05"}, "happened_on", "发生日期不能晚于收到投诉的日期。"),
    ],
)
def test_bad_input_is_answered_field_by_field(browser, department_a, changes, field, message):
    with at(D(2026, 3, 2)):
        response = browser.post(NEW, form(department_a, **changes))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not Complaint.objects.exists()


def test_the_department_must_belong_to_the_chosen_level(browser, department_a, county):
    response = browser.post(NEW, form(department_a, jurisdiction=county.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["department"]
    assert not Complaint.objects.exists()


def test_a_disguised_file_is_refused_and_nothing_is_saved(browser, department_a):
    bad = SimpleUploadedFile("photo.jpg", EXECUTABLE, content_type="image/jpeg")
    response = browser.post(NEW, {**form(department_a), "files": [bad]})
    assert response.status_code == 400
    assert response.context["form"].errors["files"]
    assert not Complaint.objects.exists()


def test_photos_are_kept_as_evidence(browser, department_a):
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    with at(D(2026, 3, 2)):
        browser.post(NEW, {**form(department_a), "files": [photo]})
    assert Complaint.objects.get().attachments.get().kind == "evidence"


def test_the_department_list_follows_the_level(browser, department_a, county, county_department):
    html = browser.get(
        reverse("public-complaints:departments"), {"jurisdiction": county.pk}
    ).content.decode()
    assert county_department.name in html
    assert department_a.name not in html


def test_filing_and_code_lookups_are_rate_limited_per_address(browser, department_a, settings):
    settings.COMPLAINT_SUBMIT_RATE = "2/h"
    settings.COMPLAINT_TRACK_RATE = "3/h"
    with at(D(2026, 3, 2)):
        assert browser.post(NEW, form(department_a)).status_code == 302
        assert browser.post(NEW, form(department_a)).status_code == 302
        limited = browser.post(NEW, form(department_a))
    assert limited.status_code == 429
    assert limited["Retry-After"]
    assert Complaint.objects.count() == 2
    assert browser.get(NEW).status_code == 200  # reading the form is not filing
    codes = [browser.post(TRACK, {"code": tracking.new_code()}).status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]
    # Another address is counted on its own.
    other = browser.post(TRACK, {"code": tracking.new_code()}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 404


def test_the_public_api_files_and_tracks(api, department_a, legal, clerk_a):
    client = api()
    with at(D(2026, 3, 2)):
        response = client.post(
            "/api/v1/public/complaints/",
            {
                "jurisdiction": department_a.jurisdiction_id,
                "department": department_a.pk,
                "facts": "执法人员未出示证件。",
                "anonymous": True,
            },
            format="json",
        )
    assert response.status_code == 201, response.json()
    code = response.json()["tracking_code"]
    assert tracking.normalise(code)
    tracked = client.post("/api/v1/public/complaints/track/", {"code": code}, format="json")
    assert tracked.status_code == 200
    assert tracked.json()["status"] == "received"
    assert tracked.json()["answer"] is None
    assert set(tracked.json()) >= {"department", "status_label", "accept_due"}
    assert "investigation" not in tracked.json()
    assert "complainant" not in tracked.json()
    missing = client.post(
        "/api/v1/public/complaints/track/", {"code": tracking.new_code()}, format="json"
    )
    assert missing.status_code == 404


def test_the_public_api_answers_bad_input_in_chinese(api, department_a):
    where = {"jurisdiction": department_a.jurisdiction_id, "department": department_a.pk}
    response = api().post("/api/v1/public/complaints/", {**where, "x": 1}, format="json")
    assert response.status_code == 400
    assert response.json() == {"x": ["不接受该字段。"]}
    response = api().post("/api/v1/public/complaints/", where, format="json")
    assert response.json() == {"facts": ["该字段是必填项。"]}
    response = api().post(
        "/api/v1/public/complaints/",
        {
            "jurisdiction": department_a.jurisdiction_id,
            "department": department_a.pk,
            "facts": "某事",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["name"]
    assert not Complaint.objects.exists()


def test_answered_complaints_show_nothing_unpublished(browser, legal, clerk_a, department_a):
    complaint = answered(legal, clerk_a, department_a)
    assert complaint.status == "answered"
