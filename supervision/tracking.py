"""Tracking codes: the public's only key to what they filed (a complaint, an objection).

A code carries 140 random bits from ``secrets`` (28 characters of Crockford's base 32, which has
no I, L, O or U, so nothing is misread on a phone), grouped by four behind the registry's prefix:
``TS-7K4Q-M2XD-…``. The database keeps only its SHA-256 digest: with 140 bits of randomness no
one can find a code from its digest by trying, so a copy of the table opens nobody's record,
and a salt or a key would add nothing but a secret to lose. The code is shown once, when the
record is filed, and is looked up from a request's body, never its address.
"""

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
LENGTH = 28  # 28 × 5 = 140 bits
GROUP = 4
# What people type for the letters the alphabet leaves out.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


class TrackingCodes:
    """The codes of one registry, told apart by their prefix (``TS`` complaints, ``YY``
    objections)."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def new_code(self) -> str:
        value = secrets.randbits(LENGTH * 5)
        characters = []
        for _position in range(LENGTH):
            value, digit = divmod(value, 32)
            characters.append(ALPHABET[digit])
        body = "".join(characters)
        return "-".join([self.prefix, *(body[i : i + GROUP] for i in range(0, LENGTH, GROUP))])

    def normalise(self, code: str) -> str | None:
        """The code's 28 characters as typed in any case, with or without the prefix, dashes or
        spaces; None when it cannot be a code (nothing is looked up then)."""
        text = "".join((code or "").upper().split()).replace("-", "")
        if len(text) == LENGTH + len(self.prefix) and text.startswith(self.prefix):
            text = text[len(self.prefix) :]
        text = text.translate(_READ_AS)
        if len(text) != LENGTH or any(character not in ALPHABET for character in text):
            return None
        return text

    def digest(self, code: str) -> str | None:
        normal = self.normalise(code)
        if normal is None:
            return None
        return hashlib.sha256(normal.encode("ascii")).hexdigest()
