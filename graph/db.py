"""Tortoise-ORM configuration, start-up and migrations."""

import logging

from tortoise import Tortoise
from tortoise.migrations.api import migrate

from graph.settings import get_settings

logger = logging.getLogger(__name__)

MODEL_MODULES = [
    "graph.region.models",
    "graph.unit.models",
    "graph.account.models",
    "graph.authz.models",
    "graph.person.models",
    "graph.insurance.models",
    "graph.declaration.models",
    "graph.audit.models",
    "graph.policy.models",
    "graph.batch.models",
    "graph.contribution.models",
    "graph.certificate.models",
]


def tortoise_config(database_url: str | None = None) -> dict:
    """Build the Tortoise config for ``database_url`` (default: the settings)."""
    url = database_url or get_settings().database_url
    return {
        "connections": {"default": normalize_database_url(url)},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "graph.migrations",
            }
        },
        "use_tz": True,
        "timezone": "Asia/Shanghai",
    }


def normalize_database_url(url: str) -> str:
    """Accept the ``postgresql://`` spelling that most tools write."""
    if url.startswith("postgresql://"):
        return "postgres://" + url.removeprefix("postgresql://")
    return url


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of a SQLite file so a fresh checkout needs no setup."""
    if url.startswith("sqlite://") and ":memory:" not in url:
        path = url.removeprefix("sqlite://").split("?", 1)[0]
        from pathlib import Path

        Path(path).parent.mkdir(parents=True, exist_ok=True)


# Tortoise's own config as a module attribute, for its command-line tool:
# `tortoise -c graph.db.TORTOISE_ORM makemigrations`.
TORTOISE_ORM = tortoise_config()


async def apply_migrations(database_url: str | None = None) -> None:
    """Bring the database schema up to the newest migration in the repo."""
    config = tortoise_config(database_url)
    ensure_sqlite_folder(config["connections"]["default"])
    await migrate(config=config)
    await Tortoise.close_connections()
    logger.info("database.migrated")


async def open_database(database_url: str | None = None) -> None:
    """Initialise Tortoise for a server process or a command."""
    config = tortoise_config(database_url)
    ensure_sqlite_folder(config["connections"]["default"])
    await Tortoise.init(config=config, _enable_global_fallback=True)


async def close_database() -> None:
    await Tortoise.close_connections()
