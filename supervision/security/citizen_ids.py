"""No whole citizen ID number in an address (issue 18, GB/T 22239-2019 8.1.4.8 个人信息保护): a
search by one is sent by POST; the list it leads to is addressed by a keyed hash of the number
(``id-…``), which the server turns back into the number from the searcher's own session. Access
logs, browser histories and shared links then hold the hash, never the number.

The API has no session: it searches by POST (``…/search/``) and answers the results at once.
"""

import re

from django.utils.crypto import salted_hmac

SESSION_KEY = "citizen_id_searches"
KEEP = 20  # the searches a session remembers (pagination, export, the back button)
_TOKEN = re.compile(r"^id-[0-9a-f]{24}$")


def token_for(number: str) -> str:
    """The keyed hash that stands for ``number`` in an address (SECRET_KEY is the key)."""
    return "id-" + salted_hmac("supervision.citizen_id_search", number).hexdigest()[:24]


def is_token(value: str) -> bool:
    return bool(_TOKEN.match(value or ""))


def remember(request, number: str) -> str:
    """Keep ``number`` in the session under its hash; answer the hash for the address."""
    token = token_for(number)
    session = getattr(request, "session", None)
    if session is not None:
        searches = {k: v for k, v in session.get(SESSION_KEY, {}).items() if k != token}
        searches[token] = number
        session[SESSION_KEY] = dict(list(searches.items())[-KEEP:])
    return token


def recall(request, token: str) -> str | None:
    """The number a hash stands for, if this session searched for it."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    return session.get(SESSION_KEY, {}).get(token)
