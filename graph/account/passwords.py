import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

# Verifying against this keeps the time of a login with an unknown username
# close to that of a wrong password, so timing does not reveal which accounts exist.
_DUMMY_HASH = _hasher.hash("unused-password-for-timing")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


async def check_password(password_hash: str | None, password: str) -> bool:
    """Verify in a worker thread: argon2 takes tens of milliseconds of CPU.

    On the event loop, a burst of logins would hold every other request
    back for the whole burst; argon2-cffi releases the GIL while hashing.
    """
    return await asyncio.to_thread(verify_password, password_hash, password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password`` against ``password_hash``; ``None`` always fails."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(
            password_hash
        )
    except (VerificationError, InvalidHashError):
        return False
