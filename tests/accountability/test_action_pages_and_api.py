"""Accountability pages and API: the legal office decides through a form, the record page links
its grounds and back, lists filter, export and keep their query count, and scope holds: another
department's or county's action is a 404; the city sees the county's but cannot act on them."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accountability import services
from accountability.models import AccountabilityAction
from personnel.models import Certificate
from tests.clock import at

from .conftest import D, conduct_record

Kind = AccountabilityAction.Kind


def page(response) -> str:
    return response.content.decode()


def decide(actor, department, kind, key, **extra):
    with at(D(2026, 3, 10)):
        return services.action_decide(
            actor=actor,
            department=department,
            kind=kind,
            facts="执法人员在检查中辱骂当事人。",
            grounds=[key],
            **extra,
        )


@pytest.fixture
def recommendation(legal, department_a, officer_a, ground_a):
    return decide(legal, department_a, Kind.TRANSFER_RECOMMENDATION, ground_a, officer=officer_a)


def test_the_legal_office_decides_a_withholding_through_the_form(
    browser, legal, department_a, certificate_a, ground_a
):
    browser.force_login(legal)
    form = page(browser.get(f"/accountability/actions/new/?grounds={ground_a}"))
    assert "作出责任追究决定" in form
    assert "不良执法行为记录（已核实）" in form
    with at(D(2026, 3, 10)):
        response = browser.post(
            "/accountability/actions/new/",
            {
                "department": department_a.pk,
                "kind": Kind.WITHHOLD_CERTIFICATE,
                "officer": certificate_a.officer_id,
                "certificate": certificate_a.pk,
                "facts": "执法人员在检查中辱骂当事人。",
                "grounds": [ground_a],
            },
            follow=True,
        )
    assert response.status_code == 200
    text = page(response)
    assert "责任追究决定已作出。" in text
    assert "暂扣执法证件" in text
    certificate_a.refresh_from_db()
    assert certificate_a.status == Certificate.Status.WITHHELD
    # The ground links to its record, and the record's officer to the officer's history.
    assert f'href="/personnel/conduct/{ground_a.split(":")[1]}/"' in text
    assert f"?officer={certificate_a.officer_id}" in text


def test_bad_input_is_a_400_in_chinese_with_nothing_saved(browser, legal, department_a, ground_a):
    browser.force_login(legal)
    response = browser.post(
        "/accountability/actions/new/",
        {"department": department_a.pk, "kind": Kind.REFERRAL, "facts": "x", "grounds": [ground_a]},
    )
    assert response.status_code == 400
    assert "请选择移送机关。" in page(response)
    assert not AccountabilityAction.objects.exists()


def test_clerks_and_supervisors_do_not_decide(browser, clerk_a, supervisor):
    for user in (clerk_a, supervisor):
        browser.force_login(user)
        assert browser.get("/accountability/actions/new/").status_code == 404


def test_the_department_answers_its_recommendation_on_the_page(
    browser, clerk_a, clerk_b, recommendation
):
    url = f"/accountability/actions/{recommendation.pk}/"
    browser.force_login(clerk_b)
    assert browser.get(url).status_code == 404
    assert browser.post(f"{url}answer/", {"answer": "x"}).status_code == 404
    browser.force_login(clerk_a)
    text = page(browser.get(url))
    assert "登记部门答复" in text
    assert "2026年4月9日" in text  # the explanation of the answer deadline
    with at(D(2026, 3, 20)):
        assert browser.post(f"{url}answer/", {"answer": ""}).status_code == 400
        response = browser.post(f"{url}answer/", {"answer": "已调离。"}, follow=True)
        assert "答复已登记。" in page(response)
        again = browser.post(f"{url}answer/", {"answer": "再次答复"})
    assert again.status_code == 409
    assert "该项追究已办结，答复已记录。" in page(again)


def test_the_list_filters_by_the_cited_record_and_exports(
    browser, legal, clerk_a, clerk_b, department_a, officer_a, conduct_a, ground_a, recommendation
):
    other = conduct_record(officer_a, description="另一次")
    decide(
        legal,
        department_a,
        Kind.TALK,
        f"personnel.conductrecord:{other.pk}",
        talk_on=D(2026, 3, 12),
    )
    browser.force_login(legal)
    cited = page(browser.get(f"/accountability/actions/?cited={ground_a}"))
    assert "建议调离执法岗位" in cited
    assert "约谈" not in cited.split("<tbody>")[1]
    export = browser.get(f"/accountability/actions/?export=xlsx&officer={officer_a.pk}")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row >= 2
    browser.force_login(clerk_b)
    assert "暂无责任追究。" in page(browser.get("/accountability/actions/"))
    export = browser.get("/accountability/actions/?export=xlsx")
    assert load_workbook(io.BytesIO(export.content)).active.max_row <= 2


def test_the_county_and_the_city(
    browser, api, legal, county_legal, county_clerk, county_department, county_officer, clerk_a
):
    record = conduct_record(county_officer)
    action = decide(
        county_legal,
        county_department,
        Kind.TALK,
        f"personnel.conductrecord:{record.pk}",
        talk_on=D(2026, 3, 20),
    )
    url = f"/accountability/actions/{action.pk}/"
    browser.force_login(legal)
    text = page(browser.get(url))
    assert "记录约谈" not in text  # the city sees the county's action, does not act on it
    with at(D(2026, 3, 20)):
        assert browser.post(f"{url}answer/", {"answer": "x", "attendees": "y"}).status_code == 403
    browser.force_login(clerk_a)
    assert browser.get(url).status_code == 404
    assert api(clerk_a).get(f"/api/v1/accountability-actions/{action.pk}/").status_code == 404
    assert api(county_clerk).get(f"/api/v1/accountability-actions/{action.pk}/").status_code == 200
    with at(D(2026, 3, 20)):
        response = api(legal).post(
            f"/api/v1/accountability-actions/{action.pk}/answer/",
            {"answer": "约谈记录", "attendees": "王局长"},
            format="json",
        )
    assert response.status_code == 403


def test_the_api_decides_and_answers(api, legal, clerk_a, department_a, officer_a, ground_a):
    with at(D(2026, 3, 10)):
        response = api(legal).post(
            "/api/v1/accountability-actions/",
            {
                "department": department_a.pk,
                "kind": "transfer_recommendation",
                "officer": officer_a.pk,
                "facts": "辱骂当事人。",
                "grounds": [ground_a],
            },
            format="json",
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["answer_due"] == "2026-04-09"
    assert body["cited"] == [{"key": ground_a, "cited_as": body["cited"][0]["cited_as"]}]
    assert body["deadline"]["period_days"] == 30
    pk = body["id"]
    refused = api(legal).post(
        "/api/v1/accountability-actions/",
        {
            "department": department_a.pk,
            "kind": "criticism",
            "facts": "x",
            "grounds": [],
            "status": "completed",
        },
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json() == {"status": ["不接受该字段。"]}
    no_ground = api(legal).post(
        "/api/v1/accountability-actions/",
        {"department": department_a.pk, "kind": "criticism", "facts": "x", "grounds": []},
        format="json",
    )
    assert no_ground.status_code == 400
    assert no_ground.json() == {"grounds": ["请至少引用一项依据。"]}
    with at(D(2026, 3, 11)):
        answered = api(clerk_a).post(
            f"/api/v1/accountability-actions/{pk}/answer/", {"answer": "已调离。"}, format="json"
        )
        assert answered.status_code == 200
        assert answered.json()["status"] == "completed"
        again = api(clerk_a).post(
            f"/api/v1/accountability-actions/{pk}/answer/", {"answer": "再答"}, format="json"
        )
    assert again.status_code == 409
    assert api(clerk_a).post(
        "/api/v1/accountability-actions/",
        {"department": department_a.pk, "kind": "criticism", "facts": "x", "grounds": [ground_a]},
        format="json",
    ).status_code in (400, 403)


def test_list_queries_do_not_grow_with_rows(browser, legal, department_a, officer_a):
    browser.force_login(legal)

    def make(count):
        for _ in range(count):
            record = conduct_record(officer_a)
            decide(
                legal,
                department_a,
                Kind.TRANSFER_RECOMMENDATION,
                f"personnel.conductrecord:{record.pk}",
                officer=officer_a,
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert browser.get("/accountability/actions/").status_code == 200
        return len(captured)

    make(3)
    few = queries()
    make(27)
    assert few == queries()


def test_officer_certificate_and_cited_record_pages_show_the_history(
    browser, legal, clerk_a, clerk_b, recommendation, officer_a, conduct_a
):
    browser.force_login(legal)
    for url in (f"/personnel/officers/{officer_a.pk}/", f"/personnel/conduct/{conduct_a.pk}/"):
        text = page(browser.get(url))
        assert f'href="/accountability/actions/{recommendation.pk}/"' in text, url
    conduct_page = page(browser.get(f"/personnel/conduct/{conduct_a.pk}/"))
    assert (
        f"/accountability/actions/new/?grounds=personnel.conductrecord:{conduct_a.pk}"
        in conduct_page
    )
    browser.force_login(clerk_a)
    assert f"/accountability/actions/{recommendation.pk}/" in page(
        browser.get(f"/personnel/officers/{officer_a.pk}/")
    )
