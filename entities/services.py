from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supervision.errors import TransitionNotAllowed
from supervision.models import Department
from supervision.workflow import (
    apply_changes,
    department_for,
    require_legal_office,
    require_reason,
    require_writer,
    save_new,
    transition,
)

from .models import EnforcementEntity, Entrustment

# Enforcement entities: draft → submitted (clerk) → approved | rejected (legal office) → published
# (legal office) → revoked. A rejected entity is edited and submitted again.
ENTITY_FIELDS = ("name", "kind", "legal_basis", "enforcement_areas", "establishment_document")


@transaction.atomic
def entity_create(*, actor, department: Department | None = None, **values) -> EnforcementEntity:
    entity = EnforcementEntity(
        department=department_for(actor, department),
        **{k: v for k, v in values.items() if k in ENTITY_FIELDS},
    )
    return save_new(entity, actor=actor)


@transaction.atomic
def entity_update(*, entity: EnforcementEntity, actor, **values) -> EnforcementEntity:
    entity = _locked_entity(entity)
    require_writer(actor, entity.department_id)
    if not entity.is_editable:
        raise TransitionNotAllowed(
            _("Only a draft or a rejected entity can be edited; this one is %(status)s.")
            % {"status": entity.get_status_display()}
        )
    return apply_changes(entity, actor=actor, fields=ENTITY_FIELDS, values=values)


def _locked_entity(entity) -> EnforcementEntity:
    return EnforcementEntity.objects.select_for_update().get(pk=entity.pk)


@transaction.atomic
def entity_submit(*, entity: EnforcementEntity, actor) -> EnforcementEntity:
    entity = _locked_entity(entity)
    require_writer(actor, entity.department_id)
    S = EnforcementEntity.Status
    if entity.status in (S.DRAFT, S.REJECTED) and not entity.establishment_document:
        raise TransitionNotAllowed(_("Upload the establishment document before submitting."))
    return transition(
        entity,
        actor=actor,
        action="submit",
        sources=(S.DRAFT, S.REJECTED),
        target=S.SUBMITTED,
        refusal=_("Only a draft or a rejected entity can be submitted."),
    )


def require_agreement_in_force(entity: EnforcementEntity) -> None:
    """An entrusted entity (委托) acts only under an entrustment agreement in force today: without
    one it cannot be approved or published."""
    if entity.kind != EnforcementEntity.Kind.ENTRUSTED:
        return
    if (
        not Entrustment.objects.in_force(timezone.localdate())
        .filter(entrusted_entity=entity)
        .exists()
    ):
        raise TransitionNotAllowed(
            _(
                "An entrusted entity needs an entrustment agreement in force that names it: "
                "publish the agreement first."
            )
        )


@transaction.atomic
def entity_approve(*, entity: EnforcementEntity, actor) -> EnforcementEntity:
    require_legal_office(actor, entity.department)
    S = EnforcementEntity.Status
    entity = _locked_entity(entity)
    if entity.status == S.SUBMITTED:
        require_agreement_in_force(entity)
    return transition(
        entity,
        actor=actor,
        action="approve",
        sources=(S.SUBMITTED,),
        target=S.APPROVED,
        refusal=_("Only a submitted entity can be approved."),
        rejection_reason="",
    )


@transaction.atomic
def entity_reject(*, entity: EnforcementEntity, actor, reason: str) -> EnforcementEntity:
    require_legal_office(actor, entity.department)
    reason = require_reason(reason)
    S = EnforcementEntity.Status
    return transition(
        _locked_entity(entity),
        actor=actor,
        action="reject",
        sources=(S.SUBMITTED,),
        target=S.REJECTED,
        refusal=_("Only a submitted entity can be rejected."),
        reason=reason,
        rejection_reason=reason,
    )


@transaction.atomic
def entity_publish(*, entity: EnforcementEntity, actor) -> EnforcementEntity:
    require_legal_office(actor, entity.department)
    S = EnforcementEntity.Status
    entity = _locked_entity(entity)
    if entity.status == S.APPROVED:
        require_agreement_in_force(entity)
    return transition(
        entity,
        actor=actor,
        action="publish",
        sources=(S.APPROVED,),
        target=S.PUBLISHED,
        refusal=_("Only an approved entity can be published."),
        published_on=timezone.localdate(),
    )


@transaction.atomic
def entity_revoke(*, entity: EnforcementEntity, actor, reason: str) -> EnforcementEntity:
    require_legal_office(actor, entity.department)
    reason = require_reason(reason)
    S = EnforcementEntity.Status
    return transition(
        _locked_entity(entity),
        actor=actor,
        action="revoke",
        sources=(S.PUBLISHED,),
        target=S.REVOKED,
        refusal=_("Only a published entity can be revoked."),
        reason=reason,
        revocation_reason=reason,
    )


# Entrustment agreements: draft → filed with the legal office (clerk) → published (legal office);
# the legal office may terminate a filed or published agreement. "In force" is derived from the
# term: published and today within [starts_on, ends_on].
ENTRUSTMENT_FIELDS = (
    "entrusted_organisation",
    "entrusted_entity",
    "matters",
    "legal_basis",
    "starts_on",
    "ends_on",
    "agreement_file",
)


@transaction.atomic
def entrustment_create(*, actor, principal: EnforcementEntity, **values) -> Entrustment:
    require_writer(actor, principal.department_id)
    entrustment = Entrustment(
        principal=principal, **{k: v for k, v in values.items() if k in ENTRUSTMENT_FIELDS}
    )
    return save_new(entrustment, actor=actor)


def _locked_entrustment(entrustment) -> Entrustment:
    return (
        Entrustment.objects.select_for_update(of=("self",))
        .select_related("principal")
        .get(pk=entrustment.pk)
    )


@transaction.atomic
def entrustment_update(*, entrustment: Entrustment, actor, **values) -> Entrustment:
    entrustment = _locked_entrustment(entrustment)
    require_writer(actor, entrustment.principal.department_id)
    if not entrustment.is_editable:
        raise TransitionNotAllowed(_("Only a draft agreement can be edited."))
    return apply_changes(entrustment, actor=actor, fields=ENTRUSTMENT_FIELDS, values=values)


@transaction.atomic
def entrustment_file(*, entrustment: Entrustment, actor) -> Entrustment:
    entrustment = _locked_entrustment(entrustment)
    require_writer(actor, entrustment.principal.department_id)
    S = Entrustment.Status
    if entrustment.status == S.DRAFT and not entrustment.agreement_file:
        raise TransitionNotAllowed(_("Upload the signed agreement before filing it."))
    return transition(
        entrustment,
        actor=actor,
        action="file",
        sources=(S.DRAFT,),
        target=S.FILED,
        refusal=_("Only a draft agreement can be filed."),
        filed_on=timezone.localdate(),
    )


@transaction.atomic
def entrustment_publish(*, entrustment: Entrustment, actor) -> Entrustment:
    require_legal_office(actor, entrustment.principal.department)
    entrustment = _locked_entrustment(entrustment)
    S = Entrustment.Status
    today = timezone.localdate()
    if entrustment.status == S.FILED:
        if not entrustment.principal.is_published:
            raise TransitionNotAllowed(
                _("The principal entity is not published: the agreement cannot be published.")
            )
        if entrustment.ends_on < today:
            raise TransitionNotAllowed(_("The agreement's term has ended."))
    return transition(
        entrustment,
        actor=actor,
        action="publish",
        sources=(S.FILED,),
        target=S.PUBLISHED,
        refusal=_("Only a filed agreement can be published."),
        published_on=today,
    )


@transaction.atomic
def entrustment_terminate(*, entrustment: Entrustment, actor, reason: str) -> Entrustment:
    require_legal_office(actor, entrustment.principal.department)
    reason = require_reason(reason)
    S = Entrustment.Status
    return transition(
        _locked_entrustment(entrustment),
        actor=actor,
        action="terminate",
        sources=(S.FILED, S.PUBLISHED),
        target=S.TERMINATED,
        refusal=_("Only a filed or published agreement can be terminated."),
        reason=reason,
        termination_reason=reason,
    )
