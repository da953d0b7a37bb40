import pytest

from supervision.models import User
from tests.factories import UserFactory


@pytest.fixture
def auditor(db):
    """The security auditor (安全审计员): reads the audit trail, nothing else."""
    return UserFactory(username="auditor1", role=User.Role.AUDITOR)
