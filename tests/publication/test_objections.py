"""Objections to normative documents (异议审查): anyone objects to a document found without
problem, follows it with a tracking code; the legal office of the document's level answers within
the period (30 days, a setting); nobody's identity reaches the public or the department."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publication import services
from publication.models import Objection
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from supervision.models import Notice
from tests.clock import at

from .conftest import D, register_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_document(clerk_a, legal):
    with at(D(2026, 9, 2)):
        document = register_document(clerk_a)
        services.document_file(document=document, actor=clerk_a)
    return services.document_review(document=document, actor=legal, result="no_problem")


RECEIVED = D(2026, 10, 9)


def object_to(document, day=RECEIVED):
    with at(day):
        return services.objection_file(
            document=document, name="李某", contact="13800000000", grounds="第五条与上位法抵触。"
        )


def test_the_answer_is_due_30_days_after_receipt_on_a_working_day(published_document):
    objection = object_to(published_document)  # 30 days later: Sunday 8 November
    assert objection.due == D(2026, 11, 9)
    assert objection.tracking_code.startswith("YY-")
    # Only the digest is kept: the code is shown once and opens the objection.
    stored = Objection.objects.get()
    assert objection.tracking_code not in str(stored.__dict__)
    assert services.objection_by_code(objection.tracking_code) == stored
    assert services.objection_by_code(objection.tracking_code.lower().replace("-", " ")) == stored
    assert services.objection_by_code("YY" + objection.tracking_code[3:-1]) is None


def test_the_period_is_a_setting(settings, published_document):
    settings.NORMATIVE_DOCUMENT_OBJECTION_DAYS = 20
    assert object_to(published_document).due == D(2026, 10, 29)


def test_only_a_document_found_without_problem_is_open_to_objections(clerk_a):
    with at(D(2026, 9, 2)):
        document = register_document(clerk_a)
    with pytest.raises(ValidationError):
        object_to(document)


def test_the_public_objects_and_follows_it_without_seeing_anyone(client, published_document):
    url = f"/public/normative-documents/{published_document.pk}/objection/"
    assert client.get(url).status_code == 200
    empty = client.post(url, {"name": "", "contact": "", "grounds": ""})
    assert empty.status_code == 400
    assert not Objection.objects.exists()
    with at(D(2026, 10, 9)):
        response = client.post(
            url, {"name": "李某", "contact": "13800000000", "grounds": "与上位法抵触。"}
        )
        assert response.status_code == 302
        assert "code" not in response["Location"]
        shown = client.get(response["Location"])
        again = client.get(response["Location"], follow=True)
    objection = Objection.objects.get()
    body = shown.content.decode()
    code = re.search(r"YY(?:-[0-9A-Z]{4}){7}", body).group()
    assert "no-store" in shown["Cache-Control"]
    assert objection.reference in body
    assert "2026年11月9日" in body
    assert "李某" not in body
    assert "13800000000" not in body
    # Shown once: coming back shows the look-up form, not the code.
    assert code not in again.content.decode()
    tracked = client.post("/public/objections/", {"code": code.lower()})
    assert tracked.status_code == 200
    assert "2026年11月9日" in tracked.content.decode()
    wrong = client.post("/public/objections/", {"code": "YY-" + "0" * 28})
    assert wrong.status_code == 404
    assert "未找到该查询码对应的异议" in wrong.content.decode()
    assert client.post("/public/objections/", {"code": ""}).status_code == 400


def test_the_office_of_the_level_answers_the_department_never_sees_it(
    browser, published_document, legal, clerk_a, county_legal
):
    objection = object_to(published_document)
    with pytest.raises(PermissionDenied):
        services.objection_answer(objection=objection, actor=county_legal, answer="x")
    with pytest.raises(ValidationError) as empty:
        services.objection_answer(objection=objection, actor=legal, answer=" ")
    assert empty.value.message_dict == {"answer": ["请填写答复意见。"]}
    browser.force_login(clerk_a)
    assert browser.get(objection.get_absolute_url()).status_code == 404
    assert browser.get("/publication/objections/").status_code == 404
    browser.force_login(legal)
    assert "李某" in browser.get(objection.get_absolute_url()).content.decode()
    with at(D(2026, 10, 20)):
        response = browser.post(
            f"/publication/objections/{objection.pk}/answer/", {"answer": "经审查，不抵触。"}
        )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert (objection.answered_on, objection.answered_by) == (D(2026, 10, 20), legal)
    with pytest.raises(TransitionNotAllowed):
        services.objection_answer(objection=objection, actor=legal, answer="again")


def test_an_unanswered_objection_is_noticed_to_the_office_once(published_document, legal):
    object_to(published_document)
    with at(D(2026, 11, 10)):
        run_deadline_checks(D(2026, 11, 10))
        run_deadline_checks(D(2026, 11, 10))
    notice = Notice.objects.get(rule="normative_document_objection", kind="overdue")
    assert notice.department_id is None


def test_the_public_api_files_and_follows_an_objection(client, published_document, clerk_a):
    with at(RECEIVED):
        response = client.post(
            "/api/v1/public/objections/",
            {
                "document": published_document.pk,
                "name": "李某",
                "contact": "13800000000",
                "grounds": "与上位法抵触。",
            },
            content_type="application/json",
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["due"] == "2026-11-09"
    assert "name" not in body
    assert "contact" not in body
    assert body["tracking_code"].startswith("YY-")
    followed = client.post(
        "/api/v1/public/objections/track/",
        {"code": body["tracking_code"]},
        content_type="application/json",
    ).json()
    assert followed["tracking_code"] is None
    assert set(followed) == {
        "tracking_code",
        "reference",
        "document",
        "received_on",
        "due",
        "answered_on",
        "answer",
    }
    with at(D(2026, 9, 2)):
        unfiled = register_document(clerk_a, number="宿建规〔2026〕7号")
    refused = client.post(
        "/api/v1/public/objections/",
        {"document": unfiled.pk, "name": "x", "contact": "x", "grounds": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert list(refused.json()) == ["document"]
    missing = client.post(
        "/api/v1/public/objections/track/",
        {"code": "YYNOTACODE00"},
        content_type="application/json",
    )
    assert missing.status_code == 404
