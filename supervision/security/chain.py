"""The audit trail's hash chain (GB/T 22239-2019 8.1.4.3 c: 应对审计记录进行保护…避免受到未预期的删除、
修改或覆盖).

Each entry carries its position (``chain_seq``) and ``chain_hash`` = HMAC-SHA256, keyed with
``AUDIT_CHAIN_KEY``, of the previous entry's hash and the entry's own content. Changing an entry
breaks its hash; removing one leaves a gap; changing one and recomputing its hash breaks the next
entry's, and needs the key, which lives in the environment, not in the database.

Entries are sealed as they are written: ``seal`` locks the chain's head row, so audited
transactions take their place in the chain one at a time, in the order they commit. (That lock
is held to the commit; audited writes of a city office's staff are few enough for it.)
"""

import datetime
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


def _value(entry, name):
    return entry[name] if isinstance(entry, dict) else getattr(entry, name)


def canonical(entry) -> bytes:
    """The content of an entry that its hash covers, in one fixed serialisation."""
    at = _value(entry, "at")
    content = {
        "seq": _value(entry, "chain_seq"),
        "content_type": _value(entry, "content_type_id"),
        "object_id": _value(entry, "object_id"),
        "object_repr": _value(entry, "object_repr"),
        "action": _value(entry, "action"),
        "actor": _value(entry, "actor_id"),
        "jurisdiction": _value(entry, "jurisdiction_id"),
        "at": at.isoformat(timespec="microseconds") if at is not None else None,
        "before": _value(entry, "before"),
        "after": _value(entry, "after"),
        "reason": _value(entry, "reason"),
    }
    return _encode(content).encode()


# json.dumps with these options builds an encoder per call; the seal of a year-end check encodes a
# hundred thousand entries with this one (the same text).
_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def entry_hash(previous: str, entry, key: str | None = None) -> str:
    key = (key or settings.AUDIT_CHAIN_KEY).encode()
    return hmac.new(key, previous.encode() + b"\n" + canonical(entry), hashlib.sha256).hexdigest()


def seal(entries) -> None:
    """Give each new entry its place and hash; must run inside the transaction that saves them."""
    from django.utils import timezone

    from .models import AuditChainHead

    AuditChainHead.objects.get_or_create(pk=1)
    head = AuditChainHead.objects.select_for_update().get(pk=1)
    now = timezone.now()
    for entry in entries:
        if entry.at is None:
            entry.at = now
        # The database keeps microseconds: the hash is of the value read back.
        entry.at = entry.at.astimezone(datetime.UTC)
        head.last_seq += 1
        entry.chain_seq = head.last_seq
        entry.chain_hash = entry_hash(head.last_hash, entry)
        head.last_hash = entry.chain_hash
    head.save(update_fields=["last_seq", "last_hash"])


@dataclass
class Verdict:
    checked: int
    broken_at: int | None = None  # the id of the first entry that does not hold
    position: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None and not self.reason


def verify(chunk: int = 2000) -> Verdict:
    """Walk the chain from the first entry not archived; name the first entry that does not hold."""
    from supervision.models import AuditEntry

    from .models import AuditChainHead

    head = AuditChainHead.objects.filter(pk=1).first()
    previous = head.archived_hash if head else ""
    expected = (head.archived_through if head else 0) + 1
    checked = 0
    unsealed = AuditEntry.objects.filter(chain_seq__isnull=True).order_by("id").first()
    if unsealed is not None:
        return Verdict(checked, unsealed.pk, None, "not sealed")
    fields = [
        "id",
        "chain_seq",
        "chain_hash",
        "content_type_id",
        "object_id",
        "object_repr",
        "action",
        "actor_id",
        "jurisdiction_id",
        "at",
        "before",
        "after",
        "reason",
    ]
    rows = AuditEntry.objects.order_by("chain_seq").values(*fields).iterator(chunk_size=chunk)
    for row in rows:
        if row["chain_seq"] < expected:
            return Verdict(checked, row["id"], row["chain_seq"], "archived entry still present")
        if row["chain_seq"] != expected:
            return Verdict(checked, row["id"], expected, "entries missing before this one")
        if not hmac.compare_digest(entry_hash(previous, row), row["chain_hash"]):
            return Verdict(checked, row["id"], row["chain_seq"], "hash does not match")
        previous = row["chain_hash"]
        expected += 1
        checked += 1
    if head is not None and (expected - 1 != head.last_seq or previous != head.last_hash):
        return Verdict(checked, None, expected, "the last entries are missing")
    return Verdict(checked)


# Archiving ------------------------------------------------------------------------------------

ARCHIVE_FORMAT = "supervision-audit-archive/1"


def _sign(payload: bytes) -> str:
    return hmac.new(settings.AUDIT_CHAIN_KEY.encode(), payload, hashlib.sha256).hexdigest()


def read_archive(path) -> dict:
    """An archive file's header and entries, after checking its signature and its chain."""
    lines = Path(path).read_bytes().splitlines()
    if len(lines) < 2:
        raise ValueError("not an audit archive")
    signature = json.loads(lines[-1]).get("signature", "")
    payload = b"\n".join(lines[:-1]) + b"\n"
    if not hmac.compare_digest(_sign(payload), signature):
        raise ValueError("the signature does not match: the file was changed")
    header = json.loads(lines[0])
    entries = [json.loads(line) for line in lines[1:-1]]
    previous = header["previous_hash"]
    for entry in entries:
        entry["at"] = datetime.datetime.fromisoformat(entry["at"])
        if entry_hash(previous, entry) != entry["chain_hash"]:
            raise ValueError(f"entry {entry['id']} does not hold")
        previous = entry["chain_hash"]
    if previous != header["last_hash"] or len(entries) != header["count"]:
        raise ValueError("the archive is incomplete")
    return {"header": header, "entries": entries}


def archive(*, before: datetime.date, folder) -> tuple[Path | None, int]:
    """Export the entries written before ``before`` (oldest first, in chain order) to a signed
    file in ``folder``, check the file, then remove them: never one removed unexported.

    ``before`` may not be later than ``AUDIT_RETENTION_DAYS`` ago (at least 184 days, 等保).
    Returns the file and the number of entries archived.
    """
    from django.core.serializers.json import DjangoJSONEncoder
    from django.db import transaction
    from django.utils import timezone

    from supervision.models import AuditEntry

    from .models import AuditChainHead

    latest = timezone.localdate() - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    if before > latest:
        raise ValueError(
            f"entries are kept {settings.AUDIT_RETENTION_DAYS} days: archive before {latest} at the latest"
        )
    cutoff = datetime.datetime.combine(
        before, datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    fields = [
        "id",
        "chain_seq",
        "chain_hash",
        "content_type_id",
        "object_id",
        "object_repr",
        "action",
        "actor_id",
        "jurisdiction_id",
        "at",
        "before",
        "after",
        "reason",
    ]
    with transaction.atomic():
        AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
        entries = []
        expected = head.archived_through + 1
        for row in AuditEntry.objects.order_by("chain_seq").values(*fields).iterator():
            if row["at"] >= cutoff or row["chain_seq"] != expected:
                break
            entries.append(row)
            expected += 1
        if not entries:
            return None, 0
        header = {
            "format": ARCHIVE_FORMAT,
            "from_seq": entries[0]["chain_seq"],
            "through_seq": entries[-1]["chain_seq"],
            "previous_hash": head.archived_hash,
            "last_hash": entries[-1]["chain_hash"],
            "count": len(entries),
            "before": before.isoformat(),
            "created": timezone.now().isoformat(),
        }

        def line(value) -> bytes:
            return json.dumps(
                value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True
            ).encode()

        payload = b"".join(
            line(v) + b"\n"
            for v in [
                header,
                *[
                    {**e, "at": e["at"].astimezone(datetime.UTC).isoformat(timespec="microseconds")}
                    for e in entries
                ],
            ]
        )
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"audit-{header['from_seq']:012d}-{header['through_seq']:012d}.jsonl"
        partial = path.with_suffix(".partial")
        with open(partial, "wb") as handle:
            handle.write(payload + line({"signature": _sign(payload)}) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
        read_archive(path)  # what is removed must be readable from the file first
        head.archived_through = header["through_seq"]
        head.archived_hash = header["last_hash"]
        head.save(update_fields=["archived_through", "archived_hash"])
        AuditEntry.objects.filter(chain_seq__lte=head.archived_through).delete()
        from supervision import audit

        audit.record_event(
            audit.Action.ARCHIVE,
            detail={
                "file": path.name,
                "from_seq": header["from_seq"],
                "through_seq": header["through_seq"],
                "count": header["count"],
                "last_hash": header["last_hash"],
            },
        )
    return path, len(entries)
