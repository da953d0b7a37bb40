"""One scoping door: the legal office and admin see all, a clerk their own department, others nothing."""

from supervision.models import Department, User


def test_department_scope_per_role(legal, admin_user, clerk_a, clerk_b, supervisor):
    every = set(Department.objects.values_list("code", flat=True))
    assert set(Department.objects.for_user(legal).values_list("code", flat=True)) == every
    assert set(Department.objects.for_user(admin_user).values_list("code", flat=True)) == every
    assert list(Department.objects.for_user(clerk_a).values_list("code", flat=True)) == ["ZJJ"]
    assert list(Department.objects.for_user(clerk_b).values_list("code", flat=True)) == ["JTJ"]
    assert not Department.objects.for_user(supervisor).exists()


def test_clerk_a_never_sees_department_b_users(clerk_a, clerk_b):
    assert list(User.objects.for_user(clerk_a)) == [clerk_a]


def test_an_inactive_clerk_sees_nothing(clerk_a):
    clerk_a.is_active = False
    assert not Department.objects.for_user(clerk_a).exists()


def test_the_public_sees_nothing(department_a):
    from django.contrib.auth.models import AnonymousUser

    assert not Department.objects.for_user(AnonymousUser()).exists()


def test_a_clerk_must_have_a_department(db):
    import pytest
    from django.core.exceptions import ValidationError

    clerk = User(username="orphan", role=User.Role.CLERK)
    with pytest.raises(ValidationError, match="部门填报员必须属于一个部门"):
        clerk.full_clean()
