"""The public lookup (no login): exactly the listed fields, never an ID number, odd queries
answered kindly, the QR target page, published entities, and the rate limits."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities.models import EnforcementEntity, Entrustment
from personnel import services
from personnel.models import ConductCategory, ConductRecord
from tests.entities.conftest import make_entity

from .conftest import D, certify, make_officer

CARD_FIELDS = ["姓名", "证件", "证号", "状态", "所属部门", "执法主体", "有效期至", "今日可否执法"]
API_FIELDS = {
    "name",
    "kind",
    "number",
    "status",
    "department",
    "entity",
    "expires_on",
    "may_enforce",
}


def card_fields(page):
    return re.findall(r"<dt>(.*?)</dt>", page)


def test_search_by_number_shows_exactly_the_listed_fields(client, certificate_a, officer_a):
    ConductRecord.objects.create(
        officer=officer_a,
        occurred_on=D(2026, 5, 1),
        category=ConductCategory.objects.first(),
        description="秘密的记录内容",
        source="other",
        status="verified",
    )
    page = client.get("/public/", {"q": certificate_a.number}).content.decode()
    assert card_fields(page) == CARD_FIELDS
    for shown in [
        "王建国",
        "行政执法证",
        "皖ZFZJJ202500001",
        "有效",
        "宿州市住房和城乡建设局",
        "2030年2月28日",
    ]:
        assert shown in page
    assert '<span class="badge ok">是</span>' in page
    for hidden in [
        officer_a.citizen_id,
        officer_a.citizen_id[-4:],
        "3413**",
        officer_a.post,
        "秘密的记录内容",
    ]:
        assert hidden not in page


def test_the_api_gives_the_same_fields(client, certificate_a, officer_a):
    body = client.get("/api/v1/public/certificates/", {"number": certificate_a.number}).json()
    assert body == [
        {
            "name": "王建国",
            "kind": "enforcement",
            "number": "皖ZFZJJ202500001",
            "status": "valid",
            "department": "宿州市住房和城乡建设局",
            "entity": "宿州市住房和城乡建设局",
            "expires_on": "2030-02-28",
            "may_enforce": True,
        }
    ]
    assert (
        set(client.get("/api/v1/public/certificates/", {"name": "王建国"}).json()[0]) == API_FIELDS
    )


def test_search_by_full_name_only(client, certificate_a):
    assert "皖ZFZJJ202500001" in client.get("/public/", {"q": "王建国"}).content.decode()
    assert "皖ZFZJJ202500001" not in client.get("/public/", {"q": "王"}).content.decode()
    assert client.get("/api/v1/public/certificates/", {"name": "建国"}).json() == []


def test_a_lower_case_number_is_found(client, certificate_a):
    body = client.get(
        "/api/v1/public/certificates/", {"number": certificate_a.number.lower()}
    ).json()
    assert [c["number"] for c in body] == [certificate_a.number]


def test_a_withheld_certificate_shows_withheld_and_may_not_enforce(client, legal, certificate_a):
    url = f"/public/certificates/{certificate_a.number}/"
    page = client.get(url)
    assert "该人员今日可以从事行政执法。" in page.content.decode()
    assert "no-cache" in page["Cache-Control"]
    services.certificate_withhold(certificate=certificate_a, actor=legal, reason="暂扣待查")
    page = client.get(url).content.decode()
    assert "该人员今日不得从事行政执法。" in page
    assert '<span class="badge warn">暂扣</span>' in page
    assert "暂扣待查" not in page  # the reasons are not public
    body = client.get("/api/v1/public/certificates/", {"number": certificate_a.number}).json()
    assert (body[0]["status"], body[0]["may_enforce"]) == ("withheld", False)


def test_the_verification_page_is_mobile_friendly_and_public(client, certificate_a):
    response = client.get(f"/public/certificates/{certificate_a.number}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert card_fields(page) == CARD_FIELDS
    assert "/accounts/login/" not in page


def test_an_unknown_number_is_a_friendly_404(client, db):
    response = client.get("/public/certificates/皖ZFZJJ209900001/")
    assert response.status_code == 404
    assert "未查到该编号的证件。不能在此核验的证件无效。" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "王" * 41,
        "x" * 5000,
        "\x00",
        "王建国\x00",
        "' OR 1=1 --",
        "%",
        "_",
        "皖ZF%",
        "<script>alert(1)</script>",
        "🙂",
        "\u202e皖",
        "\\",
    ],
)
def test_odd_queries_get_a_friendly_empty_result(client, certificate_a, query):
    page = client.get("/public/", {"q": query})
    assert page.status_code == 200
    assert "皖ZFZJJ202500001" not in page.content.decode()
    assert "<script>alert(1)</script>" not in page.content.decode()
    for params in ({"number": query}, {"name": query}):
        response = client.get("/api/v1/public/certificates/", params)
        assert response.status_code == 200
        assert response.json() == []
    entities = client.get("/api/v1/public/entities/", {"name": query})
    assert entities.status_code == 200
    assert client.get(f"/public/certificates/{query or 'x'}/").status_code in (404, 200)


def test_an_empty_query_says_how_to_look_up(client, db):
    assert "请输入证件编号，或扫描证件上的二维码。" in client.get("/public/").content.decode()
    assert "未查到结果" in client.get("/public/", {"q": "张三丰"}).content.decode()


@pytest.mark.parametrize(
    ("url", "query"),
    [("/public/", {"q": "同名人"}), ("/api/v1/public/certificates/", {"name": "同名人"})],
)
def test_search_costs_the_same_queries_for_3_and_15_matches(client, legal, published_a, url, query):
    counts = []
    for start, count in ((0, 3), (3, 12)):
        for n in range(start, start + count):
            certify(make_officer(published_a, "同名人", 300 + n), legal)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, query)
        assert response.status_code == 200
        counts.append(len(queries))
    assert response.content.decode().count("皖ZFZJJ") >= 15
    assert counts[0] == counts[1], counts


def test_published_entities_and_entrustments_in_force(client, department_a, department_b):
    published = make_entity(
        department_a,
        "宿州市住房和城乡建设局",
        status=EnforcementEntity.Status.PUBLISHED,
        legal_basis="《中华人民共和国建筑法》第七条",
    )
    make_entity(department_b, "草稿主体", status=EnforcementEntity.Status.DRAFT)
    make_entity(department_b, "撤销主体", status=EnforcementEntity.Status.REVOKED)
    common = {"matters": "违法建设调查", "legal_basis": "《行政处罚法》第二十条"}
    Entrustment.objects.create(
        principal=published,
        entrusted_organisation="在期中心",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        status="published",
        **common,
    )
    Entrustment.objects.create(
        principal=published,
        entrusted_organisation="到期中心",
        starts_on=D(2025, 1, 1),
        ends_on=D(2026, 6, 14),
        status="published",
        **common,
    )
    Entrustment.objects.create(
        principal=published,
        entrusted_organisation="备案中心",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        status="filed",
        **common,
    )
    page = client.get("/public/entities/").content.decode()
    assert "宿州市住房和城乡建设局" in page
    assert "《中华人民共和国建筑法》第七条" in page
    assert "在期中心" in page
    for hidden in ["草稿主体", "撤销主体", "到期中心", "备案中心"]:
        assert hidden not in page
    body = client.get("/api/v1/public/entities/").json()
    assert body["count"] == 1
    entity = body["results"][0]
    assert set(entity) == {
        "name",
        "department",
        "kind",
        "legal_basis",
        "enforcement_areas",
        "entrustments",
    }
    assert [e["entrusted_organisation"] for e in entity["entrustments"]] == ["在期中心"]
    found = client.get("/public/", {"q": "住房和城乡建设"}).content.decode()
    assert "<li>宿州市住房和城乡建设局 · 宿州市住房和城乡建设局 · 法定</li>" in found
    assert client.get("/api/v1/public/entities/", {"name": "草稿"}).json()["count"] == 0


def test_the_api_floods_answer_429_per_address_and_the_staff_side_is_not_limited(
    client, settings, api, legal, certificate_a
):
    settings.PUBLIC_API_RATE = "3/min"
    url = "/api/v1/public/certificates/"
    codes = [client.get(url, {"number": "x"}, REMOTE_ADDR="10.0.0.1").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert client.get(url, {"number": "x"}, REMOTE_ADDR="10.0.0.2").status_code == 200
    # a forged X-Forwarded-For does not open a new allowance
    forged = client.get(
        url, {"number": "x"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert forged.status_code == 429
    staff = api(legal)
    assert all(staff.get("/api/v1/certificates/").status_code == 200 for _ in range(10))


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, settings, db):
    settings.PUBLIC_API_RATE = "1/min"
    settings.PUBLIC_TRUSTED_PROXIES = 1
    url = "/api/v1/public/entities/"
    assert (
        client.get(url, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    )
    assert (
        client.get(url, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 200
    )
    assert (
        client.get(url, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429
    )


def test_the_pages_are_limited_too(client, settings, browser, legal, db):
    settings.PUBLIC_PAGE_RATE = "2/min"
    codes = [client.get("/public/", REMOTE_ADDR="10.0.0.3").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    limited = client.get("/public/entities/", REMOTE_ADDR="10.0.0.3")
    assert limited.status_code == 429
    assert "您的查询过于频繁，请稍候一分钟再试。" in limited.content.decode()
    assert int(limited["Retry-After"]) <= 60
    browser.force_login(legal)
    assert all(
        browser.get("/personnel/officers/", REMOTE_ADDR="10.0.0.3").status_code == 200
        for _ in range(5)
    )


def test_the_public_pages_need_no_login(client, db):
    for url in [
        "/public/",
        "/public/entities/",
        "/api/v1/public/entities/",
        "/api/v1/public/certificates/",
    ]:
        assert client.get(url).status_code == 200
