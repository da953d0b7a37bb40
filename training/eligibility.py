"""The 40-hour rule in personnel's eligibility registry (registered from ``TrainingConfig.ready``).

An officer not compliant in the last completed year (fewer than the required hours, or no passed
assessment) may not enforce, be issued a certificate or pass the annual review (the review of a
year looks back at the year before it, or at the last completed year if recorded ahead of time).
Two exceptions:

- *First year of service.* An officer registered after 1 January of the last completed year did
  not serve that whole year: the current year's hours and assessment count instead (the last
  year still counts if it was completed).
- *Made up.* When the year-end check withheld the officer's certificate for that year and the
  legal office has restored it (it does so once the hours are made up), that year no longer stops
  the officer.

Years before ``settings.TRAINING_FIRST_JUDGED_YEAR`` were kept on paper and are not judged.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from supervision.eligibility import EligibilityCheck, register

from . import selectors


@dataclass
class Loaded:
    """What ``prepare`` loaded for one officer, for the two years around day ``on``."""

    years: tuple[int, int]
    standings: dict = field(default_factory=dict)
    made_up: bool = False


def refusals(officer, loaded: Loaded, current_year: int) -> list[str]:
    last_year = current_year - 1
    if last_year < selectors.first_judged_year():
        return []
    last = loaded.standings[last_year]
    if last.compliant or loaded.made_up:
        return []
    if selectors.is_new_officer(officer, current_year):
        current = loaded.standings[current_year]
        if current.compliant:
            return []
        return [
            _("First year of service: the training of %(year)d is not completed (%(standing)s).")
            % {"year": current_year, "standing": current.describe()}
        ]
    return [
        _("The training of %(year)d was not completed (%(standing)s).")
        % {"year": last_year, "standing": last.describe()}
    ]


@register
class TrainingCheck(EligibilityCheck):
    name = "training"
    depends_on = {
        "training.TrainingRecord": lambda record: {"pk": record.officer_id},
        "training.Assessment": lambda assessment: {"pk": assessment.officer_id},
        "training.TrainingWithholding": lambda withheld: {"certificates": withheld.certificate_id},
    }

    def holds_until(self, officer, on):
        # The years judged, and who counts as new, change with the year.
        return datetime.date(on.year, 12, 31)

    def prepare(self, officers, on) -> None:
        """Three queries for the whole list (hours, assessments, certificates restored); none in a
        year whose last completed year is not judged."""
        officers = list(officers)
        years = (on.year - 1, on.year)
        if years[0] < selectors.first_judged_year():
            # The last completed year is not judged: nothing stops anyone, nothing to load.
            for officer in officers:
                self.remember(officer, Loaded(years=years))
            return
        ids = [officer.pk for officer in officers]
        table = selectors.standings(ids, years)
        made_up = selectors.restored_after_withholding(ids, years[0])
        for officer in officers:
            self.remember(
                officer,
                Loaded(
                    years=years,
                    standings={year: table[(officer.pk, year)] for year in years},
                    made_up=officer.pk in made_up,
                ),
            )

    def _loaded(self, officer, on) -> Loaded:
        loaded = self.recalled(officer)
        if loaded is None or loaded.years != (on.year - 1, on.year):
            self.prepare([officer], on)
            loaded = self.recalled(officer)
        return loaded

    def enforcement_reasons(self, officer, on):
        return refusals(officer, self._loaded(officer, on), on.year)

    def issuance_reasons(self, officer, on):
        return refusals(officer, self._loaded(officer, on), on.year)

    @staticmethod
    def _review_day(year) -> datetime.date:
        # The review of ``year`` (年审, due in its first quarter) looks back at year - 1; one
        # recorded ahead of time looks back at the last year completed when it is recorded.
        judged = min(year - 1, timezone.localdate().year - 1)
        return datetime.date(judged + 1, 1, 1)

    def prepare_review(self, officers, year):
        self.prepare(officers, self._review_day(year))

    def review_reasons(self, officer, year):
        on = self._review_day(year)
        return refusals(officer, self._loaded(officer, on), on.year)
