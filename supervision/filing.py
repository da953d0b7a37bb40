"""Filings received, not only declared (备案审查).

A department files a record with the legal office (a major decision, a case-file catalogue, a
training plan): the filing carries its documents and is dated the day it reaches the portal.
The legal office then acknowledges it: received, or returned with the reasons (a document
missing). A returned filing was never complete: its filing date is cleared, the deadline runs on
as if it had not been filed, and the department files it again once it is complete. So the
filing date is always the day the complete filing arrived, and every deadline rule that reads
``filed_on`` keeps its meaning.

A registry's model inherits ``FilingReceipt``; its services lock the row, check who may file and
what the filing must carry, and call ``filing_submit``, ``filing_receive`` and ``filing_return``.
What the filing must carry is either already on the record (``missing`` names what is not: the
decision document among a decision's attachments, the plan document of a training plan) or
uploaded with the filing itself (``documents``: the signed and sealed case-file catalogue).
"""

import datetime
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from . import calendar, uploads
from .errors import TransitionNotAllowed
from .workflow import require_filing_day, require_legal_office, require_reason, transition


class Receipt(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting receipt")
    RECEIVED = "received", _("Received")
    RETURNED = "returned", _("Returned for missing documents")


class FilingReceipt(models.Model):
    """The legal office's acknowledgement of a filing, beside the record's ``filed_on``."""

    receipt = models.CharField(
        _("filing receipt"),
        max_length=10,
        choices=Receipt.choices,
        blank=True,
        default="",
        editable=False,
    )
    received_on = models.DateField(_("received on"), null=True, blank=True, editable=False)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    return_reason = models.TextField(_("reasons for return"), blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def awaits_receipt(self) -> bool:
        return self.receipt == Receipt.AWAITING

    @property
    def receipt_badge(self) -> str:
        return {Receipt.AWAITING: "warn", Receipt.RECEIVED: "ok", Receipt.RETURNED: "bad"}.get(
            self.receipt, ""
        )


def filing_submit(
    record: FilingReceipt,
    *,
    actor,
    refusal,
    filed_on: datetime.date | None = None,
    missing=(),
    documents: Mapping | None = None,
    reason: str = "",
    **fields,
):
    """File ``record`` (locked by the caller, the writer checked): dated today, or the day the
    legal office records for a filing that reached it on paper (then it is received at once).

    ``missing`` names the documents the filing still lacks: an incomplete filing is refused.
    ``documents`` are the files the filing itself carries, by the record's file field
    (``{"document": upload}``): each is required, an error on its field when absent or not
    allowed by the field's upload policy, and is stored with the name the user gave it.
    """
    if record.filed_on is not None:
        # Said before anything else: a filed record asks for no document.
        raise TransitionNotAllowed(refusal)
    if missing:
        raise TransitionNotAllowed(
            _("The filing is incomplete: attach %(documents)s before filing.")
            % {"documents": pgettext("list separator", ", ").join(str(m) for m in missing)}
        )
    carried = _carried(record, documents or {})
    today = calendar.today()
    filed_on = filed_on or today
    require_filing_day(actor, filed_on, today)
    by_office = bool(actor.is_authenticated and actor.supervises_departments)
    return transition(
        record,
        actor=actor,
        action="file",
        # Not filed yet (or returned): ``filed_on`` is empty until a complete filing arrives.
        state_field="filed_on",
        sources=(None,),
        target=filed_on,
        refusal=refusal,
        reason=reason,
        receipt=Receipt.RECEIVED if by_office else Receipt.AWAITING,
        received_on=today if by_office else None,
        received_by=actor if by_office else None,
        return_reason="",
        **carried,
        **fields,
    )


def _carried(record: FilingReceipt, documents: Mapping) -> dict:
    """The record's fields set by the documents a filing carries, each checked on its field."""
    values, errors = {}, {}
    for name, upload in documents.items():
        field = record._meta.get_field(name)
        if not upload:
            errors[name] = _("The filing carries %(document)s: attach it to file.") % {
                "document": field.verbose_name
            }
            continue
        try:
            field.run_validators(upload)
        except ValidationError as error:
            errors[name] = error.messages
            continue
        values[name] = upload
        values[uploads.name_field(field)] = uploads.original_name(upload)
    if errors:
        raise ValidationError(errors)
    return values


def filing_receive(record: FilingReceipt, *, actor, department):
    """The legal office of ``department``'s jurisdiction acknowledges a complete filing."""
    require_legal_office(actor, department)
    return transition(
        record,
        actor=actor,
        action="receive_filing",
        state_field="receipt",
        sources=(Receipt.AWAITING,),
        target=Receipt.RECEIVED,
        refusal=_("Only a filing awaiting receipt can be received."),
        received_on=calendar.today(),
        received_by=actor,
    )


def filing_return(record: FilingReceipt, *, actor, department, reason: str, **fields):
    """The legal office returns an incomplete filing with its reasons: it was not filed, and the
    deadline runs on (``fields`` clears what else the filing set, such as ``filed_by``)."""
    require_legal_office(actor, department)
    reason = require_reason(reason)
    return transition(
        record,
        actor=actor,
        action="return_filing",
        state_field="receipt",
        sources=(Receipt.AWAITING,),
        target=Receipt.RETURNED,
        refusal=_("Only a filing awaiting receipt can be returned."),
        reason=reason,
        return_reason=reason,
        received_on=calendar.today(),
        received_by=actor,
        filed_on=None,
        **fields,
    )
