"""A repeated submission is one record (issue 18): the same bulletin draft asked for six times, the
same reply sent six times, one after the other or at once; a draft is issued once."""

import datetime
import os
import threading

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from supervision import notices
from supervision.models import DocumentDraft, Notice, NoticeReply
from tests.conftest import api_client_for, running_in_ci

from .test_notices import DAY, draft

BULLETIN = {"start": "2026-03-01", "end": "2026-03-31"}


@pytest.fixture
def notice_a(department_a):
    return notices.issue([draft(department_a, "d:1")], rule="decision_filing", day=DAY)[0]


def bulletins():
    return DocumentDraft.objects.filter(kind=Notice.Kind.BULLETIN)


def test_six_bulletin_requests_make_one_bulletin(api, legal, notice_a):
    answers = [
        api(legal).post("/api/v1/notices/bulletin/", BULLETIN, format="json") for _ in range(6)
    ]
    assert {a.status_code for a in answers} == {201}
    assert {a.json()["id"] for a in answers} == {bulletins().get().pk}
    issued = [
        api(legal).post(f"/api/v1/notice-drafts/{bulletins().get().pk}/issue/").status_code
        for _ in range(6)
    ]
    assert issued[0] in (200, 201)
    assert Notice.objects.filter(kind=Notice.Kind.BULLETIN).count() == 1


def test_a_bulletin_asked_for_again_later_or_for_another_period_is_new(api, legal, notice_a):
    start = datetime.datetime(2026, 4, 1, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        api(legal).post("/api/v1/notices/bulletin/", BULLETIN, format="json")
        other = {"start": "2026-03-01", "end": "2026-03-30"}
        api(legal).post("/api/v1/notices/bulletin/", other, format="json")
        assert bulletins().count() == 2
        clock.shift(datetime.timedelta(minutes=11))
        api(legal).post("/api/v1/notices/bulletin/", BULLETIN, format="json")
    assert bulletins().count() == 3


def test_six_identical_replies_are_one(api, clerk_a, notice_a):
    for _ in range(6):
        response = api(clerk_a).post(
            f"/api/v1/notices/{notice_a.pk}/replies/", {"text": "已补报备案。"}, format="json"
        )
        assert response.status_code == 201
    assert notice_a.replies.count() == 1
    other = api(clerk_a).post(
        f"/api/v1/notices/{notice_a.pk}/replies/", {"text": "补充说明。"}, format="json"
    )
    assert other.status_code == 201
    assert notice_a.replies.count() == 2


def test_the_same_reply_with_its_attachment_twice_is_one(api, clerk_a, notice_a):
    for _ in range(2):
        upload = SimpleUploadedFile("报告.pdf", b"%PDF-1.4 report", content_type="application/pdf")
        api(clerk_a).post(
            f"/api/v1/notices/{notice_a.pk}/replies/",
            {"text": "见附件。", "attachment": upload},
            format="multipart",
        )
    assert notice_a.replies.count() == 1


def at_once(count, request):
    barrier = threading.Barrier(count)
    answers, errors = [], []

    def worker():
        try:
            barrier.wait()
            answers.append(request())
        except Exception as error:  # noqa: BLE001 — any error in a thread fails the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return answers


@pytest.mark.django_db(transaction=True)
def test_six_requests_at_once_make_one_bulletin_and_one_reply(legal, clerk_a, department_a):
    if connection.vendor != "postgresql":
        if running_in_ci() or os.environ.get("DATABASE_URL"):
            pytest.fail("this test needs PostgreSQL")
        pytest.skip("concurrency is tested on PostgreSQL")
    notice = notices.issue([draft(department_a, "d:1")], rule="decision_filing", day=DAY)[0]
    answers = at_once(
        6,
        lambda: api_client_for(legal).post("/api/v1/notices/bulletin/", BULLETIN, format="json"),
    )
    assert [a.status_code for a in answers] == [201] * 6
    assert bulletins().count() == 1
    answers = at_once(
        6,
        lambda: api_client_for(clerk_a).post(
            f"/api/v1/notices/{notice.pk}/replies/", {"text": "已补报备案。"}, format="json"
        ),
    )
    assert [a.status_code for a in answers] == [201] * 6
    assert NoticeReply.objects.count() == 1
