"""Command line: ``python -m graph serve|migrate|export-schema|load-policy``."""

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from graph.settings import PROJECT_ROOT

logger = logging.getLogger("graph")


def _configure_logging() -> None:
    from graph.ops.requests import configure_logging

    configure_logging()


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

    # Migrations and demo data run here, once, before any worker starts.
    asyncio.run(_prepare_database(args.demo, args.demo_employees))
    logger.info(
        "serving on http://%s:%s/graphql workers=%s", args.host, args.port, args.workers
    )
    if args.workers > 1:
        uvicorn.run(
            "graph.app:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="info",
        )
    else:
        uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info")


def migrate(args: argparse.Namespace) -> None:
    from graph.db import apply_migrations

    asyncio.run(apply_migrations())


def export_schema(args: argparse.Namespace) -> None:
    from graph.schema import export_sdl

    Path(args.output).write_text(export_sdl(), encoding="utf-8")
    logger.info("schema written to %s", args.output)


async def _load_policy(path: Path, close_open_ended: bool) -> int:
    from graph.core.errors import ValidationFailed
    from graph.db import apply_migrations, close_database, open_database
    from graph.policy.files import PolicyFileError, read_policy_file
    from graph.policy.loading import add_policy_periods
    from graph.region.models import Region

    try:
        policy_file = read_policy_file(path)
    except PolicyFileError as error:
        print(error, file=sys.stderr)
        return 1

    await apply_migrations()
    await open_database()
    try:
        region_codes = policy_file.region_codes
        if region_codes is None:
            region_codes = await Region.filter(
                city_code=policy_file.city_code
            ).values_list("code", flat=True)
            if not region_codes:
                print(
                    f"城市代码{policy_file.city_code}下没有统筹区，请先加载该城市的统筹区",
                    file=sys.stderr,
                )
                return 1
        result = await add_policy_periods(
            list(region_codes),
            policy_file.periods,
            close_open_ended=close_open_ended,
            actor=None,
            source="command",
        )
    except ValidationFailed as failed:
        for problem in failed.problems:
            print(f"{problem.field or '-'}: {problem.message}", file=sys.stderr)
        return 1
    finally:
        await close_database()

    for closed in result.closed:
        print(
            f"已截止统筹区{closed.region_code}自{closed.span.valid_from.isoformat()}"
            f"起的期间，失效日期{closed.closed_on.isoformat()}"
        )
    print(
        f"已为{len(result.region_codes)}个统筹区加载{len(result.periods)}个政策期间，"
        f"新增{result.rows_inserted}行参数"
    )
    return 0


def load_policy(args: argparse.Namespace) -> None:
    status = asyncio.run(_load_policy(Path(args.file), args.close_open_period))
    if status:
        sys.exit(status)


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
    serve_parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (default 1); use PostgreSQL and REDIS_URL with more",
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

    policy_parser = commands.add_parser(
        "load-policy",
        help="add the policy periods of a JSON file to its regions in one "
        "transaction (format: graph/policy/files.py)",
    )
    policy_parser.add_argument("file", help="JSON file shaped as wenzhou-sample.json")
    policy_parser.add_argument(
        "--close-open-period",
        action="store_true",
        help="end an open-ended period of a region the day before a new period "
        "starts, instead of rejecting the overlap",
    )
    policy_parser.set_defaults(handler=load_policy)

    args = parser.parse_args(argv)
    _configure_logging()
    args.handler(args)


if __name__ == "__main__":
    main()
