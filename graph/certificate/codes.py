"""Verification codes (验证码) printed on insurance certificates.

A code is 16 characters of Crockford base32 in four groups: 12 random
characters (60 bits from ``secrets``) and 4 characters of an HMAC-SHA256 of
them under the server's secret key. The HMAC lets verification tell a
mistyped or made-up code from one this server issued before any lookup.
"""

import hashlib
import hmac
import secrets

from graph.settings import get_secret_key

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 12
CHECK_LENGTH = 4


def _check(random_part: str) -> str:
    digest = hmac.new(
        get_secret_key().encode(), random_part.encode(), hashlib.sha256
    ).digest()
    number = int.from_bytes(digest[:4], "big")
    characters = []
    for _ in range(CHECK_LENGTH):
        characters.append(ALPHABET[number % 32])
        number //= 32
    return "".join(characters)


def new_code() -> str:
    """Return a fresh code such as ``7K2M-9QXA-P3TD-4HWE``."""
    random_part = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return format_code(random_part + _check(random_part))


def format_code(compact: str) -> str:
    return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def normalize(raw: str) -> str:
    """Return the code without separators, upper case, O read as 0 and I, L as 1."""
    compact = "".join(ch for ch in raw.upper() if ch.isalnum())
    return compact.replace("O", "0").replace("I", "1").replace("L", "1")


def is_genuine(raw: str) -> bool:
    """Tell whether ``raw`` carries this server's check characters."""
    compact = normalize(raw)
    if len(compact) != RANDOM_LENGTH + CHECK_LENGTH:
        return False
    if any(ch not in ALPHABET for ch in compact):
        return False
    random_part = compact[:RANDOM_LENGTH]
    return hmac.compare_digest(compact[RANDOM_LENGTH:], _check(random_part))
