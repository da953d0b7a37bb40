"""Tracking codes: the public's only key to a complaint.

A code carries 140 random bits from ``secrets`` (28 characters of Crockford's base 32, which has
no I, L, O or U, so nothing is misread on a phone), grouped by four behind ``TS``:
``TS-7K4Q-M2XD-…``. The database keeps only its SHA-256 digest: with 140 bits of randomness no
one can find a code from its digest by trying, so a copy of the table opens nobody's complaint,
and a salt or a key would add nothing but a secret to lose. The code is shown once, when the
complaint is filed or registered.
"""

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
LENGTH = 28  # 28 × 5 = 140 bits
GROUP = 4
PREFIX = "TS"
# What people type for the letters the alphabet leaves out.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_code() -> str:
    value = secrets.randbits(LENGTH * 5)
    characters = []
    for _position in range(LENGTH):
        value, digit = divmod(value, 32)
        characters.append(ALPHABET[digit])
    body = "".join(characters)
    return "-".join([PREFIX, *(body[i : i + GROUP] for i in range(0, LENGTH, GROUP))])


def normalise(code: str) -> str | None:
    """The code's 28 characters as typed in any case, with or without the prefix, dashes or
    spaces; None when it cannot be a code (nothing is looked up then)."""
    text = "".join((code or "").upper().split()).replace("-", "")
    if len(text) == LENGTH + len(PREFIX) and text.startswith(PREFIX):
        text = text[len(PREFIX) :]
    text = text.translate(_READ_AS)
    if len(text) != LENGTH or any(character not in ALPHABET for character in text):
        return None
    return text


def digest(code: str) -> str | None:
    normal = normalise(code)
    if normal is None:
        return None
    return hashlib.sha256(normal.encode("ascii")).hexdigest()
