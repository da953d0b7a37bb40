"""The API's contract on what is not there: an unknown URL is a JSON 404 whatever DEBUG says; a
body naming a record that does not exist, or that the caller may not see, is a 400 field error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize(
    "url", ["/api/v1/nothing-here/", "/api/nothing/", "/api/v1/decisions/1/nothing/"]
)
def test_an_unknown_api_url_answers_json_404(api, clerk_a, settings, debug, url):
    settings.DEBUG = debug
    response = api(clerk_a).get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "未找到。"}


@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_api_url_answers_json_404_to_the_public_and_in_english(api, settings, debug):
    settings.DEBUG = debug
    client = api()
    response = client.post("/api/v1/nothing-here/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_unknown_page_is_still_the_html_page(browser, settings):
    settings.DEBUG = False
    response = browser.get("/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_missing_record_in_the_url_is_still_404(api, legal):
    response = api(legal).get("/api/v1/decisions/1000000000/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}
