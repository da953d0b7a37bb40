"""One person is an officer or auxiliary staff, never both; the refusal names no department
(issue 18): the number may be registered in one the clerk does not see."""

from personnel.models import AuxiliaryStaff, Officer

from .conftest import citizen_id
from .test_officers import officer_payload

AUXILIARY = {
    "name": "钱进",
    "duties": "协助现场勘查",
    "contract_starts_on": "2026-01-01",
    "contract_ends_on": "2027-12-31",
}


def test_an_auxiliary_of_another_department_cannot_become_an_officer(
    api, clerk_a, clerk_b, published_a
):
    number = citizen_id(61)
    assert (
        api(clerk_b)
        .post("/api/v1/auxiliary-staff/", {**AUXILIARY, "citizen_id": number}, format="json")
        .status_code
        == 201
    )
    response = api(clerk_a).post(
        "/api/v1/officers/", officer_payload(published_a, citizen_id=number), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"citizen_id": ["此人已登记为执法辅助人员，不能同时登记为执法人员。"]}
    assert "交通" not in response.content.decode()
    assert not Officer.objects.exists()


def test_an_officer_cannot_become_auxiliary_staff(api, clerk_a, published_a):
    number = citizen_id(62)
    officer = api(clerk_a).post(
        "/api/v1/officers/", officer_payload(published_a, citizen_id=number), format="json"
    )
    assert officer.status_code == 201, officer.json()
    response = api(clerk_a).post(
        "/api/v1/auxiliary-staff/", {**AUXILIARY, "citizen_id": number}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"citizen_id": ["此人已登记为执法人员，不能同时登记为执法辅助人员。"]}
    assert not AuxiliaryStaff.objects.exists()


def test_a_roster_cannot_make_auxiliary_staff_an_officer(
    api, browser, clerk_a, clerk_b, published_a
):
    from .test_import import errors_by_row, roster, row, upload

    number = citizen_id(63)
    staff = {**AUXILIARY, "citizen_id": number}
    assert api(clerk_b).post("/api/v1/auxiliary-staff/", staff, format="json").status_code == 201
    page = upload(browser, clerk_a, roster([row(1), row(2, id=number)])).content.decode()
    assert errors_by_row(page) == {
        3: ["公民身份号码: 此人已登记为执法辅助人员，不能同时登记为执法人员。"]
    }
    assert "交通" not in page
    assert not Officer.objects.exists()
