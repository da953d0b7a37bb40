"""An entrusted entity (委托) is approved and published only while an entrustment agreement that
names it is in force: published, and the day within its term."""

import datetime

import pytest

from entities.models import EnforcementEntity, Entrustment
from tests.clock import at

from .conftest import make_entity
from .test_entrustments import make_entrustment

D = datetime.date
E = EnforcementEntity.Status
TODAY = D(2026, 6, 10)
REFUSAL = "受委托主体须有载明该主体且在有效期内的委托执法协议：请先公布委托协议。"


@pytest.fixture
def entrusted(department_a):
    return make_entity(
        department_a,
        "宿州市房屋征收服务中心",
        status=E.SUBMITTED,
        kind=EnforcementEntity.Kind.ENTRUSTED,
    )


def agreement(principal, entrusted, **term):
    return make_entrustment(
        principal, status=Entrustment.Status.PUBLISHED, entrusted_entity=entrusted, **term
    )


@at(TODAY)
@pytest.mark.parametrize(
    ("starts_on", "ends_on", "allowed"),
    [
        (D(2026, 1, 1), TODAY, True),  # the agreement's last day
        (D(2026, 1, 1), TODAY - datetime.timedelta(days=1), False),  # ended yesterday
        (TODAY + datetime.timedelta(days=1), D(2026, 12, 31), False),  # starts tomorrow
        (TODAY, D(2026, 12, 31), True),  # starts today
    ],
)
def test_approval_needs_an_agreement_in_force(
    api, legal, published_a, entrusted, starts_on, ends_on, allowed
):
    agreement(published_a, entrusted, starts_on=starts_on, ends_on=ends_on)
    response = api(legal).post(f"/api/v1/entities/{entrusted.pk}/approve/")
    if allowed:
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == "approved"
    else:
        assert response.status_code == 409
        assert REFUSAL in str(response.json())
        entrusted.refresh_from_db()
        assert entrusted.status == E.SUBMITTED


@at(TODAY)
def test_without_any_agreement_it_is_refused(api, legal, entrusted):
    response = api(legal).post(f"/api/v1/entities/{entrusted.pk}/approve/")
    assert response.status_code == 409
    assert REFUSAL in str(response.json())


@at(TODAY)
def test_an_agreement_filed_but_not_published_is_not_in_force(api, legal, published_a, entrusted):
    make_entrustment(published_a, status=Entrustment.Status.FILED, entrusted_entity=entrusted)
    assert api(legal).post(f"/api/v1/entities/{entrusted.pk}/approve/").status_code == 409


@at(TODAY)
def test_an_agreement_naming_another_entity_does_not_count(api, legal, published_a, entrusted):
    other = make_entity(
        entrusted.department, "另一受委托组织", kind=EnforcementEntity.Kind.ENTRUSTED
    )
    agreement(published_a, other)
    assert api(legal).post(f"/api/v1/entities/{entrusted.pk}/approve/").status_code == 409


@pytest.mark.parametrize(("day", "allowed"), [(D(2026, 12, 31), True), (D(2027, 1, 1), False)])
def test_publication_needs_it_too_on_the_day(api, legal, published_a, entrusted, day, allowed):
    agreement(published_a, entrusted, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))
    EnforcementEntity.objects.filter(pk=entrusted.pk).update(status=E.APPROVED)
    with at(day):
        response = api(legal).post(f"/api/v1/entities/{entrusted.pk}/publish/")
    assert response.status_code == (200 if allowed else 409)


@at(TODAY)
def test_statutory_entities_need_no_agreement(api, legal, department_a):
    entity = make_entity(department_a, "宿州市城市管理局", status=E.SUBMITTED)
    assert api(legal).post(f"/api/v1/entities/{entity.pk}/approve/").status_code == 200


@at(TODAY)
def test_the_clerk_names_the_entrusted_entity_in_the_agreement(
    api, clerk_a, published_a, entrusted
):
    from .test_entrustments import payload

    created = api(clerk_a).post(
        "/api/v1/entrustments/",
        payload(published_a, entrusted_entity=entrusted.pk),
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["entrusted_entity"] == entrusted.pk
    # A statutory entity is not one that acts under an agreement.
    refused = api(clerk_a).post(
        "/api/v1/entrustments/",
        payload(published_a, entrusted_entity=published_a.pk),
        format="multipart",
    )
    assert refused.status_code == 400
    assert "entrusted_entity" in refused.json()


@at(TODAY)
def test_the_entity_page_lists_its_agreements(browser, legal, published_a, entrusted):
    agreement(published_a, entrusted)
    browser.force_login(legal)
    page = browser.get(f"/entities/{entrusted.pk}/").content.decode()
    assert "所依据的委托协议" in page
    assert published_a.name in page
