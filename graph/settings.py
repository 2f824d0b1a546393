"""Runtime settings read from the environment.

``DATABASE_URL`` selects the database (default: a SQLite file under ``data/``),
``SECRET_KEY`` signs tokens (default: a key generated once and kept under
``data/``), ``DATA_DIR`` moves that folder. ``UPLOAD_DIR`` keeps uploaded
files (default ``uploads/``; several processes must share it) and
``UPLOAD_MAX_BYTES`` caps one upload. ``GRAPHQL_INTROSPECTION=0`` turns
schema introspection off (GraphiQL then has no schema to show).
``SUBSCRIPTION_POLL_SECONDS`` is how often a subscription re-reads the
database when no event arrives. ``PUBLIC_BASE_URL`` is the address
printed in certificate QR codes (default: the address of the request).
"""

import os
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    token_lifetime_seconds: int
    upload_dir: Path
    upload_max_bytes: int
    introspection: bool
    subscription_poll_seconds: float
    # Empty means the address the request came in on.
    public_base_url: str = ""


@cache
def get_settings() -> Settings:
    """Read the settings once per process."""
    data_dir = Path(os.environ.get("DATA_DIR", PROJECT_ROOT / "data"))
    default_url = f"sqlite://{data_dir / 'graph.sqlite3'}"
    return Settings(
        database_url=os.environ.get("DATABASE_URL") or default_url,
        data_dir=data_dir,
        token_lifetime_seconds=int(os.environ.get("TOKEN_LIFETIME_SECONDS", 8 * 3600)),
        upload_dir=Path(os.environ.get("UPLOAD_DIR", PROJECT_ROOT / "uploads")),
        upload_max_bytes=int(os.environ.get("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)),
        introspection=os.environ.get("GRAPHQL_INTROSPECTION", "1") != "0",
        subscription_poll_seconds=float(
            os.environ.get("SUBSCRIPTION_POLL_SECONDS", "2")
        ),
        public_base_url=os.environ.get("PUBLIC_BASE_URL", "").rstrip("/"),
    )


@cache
def get_secret_key() -> str:
    """Return ``SECRET_KEY``, or a key generated on first use and kept on disk.

    Keeping the generated key lets tokens survive a restart; several processes
    on one machine share it through the file.
    """
    configured = os.environ.get("SECRET_KEY")
    if configured:
        return configured

    key_file = get_settings().data_dir / "secret_key"
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_urlsafe(48)
        handle.write(key)
    return key
