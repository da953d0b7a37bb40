"""The audit trail is tamper-evident (issue 18): a keyed hash chain that a command verifies,
naming the first entry that does not hold; PostgreSQL refuses to change or remove entries; old
entries leave only through a signed archive, never unexported, never younger than 184 days."""

import datetime
import json
import os

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from supervision import audit, bulk
from supervision.models import AuditChainHead, AuditEntry
from supervision.security import chain
from tests.conftest import running_in_ci
from tests.factories import EnforcementEntityFactory


def events(count, user):
    return [
        audit.record_event(audit.Action.LOGIN, user=user, address=f"10.0.0.{n}")
        for n in range(count)
    ]


def verify_output():
    from io import StringIO

    out = StringIO()
    call_command("verify_audit_chain", stdout=out)
    return out.getvalue()


def tamper(sql, params=()):
    """Change the table behind the portal's back, as someone with the database's owner would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # triggers off
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def test_every_entry_is_sealed_and_the_chain_holds(clerk_a, legal, api):
    events(3, clerk_a)
    api(legal).post("/api/v1/departments/", {}, format="json")  # a refusal writes nothing
    entries = list(AuditEntry.objects.order_by("chain_seq"))
    assert [e.chain_seq for e in entries] == list(range(1, len(entries) + 1))
    assert all(len(e.chain_hash) == 64 for e in entries)
    assert verify_output() == f"audit chain intact: {len(entries)} entries checked\n"


def test_a_changed_entry_is_named(clerk_a):
    _first, second, _third = events(3, clerk_a)
    tamper(
        "UPDATE supervision_auditentry SET object_repr = %s WHERE id = %s", ["someone", second.pk]
    )
    with pytest.raises(CommandError) as broken:
        call_command("verify_audit_chain")
    assert str(broken.value) == (
        f"BROKEN at audit entry id {second.pk} (position 2): hash does not match; "
        "1 entries before it hold"
    )


def test_a_removed_entry_is_noticed_at_the_next(clerk_a):
    _first, second, third = events(3, clerk_a)
    tamper("DELETE FROM supervision_auditentry WHERE id = %s", [second.pk])
    verdict = chain.verify()
    assert (verdict.broken_at, verdict.position, verdict.reason) == (
        third.pk,
        2,
        "entries missing before this one",
    )


def test_the_last_entry_removed_is_noticed_too(clerk_a):
    *_, last = events(3, clerk_a)
    tamper("DELETE FROM supervision_auditentry WHERE id = %s", [last.pk])
    assert chain.verify().reason == "the last entries are missing"


def test_without_the_key_no_entry_holds(clerk_a, settings):
    first, *_ = events(2, clerk_a)
    settings.AUDIT_CHAIN_KEY = "another key"
    assert chain.verify().broken_at == first.pk


def test_no_personal_data_or_secret_in_the_events(clerk_a):
    (entry,) = events(1, clerk_a)
    assert entry.after == {"address": "10.0.0.0"}


# PostgreSQL refuses changes -----------------------------------------------------------------


def needs_postgresql():
    if connection.vendor != "postgresql":
        if running_in_ci() or os.environ.get("DATABASE_URL"):
            pytest.fail("this test needs PostgreSQL")
        pytest.skip("the trigger is PostgreSQL's")


def test_postgresql_refuses_to_change_or_remove_an_entry(clerk_a):
    needs_postgresql()
    (entry,) = events(1, clerk_a)
    with pytest.raises(DatabaseError, match="cannot be changed"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(reason="nothing happened")
    with pytest.raises(DatabaseError, match="only once archived"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_postgresql_refuses_to_truncate_the_trail(clerk_a):
    needs_postgresql()
    events(2, clerk_a)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's inserts, checked now
        with pytest.raises(DatabaseError, match="cannot be truncated"), transaction.atomic():
            cursor.execute("TRUNCATE supervision_auditentry CASCADE")
    assert AuditEntry.objects.count() == 2


def test_a_large_record_many_is_copied_in_and_the_chain_holds(clerk_a, legal, department_a):
    """A check that audits thousands of rows at once goes through COPY on PostgreSQL: the same
    entries as one written by INSERT, in the chain, between entries written one by one."""
    needs_postgresql()
    entity = EnforcementEntityFactory(department=department_a, name="甲主体")
    count = bulk.COPY_FROM + 500
    many = {"action": "change", "actor": legal, "reason": "批量变更"}
    many["fields"] = ["name", "status", "published_on"]
    with transaction.atomic():
        audit.record(entity, action="create", actor=clerk_a, after=audit.snapshot(entity))
        audit.record_many([entity], **many)  # one: by INSERT
        audit.record_many([entity] * count, **many)
        events(1, clerk_a)
    assert verify_output() == f"audit chain intact: {count + 3} entries checked\n"
    inserted, *copied = AuditEntry.objects.filter(action="change").order_by("chain_seq")
    assert len(copied) == count

    def content(entry):
        return (
            entry.content_type_id,
            entry.object_id,
            entry.object_repr,
            entry.actor_id,
            entry.jurisdiction_id,
            json.dumps([entry.before, entry.after], sort_keys=True),
            entry.reason,
        )

    assert {content(entry) for entry in copied} == {content(inserted)}
    assert inserted.after == {"name": "甲主体", "status": entity.status, "published_on": None}
    assert history_count(entity) == count + 2
    with pytest.raises(DatabaseError, match="cannot be changed"), transaction.atomic():
        AuditEntry.objects.filter(pk=copied[0].pk).update(reason="nothing happened")


def history_count(record):
    return AuditEntry.objects.for_record(record).count()


def test_a_changed_copied_entry_is_named(clerk_a, department_a):
    needs_postgresql()
    entity = EnforcementEntityFactory(department=department_a)
    with transaction.atomic():
        audit.record_many([entity] * bulk.COPY_FROM, action="change", actor=clerk_a)
    tampered = AuditEntry.objects.order_by("chain_seq")[500]
    tamper("UPDATE supervision_auditentry SET reason = %s WHERE id = %s", ["改过", tampered.pk])
    assert chain.verify().broken_at == tampered.pk


# Archive ------------------------------------------------------------------------------------


def test_old_entries_are_archived_to_a_signed_file_then_removed(clerk_a, tmp_path):
    with time_machine.travel(datetime.datetime(2025, 1, 10, 2, tzinfo=datetime.UTC), tick=False):
        old = events(3, clerk_a)
    recent = events(2, clerk_a)
    out = tmp_path / "archive"
    call_command("archive_audit", "--before", "2025-02-01", "--to", str(out))
    (path,) = out.iterdir()
    assert not AuditEntry.objects.filter(pk__in=[e.pk for e in old]).exists()
    assert AuditEntry.objects.filter(pk__in=[e.pk for e in recent]).count() == 2
    head = AuditChainHead.objects.get()
    assert head.archived_through == 3
    # The database's chain goes on from the archive's last hash, the file checks on its own.
    assert chain.verify().intact
    call_command("verify_audit_chain", "--archive", str(path))
    content = chain.read_archive(path)
    assert [e["id"] for e in content["entries"]] == [e.pk for e in old]
    assert AuditEntry.objects.filter(action="archive").get().after["count"] == 3
    # A changed archive is noticed.
    lines = path.read_text().splitlines()
    entry = json.loads(lines[1])
    entry["object_repr"] = "someone else"
    lines[1] = json.dumps(entry, ensure_ascii=False, sort_keys=True)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CommandError, match="signature does not match"):
        call_command("verify_audit_chain", "--archive", str(path))


def test_entries_younger_than_184_days_are_not_archived(clerk_a, tmp_path):
    events(1, clerk_a)
    too_recent = timezone.localdate() - datetime.timedelta(days=100)
    with pytest.raises(CommandError, match="kept 184 days"):
        call_command("archive_audit", "--before", too_recent.isoformat(), "--to", str(tmp_path))
    assert AuditEntry.objects.count() == 1
    assert not list(tmp_path.iterdir())
