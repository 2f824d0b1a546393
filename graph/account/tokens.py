"""Bearer tokens: HS256 JWTs that name a login session.

The token only points at a ``LoginSession`` row. Who the caller is and what
they may do is read from the database on every request, so logout, a
disabled account or a removed membership take effect at once.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from graph.settings import get_secret_key

ALGORITHM = "HS256"
ISSUER = "graph"
# Clock drift between several server processes stays well under this.
LEEWAY_SECONDS = 30


@dataclass(frozen=True)
class TokenClaims:
    session_id: uuid.UUID
    account_id: int
    unit_id: int | None


class InvalidToken(Exception):
    """Raised for a token that is malformed, forged or expired."""


def issue_token(claims: TokenClaims, issued_at: datetime, lifetime: timedelta) -> str:
    payload = {
        "iss": ISSUER,
        "sub": str(claims.account_id),
        "sid": str(claims.session_id),
        "unit": claims.unit_id,
        "iat": int(issued_at.timestamp()),
        "exp": int((issued_at + lifetime).timestamp()),
    }
    return jwt.encode(payload, get_secret_key(), algorithm=ALGORITHM)


def read_token(token: str) -> TokenClaims:
    """Decode ``token``, accepting only our algorithm and issuer."""
    try:
        payload = jwt.decode(
            token,
            get_secret_key(),
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            leeway=LEEWAY_SECONDS,
            options={"require": ["exp", "iat", "sub", "sid"]},
        )
        unit_id = payload.get("unit")
        return TokenClaims(
            session_id=uuid.UUID(payload["sid"]),
            account_id=int(payload["sub"]),
            unit_id=int(unit_id) if unit_id is not None else None,
        )
    except jwt.ExpiredSignatureError as exc:
        raise InvalidToken("登录已过期，请重新登录") from exc
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        raise InvalidToken("访问令牌无效，请重新登录") from exc
