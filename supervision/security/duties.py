"""Separation of duties (三权分立, GB/T 22239-2019 8.1.4.2 访问控制): the system administrator keeps
the accounts and the configuration; the legal office does the business; the security auditor
reads the audit trail. None of them does another's part.

The administrator is a Django superuser (the admin site needs one), so the superuser's
every-permission shortcut is narrowed here to the models they keep: a registry's model in the
Django admin stays out of their reach even if someone registers it there. A configuration model
the administrator keeps is added to ``ADMINISTERED_MODELS``.
"""

ADMINISTERED_MODELS = frozenset(
    {
        # Accounts and their security: users, groups, API tokens, two-factor devices, lockouts.
        "supervision.user",
        "auth.group",
        "supervision.apitoken",
        "otp_totp.totpdevice",
        "axes.accessattempt",
        # The organisation and the configuration the registries are kept with.
        "supervision.jurisdiction",
        "supervision.department",
        "supervision.holidayschedule",
        "supervision.scheduleday",
        "personnel.conductcategory",
        "evaluations.scoringtemplate",
        "evaluations.scoringitem",
    }
)
ACTIONS = ("add", "change", "delete", "view")


def administrator_may(perm: str) -> bool:
    """``app.action_model``: only the four model permissions of a model the administrator keeps;
    no registry's own right (reading every interference record, say)."""
    app_label, _dot, codename = perm.partition(".")
    action, _sep, model = codename.partition("_")
    return action in ACTIONS and f"{app_label}.{model}" in ADMINISTERED_MODELS


def administrator_may_enter(app_label: str) -> bool:
    return any(name.partition(".")[0] == app_label for name in ADMINISTERED_MODELS)


def administered_content_types():
    """The content types of the models the administrator keeps (a subquery)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    condition = Q(pk__in=[])
    for name in ADMINISTERED_MODELS:
        app_label, _dot, model = name.partition(".")
        condition |= Q(app_label=app_label, model=model)
    return ContentType.objects.filter(condition).values("pk")
