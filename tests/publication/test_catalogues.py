"""Catalogues of major decisions and legal-review flowcharts: sent as a snapshot of the
department's categories in use, acknowledged or returned by the legal office of the same level,
published (the one before superseded); the public reads them per jurisdiction."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import services as cases_services
from publication import services
from publication.models import CatalogueFiling
from supervision.errors import TransitionNotAllowed

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def chart(name="法制审核流程图.png", content=PNG):
    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.fixture
def categories_a(clerk_a):
    for title in ("吊销资质证书", "对单位处20万元以上罚款"):
        cases_services.category_create(actor=clerk_a, title=title, criteria=f"{title}的决定。")


def send(clerk):
    return services.catalogue_send(actor=clerk, flowchart=chart())


def published_catalogue(clerk, legal):
    filing = send(clerk)
    services.catalogue_review(filing=filing, actor=legal, result="acknowledged")
    return services.catalogue_publish(filing=filing, actor=clerk)


def test_sent_as_a_snapshot_then_acknowledged_and_published(categories_a, clerk_a, legal):
    filing = send(clerk_a)
    assert [c["title"] for c in filing.categories] == ["吊销资质证书", "对单位处20万元以上罚款"]
    assert filing.flowchart_name == "法制审核流程图.png"
    with pytest.raises(TransitionNotAllowed) as twice:
        send(clerk_a)
    assert str(twice.value.message) == "本部门的目录已报送政府法制机构，正在处理中。"
    with pytest.raises(TransitionNotAllowed):
        services.catalogue_publish(filing=filing, actor=clerk_a)
    services.catalogue_review(filing=filing, actor=legal, result="acknowledged")
    filing = services.catalogue_publish(filing=filing, actor=clerk_a)
    assert filing.status == "published"
    # A later change of the categories does not change what was published.
    cases_services.category_create(actor=clerk_a, title="强制拆除", criteria="强制拆除的决定。")
    filing.refresh_from_db()
    assert len(filing.categories) == 2
    second = published_catalogue(clerk_a, legal)
    filing.refresh_from_db()
    assert (filing.status, second.status, len(second.categories)) == ("superseded", "published", 3)


def test_an_empty_catalogue_and_a_wrong_file_are_refused(clerk_a, categories_a, clerk_b):
    with pytest.raises(ValidationError) as empty:
        send(clerk_b)
    assert empty.value.messages == ["本部门重大执法决定事项目录为空，请先添加事项。"]
    with pytest.raises(ValidationError) as wrong:
        services.catalogue_send(actor=clerk_a, flowchart=chart("流程图.png", b"GIF89a"))
    assert set(wrong.value.message_dict) == {"flowchart"}
    assert not CatalogueFiling.objects.exists()


def test_returned_with_reasons_by_the_office_of_the_same_level(
    categories_a, clerk_a, legal, county_legal
):
    filing = send(clerk_a)
    with pytest.raises(PermissionDenied):
        services.catalogue_review(filing=filing, actor=county_legal, result="acknowledged")
    with pytest.raises(PermissionDenied):
        services.catalogue_review(filing=filing, actor=clerk_a, result="acknowledged")
    with pytest.raises(ValidationError) as no_reason:
        services.catalogue_review(filing=filing, actor=legal, result="returned")
    assert no_reason.value.message_dict == {"opinion": ["退回时请写明理由，以便部门修改。"]}
    services.catalogue_review(
        filing=filing, actor=legal, result="returned", opinion="流程图缺少集体讨论环节。"
    )
    send(clerk_a)  # returned: the department sends it again


def test_pages_and_scoping(browser, api, categories_a, clerk_a, clerk_b, legal):
    browser.force_login(clerk_a)
    response = browser.post("/publication/catalogues/send/", {"flowchart": chart()})
    assert response.status_code == 302
    filing = CatalogueFiling.objects.get()
    browser.force_login(legal)
    detail = browser.get(filing.get_absolute_url()).content.decode()
    assert "吊销资质证书" in detail
    url = f"/publication/catalogues/{filing.pk}/review/"
    assert browser.post(url, {"result": "acknowledged"}).status_code == 302
    assert browser.post(url, {"result": "acknowledged"}).status_code == 409
    browser.force_login(clerk_b)
    for url in [filing.get_absolute_url(), f"/publication/catalogues/{filing.pk}/flowchart/"]:
        assert browser.get(url).status_code == 404
    assert browser.post(f"/publication/catalogues/{filing.pk}/publish/").status_code == 404
    assert api(clerk_b).get(f"/api/v1/decision-catalogues/{filing.pk}/").status_code == 404
    client = api(clerk_a)
    assert (
        client.post(f"/api/v1/decision-catalogues/{filing.pk}/publish/").json()["status"]
        == "published"
    )


def test_the_api_sends_with_a_multipart_flowchart(api, categories_a, clerk_a):
    client = api(clerk_a)
    response = client.post(
        "/api/v1/decision-catalogues/", {"flowchart": chart()}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert len(response.json()["categories"]) == 2
    again = client.post("/api/v1/decision-catalogues/", {"flowchart": chart()}, format="multipart")
    assert again.status_code == 409


def test_the_public_reads_published_catalogues_of_the_chosen_jurisdiction(
    client, categories_a, clerk_a, legal, county_clerk, county_legal
):
    filing = published_catalogue(clerk_a, legal)
    page = client.get("/public/decision-catalogues/").content.decode()
    assert "吊销资质证书" in page
    assert "宿州市住房和城乡建设局" in page
    chart_response = client.get(f"/public/decision-catalogues/{filing.pk}/flowchart/")
    assert chart_response.status_code == 200
    assert b"".join(chart_response.streaming_content) == PNG
    county = client.get("/public/decision-catalogues/", {"jurisdiction": "341321"})
    assert "吊销资质证书" not in county.content.decode()
    listed = client.get("/api/v1/public/decision-catalogues/").json()
    assert [c["department"] for c in listed["results"]] == ["宿州市住房和城乡建设局"]
    assert listed["results"][0]["flowchart_url"] == (
        f"/public/decision-catalogues/{filing.pk}/flowchart/"
    )


def test_an_unpublished_flowchart_is_not_public(client, categories_a, clerk_a):
    filing = send(clerk_a)
    assert client.get(f"/public/decision-catalogues/{filing.pk}/flowchart/").status_code == 404
    assert client.get("/api/v1/public/decision-catalogues/").json()["count"] == 0


def test_the_lists_cost_the_same_queries_for_3_or_30(client, browser, legal, db):
    from tests.factories import ClerkFactory

    def make(count):
        for _ in range(count):
            clerk = ClerkFactory()
            cases_services.category_create(actor=clerk, title="吊销许可证", criteria="吊销。")
            published_catalogue(clerk, legal)

    browser.force_login(legal)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert browser.get("/publication/catalogues/").status_code == 200
            assert client.get("/public/decision-catalogues/").status_code == 200
        return len(captured)

    make(3)
    few = queries()
    make(27)
    assert queries() == few
