"""/api/v1/decisions/: fields, who may write, the review gate, filters, errors in Chinese."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import MajorDecision
from tests.clock import at
from tests.factories import PDF

from .conftest import D, decided, passed, register

URL = "/api/v1/decisions/"


def new_decision(category, **extra):
    return {
        "case_number": "宿建罚决〔2026〕9号",
        "title": "某混凝土公司未按规定检测案",
        "party": "宿州某混凝土有限公司",
        "category": category.pk,
        "summary": "未按规定对混凝土进行检测。",
        **extra,
    }


def test_the_documented_fields(api, legal, clerk_a, category_a):
    decided(clerk_a, legal, category_a, made_on=D(2026, 9, 25))
    with at(D(2026, 10, 9)):
        body = api(clerk_a).get(URL).json()
    (row,) = body["results"]
    assert {
        "id",
        "department",
        "case_number",
        "title",
        "party",
        "review_status",
        "decision_date",
        "filing_due",
        "filed_on",
        "filing_status",
    } <= set(row)
    assert row["department"] == clerk_a.department_id
    assert row["review_status"] == "passed"
    assert row["decision_date"] == "2026-09-25"
    assert row["filing_due"] == "2026-10-08"
    assert row["filing_status"] == "overdue"
    assert row["filing_due_provisional"] is False
    deadline = row["deadline"]
    assert deadline["raw_last_day"] == "2026-10-05"
    assert deadline["skipped"] == ["2026-10-05", "2026-10-06", "2026-10-07"]
    assert deadline["due"] == "2026-10-08"
    assert "2026年10月8日" in deadline["explanation"]


def test_a_clerk_registers_for_their_own_department(api, clerk_a, category_a):
    with at(D(2026, 3, 2)):
        response = api(clerk_a).post(URL, new_decision(category_a), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["department"] == clerk_a.department_id
    assert response.json()["review_status"] == "pending"
    assert response.json()["filing_status"] == "not_decided"


def test_a_clerk_may_not_name_a_department(api, clerk_a, category_a, department_b):
    response = api(clerk_a).post(
        URL, new_decision(category_a, department=department_b.pk), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"department": ["不接受该字段。"]}
    assert not MajorDecision.objects.exists()


def test_a_client_may_not_set_the_status_or_dates(api, clerk_a, category_a):
    response = api(clerk_a).post(
        URL,
        new_decision(category_a, review_status="passed", decision_date="2026-03-01"),
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"review_status", "decision_date"}
    assert not MajorDecision.objects.exists()


def test_the_legal_office_names_the_department(api, legal, department_a, category_a):
    missing = api(legal).post(URL, new_decision(category_a), format="json")
    assert missing.status_code == 400
    assert missing.json() == {"department": ["该字段是必填项。"]}
    response = api(legal).post(
        URL, new_decision(category_a, department=department_a.pk), format="json"
    )
    assert response.status_code == 201
    assert response.json()["department"] == department_a.pk


def test_bad_input_answers_field_errors_in_chinese(api, clerk_a, category_a, category_b):
    register(clerk_a, category_a, number="宿建罚决〔2026〕9号")
    duplicate = api(clerk_a).post(URL, new_decision(category_a), format="json")
    assert duplicate.status_code == 400
    assert duplicate.json() == {"case_number": ["本部门已有该案号的重大行政执法决定。"]}
    # Another department's category is not even visible to the clerk.
    foreign = api(clerk_a).post(URL, new_decision(category_b, case_number="x"), format="json")
    assert foreign.status_code == 400
    assert "category" in foreign.json()
    assert "对象不存在" in foreign.json()["category"][0]
    empty = api(clerk_a).post(URL, {}, format="json")
    assert empty.status_code == 400
    assert empty.json()["title"] == ["该字段是必填项。"]
    assert MajorDecision.objects.count() == 1


def test_review_is_for_the_legal_office_only(api, legal, clerk_a, clerk_b, pending_a):
    url = f"{URL}{pending_a.pk}/review/"
    assert api(clerk_b).post(url, {"result": "passed"}, format="json").status_code == 404
    assert api(clerk_a).post(url, {"result": "passed"}, format="json").status_code == 403
    response = api(legal).post(url, {"result": "passed", "opinion": "同意。"}, format="json")
    assert response.status_code == 200
    assert response.json()["review_status"] == "passed"
    again = api(legal).post(url, {"result": "failed", "opinion": "x"}, format="json")
    assert again.status_code == 409
    assert again.json() == {"detail": "该决定已通过法制审核。"}


def test_a_failed_review_without_reasons_is_a_field_error(api, legal, pending_a):
    response = api(legal).post(f"{URL}{pending_a.pk}/review/", {"result": "failed"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"opinion": ["审核不通过的，应当填写审核意见，说明理由。"]}
    wrong = api(legal).post(f"{URL}{pending_a.pk}/review/", {"result": "ok"}, format="json")
    assert wrong.status_code == 400
    assert "result" in wrong.json()


def test_the_review_gate_through_the_api(api, clerk_a, pending_a):
    with at(D(2026, 3, 3)):
        response = api(clerk_a).post(
            f"{URL}{pending_a.pk}/decide/", {"decision_date": "2026-03-03"}, format="json"
        )
    assert response.status_code == 409
    assert response.json() == {"detail": "该决定尚未通过法制审核（正在审核中），不能登记为已作出。"}
    assert MajorDecision.objects.get().decision_date is None


def test_decide_and_file_through_the_api(api, legal, clerk_a, category_a):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 4))
    with at(D(2026, 3, 5)):
        made = api(clerk_a).post(
            f"{URL}{decision.pk}/decide/", {"decision_date": "2026-03-05"}, format="json"
        )
    assert made.status_code == 200
    assert made.json()["filing_due"] == "2026-03-16"
    assert made.json()["deadline"]["skipped"] == ["2026-03-15"]
    with at(D(2026, 3, 17)):
        future = api(clerk_a).post(
            f"{URL}{decision.pk}/file/", {"filed_on": "2026-03-18"}, format="json"
        )
        assert future.status_code == 400
        assert future.json() == {"filed_on": ["备案日期不能晚于今天。"]}
        incomplete = api(clerk_a).post(f"{URL}{decision.pk}/file/", {}, format="json")
        assert incomplete.status_code == 409
        assert incomplete.json() == {"detail": "备案材料不全：请先上传行政执法决定书，再报送备案。"}
        attached = api(clerk_a).post(
            f"{URL}{decision.pk}/attachments/",
            {
                "kind": "decision",
                "upload": SimpleUploadedFile("决定书.pdf", PDF, "application/pdf"),
            },
            format="multipart",
        )
        assert attached.status_code == 201, attached.json()
        assert [a["kind"] for a in attached.json()["attachments"]] == ["decision"]
        filed = api(clerk_a).post(f"{URL}{decision.pk}/file/", {}, format="json")
    assert filed.status_code == 200
    assert filed.json()["filed_on"] == "2026-03-17"
    assert filed.json()["filing_status"] == "filed_late"
    assert filed.json()["receipt"] == "awaiting"
    again = api(clerk_a).post(f"{URL}{decision.pk}/file/", {}, format="json")
    assert again.status_code == 409
    assert again.json() == {"detail": "该决定已经备案。"}


def test_a_future_decision_date_is_a_field_error(api, legal, clerk_a, category_a):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 4))
    with at(D(2026, 3, 5)):
        response = api(clerk_a).post(
            f"{URL}{decision.pk}/decide/", {"decision_date": "2026-03-06"}, format="json"
        )
        bad = api(clerk_a).post(
            f"{URL}{decision.pk}/decide/", {"decision_date": "3月5日"}, format="json"
        )
    assert response.status_code == 400
    assert response.json() == {"decision_date": ["决定日期不能晚于今天。"]}
    assert bad.status_code == 400
    assert "日期格式错误" in bad.json()["decision_date"][0]


def test_correct_and_resubmit_through_the_api(api, legal, clerk_a, pending_a):
    api(legal).post(
        f"{URL}{pending_a.pk}/review/",
        {"result": "failed", "opinion": "缺少听证材料。"},
        format="json",
    )
    response = api(clerk_a).patch(
        f"{URL}{pending_a.pk}/", {"summary": "已补充听证材料。"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["review_status"] == "pending"


def test_a_filed_decision_cannot_be_changed_through_the_api(api, legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3))
    with at(D(2026, 3, 4)):
        api(clerk_a).post(f"{URL}{decision.pk}/file/", {}, format="json")
    response = api(clerk_a).patch(f"{URL}{decision.pk}/", {"title": "新"}, format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": "该决定已备案，不能再修改。"}


def test_scoping_404_for_another_departments_decision(api, clerk_b, pending_a, supervisor):
    for method, suffix, data in [
        ("get", "", None),
        ("patch", "", {"title": "x"}),
        ("post", "decide/", {"decision_date": "2026-03-03"}),
        ("post", "file/", {}),
        ("post", "review/", {"result": "passed"}),
    ]:
        response = getattr(api(clerk_b), method)(
            f"{URL}{pending_a.pk}/{suffix}", data, format="json"
        )
        assert response.status_code == 404, (method, suffix)
    assert api(clerk_b).get(URL).json()["count"] == 0
    assert api(supervisor).get(URL).json()["count"] == 0
    assert api().get(URL).status_code == 401


def test_filters(api, legal, clerk_a, clerk_b, category_a, category_b):
    decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3), number="A1")  # due 3-13
    decided(clerk_a, legal, category_a, made_on=D(2026, 3, 10), number="A2")  # due 3-20
    with at(D(2026, 3, 11)):
        register(clerk_a, category_a, number="A3")
        register(clerk_b, category_b, number="B1")

    def numbers(query, user=legal):
        with at(D(2026, 3, 16)):
            body = api(user).get(f"{URL}?{query}").json()
        return sorted(row["case_number"] for row in body["results"])

    assert numbers(f"department={clerk_b.department_id}") == ["B1"]
    assert numbers("review_status=pending") == ["A3", "B1"]
    assert numbers("filing_status=overdue") == ["A1"]
    assert numbers("filing_status=awaiting_filing") == ["A2"]
    assert numbers("filing_status=not_decided") == ["A3", "B1"]
    assert numbers("decision_date_after=2026-03-05") == ["A2"]
    assert numbers("decision_date_before=2026-03-05") == ["A1"]
    assert numbers("filing_due_after=2026-03-14&filing_due_before=2026-03-31") == ["A2"]
    assert numbers("q=A") == ["A1", "A2", "A3"]
    # A clerk filtering on another department sees nothing of it: the choice is not theirs.
    response = api(clerk_a).get(f"{URL}?department={clerk_b.department_id}")
    assert response.status_code == 400
    wrong = api(legal).get(f"{URL}?filing_status=lost")
    assert wrong.status_code == 400


@pytest.mark.parametrize("persona", ["legal", "clerk_a"])
def test_the_list_costs_the_same_queries_for_3_and_30_decisions(
    request, api, persona, legal, clerk_a, category_a
):
    user = request.getfixturevalue(persona)

    def make(count, start):
        for n in range(start, start + count):
            decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3), number=f"N{n}")

    def queries():
        with at(D(2026, 3, 20)), CaptureQueriesContext(connection) as captured:
            response = api(user).get(URL)
        assert response.status_code == 200
        return len(captured), response.json()["count"]

    make(3, 0)
    few, count_few = queries()
    make(27, 100)
    many, count_many = queries()
    assert (count_few, count_many) == (3, 30)
    assert few == many
    assert many <= 6
