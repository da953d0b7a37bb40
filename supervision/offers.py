"""Actions an app offers to the others, by name, without their importing it.

A domain app may import another app's models only (``tests/test_layers.py``); a domain action of
another app, such as withholding a certificate, is offered here by the app that owns it, from its
``AppConfig.ready()``::

    from supervision import offers

    offers.offer("certificate_withhold", services.certificate_withhold)

and called by name by the app that needs it::

    offers.perform("certificate_withhold", certificate=..., actor=..., reason=...)

The offered function is the owner's own service: it checks permissions and transitions, writes
the audit trail and raises its own errors, exactly as when the owner's pages call it.
"""

_offered: dict = {}


def offer(name: str, function) -> None:
    """Offer ``function`` under ``name`` (offering the same name again replaces the first)."""
    _offered[name] = function


def is_offered(name: str) -> bool:
    return name in _offered


def perform(name: str, **arguments):
    """Run the action offered as ``name``; a name nobody offers is a programming error."""
    try:
        function = _offered[name]
    except KeyError:
        raise LookupError(f"No app offers the action {name!r}.") from None
    return function(**arguments)
