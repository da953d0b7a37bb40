"""The officer's photo: uploaded by the department, shown only on the public verification page
of a valid or withheld certificate (so a citizen can match the person), never in search results,
never in lists, and served by no other address."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from personnel import services
from personnel.models import Certificate
from tests.clock import at
from tests.samples import PDF, PNG

from .conftest import D


def photo(content=PNG, name="证件照.png"):
    return SimpleUploadedFile(name, content, "image/png")


@pytest.fixture
def with_photo(api, clerk_a, officer_a):
    response = api(clerk_a).patch(
        f"/api/v1/officers/{officer_a.pk}/", {"photo": photo()}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["has_photo"] is True
    officer_a.refresh_from_db()
    return officer_a


def photo_url(certificate):
    return reverse("public:certificate-photo", args=[certificate.number])


def test_the_verification_page_of_a_valid_certificate_shows_it(client, with_photo, certificate_a):
    page = client.get(f"/public/certificates/{certificate_a.number}/").content.decode()
    assert photo_url(certificate_a) in page
    assert "王建国的照片" in page
    image = client.get(photo_url(certificate_a))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert "no-store" in image["Cache-Control"]
    assert b"".join(image.streaming_content) == PNG


def test_a_withheld_certificate_shows_it_too(client, legal, with_photo, certificate_a):
    services.certificate_withhold(certificate=certificate_a, actor=legal, reason="暂扣待查")
    assert (
        photo_url(certificate_a)
        in client.get(f"/public/certificates/{certificate_a.number}/").content.decode()
    )
    assert client.get(photo_url(certificate_a)).status_code == 200


def test_a_revoked_certificate_does_not(client, legal, with_photo, certificate_a):
    services.certificate_revoke(certificate=certificate_a, actor=legal, reason="调离执法岗位")
    page = client.get(f"/public/certificates/{certificate_a.number}/").content.decode()
    assert photo_url(certificate_a) not in page
    assert client.get(photo_url(certificate_a)).status_code == 404


def test_a_certificate_past_its_expiry_does_not(client, with_photo, certificate_a):
    with at(certificate_a.expires_on):
        assert client.get(photo_url(certificate_a)).status_code == 200
    with at(certificate_a.expires_on + (D(2026, 1, 2) - D(2026, 1, 1))):
        assert client.get(photo_url(certificate_a)).status_code == 404
    Certificate.objects.filter(pk=certificate_a.pk).update(status="expired")
    assert client.get(photo_url(certificate_a)).status_code == 404


def test_never_in_search_results_nor_in_lists(
    client, browser, legal, with_photo, certificate_a, officer_a
):
    found = client.get("/public/", {"q": certificate_a.number}).content.decode()
    assert certificate_a.number in found
    assert "/photo/" not in found
    by_name = client.get("/public/", {"q": officer_a.name}).content.decode()
    assert "/photo/" not in by_name
    api = client.get("/api/v1/public/certificates/", {"number": certificate_a.number}).json()
    assert "photo" not in str(api)
    browser.force_login(legal)
    for url in ["/personnel/officers/", "/personnel/certificates/"]:
        assert "/photo/" not in browser.get(url).content.decode()


def test_an_officer_without_a_photo_has_none(client, certificate_a):
    assert (
        "/photo/"
        not in client.get(f"/public/certificates/{certificate_a.number}/").content.decode()
    )
    assert client.get(photo_url(certificate_a)).status_code == 404


def test_only_an_image_is_taken(api, clerk_a, officer_a):
    response = api(clerk_a).patch(
        f"/api/v1/officers/{officer_a.pk}/",
        {"photo": photo(PDF, "证件照.pdf")},
        format="multipart",
    )
    assert response.status_code == 400
    assert "photo" in response.json()


def test_the_department_uploads_it_on_the_officers_form(browser, clerk_a, officer_a):
    browser.force_login(clerk_a)
    form = browser.get(f"/personnel/officers/{officer_a.pk}/edit/").content.decode()
    assert 'name="photo"' in form
    response = browser.post(
        f"/personnel/officers/{officer_a.pk}/edit/",
        {
            "name": officer_a.name,
            "citizen_id": officer_a.citizen_id,
            "entity": officer_a.entity_id,
            "post": officer_a.post,
            "on_establishment": "on",
            "photo": photo(),
        },
    )
    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.photo_name == "证件照.png"
