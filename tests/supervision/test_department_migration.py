"""The department's move from entities to the kernel keeps every row and every key to it."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from supervision.models import AuditEntry, Department, DocumentSequence, Jurisdiction, Notice, User

# The last kernel migration before the move; going back to it unapplies every step of the move.
BEFORE_THE_MOVE = [("supervision", "0002_calendar_and_notices")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # The test process keeps a content-type cache that the renaming migration cannot see.
    ContentType.objects.clear_cache()
    return executor


def state_apps(executor):
    """The historical models of everything applied now."""
    executor.loader.build_graph()
    applied = [
        key for key in executor.loader.applied_migrations if key in executor.loader.graph.nodes
    ]
    return executor.loader.project_state(applied).apps


@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_a_department_and_the_rows_pointing_at_it():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = state_apps(migrate(BEFORE_THE_MOVE))
        assert old.get_model("entities", "Department")._meta.db_table == "entities_department"
        department = old.get_model("entities", "Department").objects.create(
            code="ZJJ",
            name="宿州市住房和城乡建设局",
            region="宿州市",
            credit_code="113413000030000227",
        )
        old.get_model("supervision", "User").objects.create(
            username="clerk_a", role="clerk", department=department
        )
        old.get_model("supervision", "Notice").objects.create(
            kind="bulletin",
            object_key="bulletin:1",
            department=department,
            year=2026,
            sequence=1,
            number="宿法监通〔2026〕1号",
            addressee=department.name,
            subject="通报",
            body="正文",
            office_name="宿州市人民政府法制办公室",
            issued_on=datetime.date(2026, 3, 2),
        )
        old.get_model("supervision", "NoticeSequence").objects.create(year=2026, last=1)
        entity = old.get_model("entities", "EnforcementEntity").objects.create(
            department=department,
            name="宿州市住房和城乡建设局",
            kind="statutory",
            legal_basis="建筑法",
        )
        old.get_model("personnel", "Officer").objects.create(
            name="李强",
            citizen_id="11010519491231002X",
            department=department,
            entity=entity,
            post="科员",
        )
        course = old.get_model("training", "Course").objects.create(
            title="行政执法培训",
            kind="centralised",
            organiser="市政府法制办公室",
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2026, 4, 2),
            hours=8,
        )
        course.open_to.add(department)
        department_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="entities", model="department"
        )[0]
        old.get_model("supervision", "AuditEntry").objects.create(
            content_type=department_type,
            object_id=str(department.pk),
            object_repr=department.name,
            action="change",
        )

        migrate(latest)

        moved = Department.objects.get(pk=department.pk)
        assert Department._meta.db_table == "supervision_department"
        assert moved.code == "ZJJ"
        assert User.objects.get(username="clerk_a").department == moved
        assert Notice.objects.get(number="宿法监通〔2026〕1号").department == moved
        assert [e.name for e in moved.entities.all()] == ["宿州市住房和城乡建设局"]
        assert [o.name for o in moved.officers.all()] == ["李强"]
        assert [c.title for c in moved.open_training_courses.all()] == ["行政执法培训"]
        entry = AuditEntry.objects.for_record(moved).get()
        assert entry.content_type.pk == department_type.pk
        assert entry.content_type.model_class() is Department
        # Levels of government came later: everything that was there is the city's.
        city = Jurisdiction.objects.get(parent__isnull=True)
        assert (city.code, city.name, city.number_prefix) == ("341300", "宿州市", "宿法监通")
        assert moved.jurisdiction == city
        assert User.objects.get(username="clerk_a").jurisdiction == city
        notice = Notice.objects.get(number="宿法监通〔2026〕1号")
        assert (notice.office, notice.office_name) == (city, "宿州市人民政府法制办公室")
        assert entry.jurisdiction == city
        # The next number of the city's 2026 sequence follows the notices already issued.
        assert DocumentSequence.objects.get(office=city, year=2026).last == 1
    finally:
        migrate(latest)
    # The other tests find the database as they expect it: fully migrated.
    assert MigrationExecutor(connection).migration_plan(latest) == []
