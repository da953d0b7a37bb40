"""An appeal is a contest: its decision reads 处理结果, as the assessment's contests do, not the
审核结果 of a review."""

from django.utils import translation

from evaluations.api import AppealDecisionSerializer
from evaluations.forms import AppealDecisionForm
from evaluations.models import Appeal


def test_an_appeals_decision_is_named_as_a_contests():
    with translation.override("zh-hans"):
        assert str(Appeal._meta.get_field("decision").verbose_name) == "处理结果"
        assert str(AppealDecisionForm().fields["decision"].label) == "处理结果"
        assert str(AppealDecisionSerializer().fields["decision"].label) == "处理结果"
    with translation.override("en"):
        assert str(AppealDecisionForm().fields["decision"].label) == "decision"
