"""Command line: ``python -m graph serve|migrate|export-schema``."""

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from graph.settings import PROJECT_ROOT

logger = logging.getLogger("graph")


def _configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )


async def _prepare_database(demo: bool, demo_employees: int) -> None:
    from graph.db import apply_migrations, close_database, open_database

    await apply_migrations()
    if demo:
        from graph.demo.data import load_demo

        await open_database()
        try:
            loaded = await load_demo(demo_employees)
        finally:
            await close_database()
        if not loaded:
            logger.warning("demo not loaded because the database already contains data")


def serve(args: argparse.Namespace) -> None:
    import uvicorn

    from graph.app import create_app

    asyncio.run(_prepare_database(args.demo, args.demo_employees))
    logger.info("serving on http://%s:%s/graphql", args.host, args.port)
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info")


def migrate(args: argparse.Namespace) -> None:
    from graph.db import apply_migrations

    asyncio.run(apply_migrations())


def export_schema(args: argparse.Namespace) -> None:
    from graph.schema import export_sdl

    Path(args.output).write_text(export_sdl(), encoding="utf-8")
    logger.info("schema written to %s", args.output)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m graph", description="社保网上服务 GraphQL server"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve_parser = commands.add_parser("serve", help="apply migrations and serve")
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to bind")
    serve_parser.add_argument("--port", type=int, default=8000, help="TCP port")
    serve_parser.add_argument(
        "--demo",
        action="store_true",
        help="load the demo unit, accounts and employees into an empty database",
    )
    serve_parser.add_argument(
        "--demo-employees",
        type=int,
        default=200,
        help="number of synthetic employees that --demo creates (default 200)",
    )
    serve_parser.set_defaults(handler=serve)

    migrate_parser = commands.add_parser("migrate", help="apply database migrations")
    migrate_parser.set_defaults(handler=migrate)

    export_parser = commands.add_parser(
        "export-schema", help="write the GraphQL SDL to a file"
    )
    export_parser.add_argument(
        "--output", default=str(PROJECT_ROOT / "schema.graphql"), help="target file"
    )
    export_parser.set_defaults(handler=export_schema)

    args = parser.parse_args(argv)
    _configure_logging()
    args.handler(args)


if __name__ == "__main__":
    main()
