"""The portal's form renderer writes a <select> exactly as Django's templates do."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from personnel.filters import OfficerFilter
from supervision.web.renderers import PortalFormRenderer


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=[("", "全部"), ("a", "甲 & <乙>"), ("b", 'say "hi"')])
    grouped = forms.ChoiceField(
        choices=[("", "---"), ("组一", [("1", "一"), ("2", "二")]), ("组二", [("3", "三")])]
    )
    many = forms.MultipleChoiceField(choices=[(1, 1000), (2, datetime.date(2026, 6, 15))])
    disabled = forms.ChoiceField(choices=[("x", "X")], disabled=True, required=False)
    number = forms.TypedChoiceField(choices=[(None, "none"), (0, "zero")], coerce=int)


@pytest.mark.parametrize(
    "data", [{}, {"plain": "a", "grouped": "2", "many": ["1", "2"], "number": "0"}]
)
def test_a_select_is_written_exactly_as_the_templates_write_it(data):
    fast = Everything(data, renderer=PortalFormRenderer())
    slow = Everything(data, renderer=DjangoTemplates())
    for name in fast.fields:
        assert str(fast[name]) == str(slow[name])
    assert str(fast) == str(slow)


def test_the_officer_filter_renders_the_same(rf, legal, department_a, department_b):
    request = rf.get("/personnel/officers/", {"department": department_a.pk})
    request.user = legal
    fast = OfficerFilter(request.GET, request=request).form
    slow = OfficerFilter(request.GET, request=request).form
    slow.renderer = DjangoTemplates()
    assert "<option" in str(fast["department"])
    assert str(fast) == str(slow)
