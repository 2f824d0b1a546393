"""Signed download links.

A browser follows a download link without the bearer header, so the link
itself carries a short-lived signed token. The token names the login session
it was made for, and the download checks that session and its rights again,
so a revoked grant stops downloads as it stops requests.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

import jwt

from graph.account.actor import Actor
from graph.account.tokens import ALGORITHM, ISSUER, LEEWAY_SECONDS
from graph.core.clock import now
from graph.settings import get_secret_key

AUDIENCE = "download"
LINK_LIFETIME = timedelta(minutes=15)
DOWNLOAD_PATH = "/files/download"


@dataclass(frozen=True)
class DownloadClaims:
    purpose: str
    session_id: uuid.UUID
    account_id: int
    params: dict[str, Any]


class InvalidLink(Exception):
    """Raised for a download link that is malformed, forged or expired."""


def download_url(
    actor: Actor,
    purpose: str,
    params: dict[str, Any],
    filename: str,
    issued_at: datetime | None = None,
) -> str:
    """Return a relative URL that downloads ``purpose`` for ``actor``."""
    issued_at = issued_at or now()
    payload = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(actor.account_id),
        "sid": actor.session_id,
        "purpose": purpose,
        "params": params,
        "iat": int(issued_at.timestamp()),
        "exp": int((issued_at + LINK_LIFETIME).timestamp()),
    }
    token = jwt.encode(payload, get_secret_key(), algorithm=ALGORITHM)
    return f"{DOWNLOAD_PATH}/{token}/{quote(filename)}"


def read_download_token(token: str) -> DownloadClaims:
    try:
        payload = jwt.decode(
            token,
            get_secret_key(),
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            audience=AUDIENCE,
            leeway=LEEWAY_SECONDS,
            options={"require": ["exp", "iat", "sub", "sid", "aud"]},
        )
        params = payload.get("params")
        if not isinstance(params, dict) or not isinstance(payload["purpose"], str):
            raise InvalidLink("下载链接无效，请重新生成")
        return DownloadClaims(
            purpose=payload["purpose"],
            session_id=uuid.UUID(payload["sid"]),
            account_id=int(payload["sub"]),
            params=params,
        )
    except jwt.ExpiredSignatureError as exc:
        raise InvalidLink("下载链接已过期，请重新生成") from exc
    except (jwt.PyJWTError, ValueError, TypeError, KeyError) as exc:
        raise InvalidLink("下载链接无效，请重新生成") from exc
