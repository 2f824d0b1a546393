"""``/metrics`` in the Prometheus text format.

Request counters and latencies are those of the process that handles the
scrape. With several processes, scrape each one. Declarations by status are
counted in the database at scrape time, so every process reports the same.
"""

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from prometheus_client.core import GaugeMetricFamily
from starlette.requests import Request
from starlette.responses import Response
from tortoise.functions import Count

from graph.declaration.models import Declaration


async def declaration_counts() -> list[tuple[str, str, int]]:
    rows = (
        await Declaration.all()
        .group_by("kind", "status")
        .annotate(count=Count("id"))
        .values_list("kind", "status", "count")
    )
    return [(str(kind), str(status), count) for kind, status, count in rows]


async def metrics(request: Request) -> Response:
    counts = await declaration_counts()
    gauge = GaugeMetricFamily(
        "graph_declarations",
        "Declarations by kind and status, counted in the database",
        labels=["kind", "status"],
    )
    for kind, status, count in counts:
        gauge.add_metric([kind, status], count)
    body = generate_latest(REGISTRY) + _render(gauge)
    return Response(body, media_type=CONTENT_TYPE_LATEST)


def _render(family: GaugeMetricFamily) -> bytes:
    lines = [f"# HELP {family.name} {family.documentation}"]
    lines.append(f"# TYPE {family.name} gauge")
    for sample in family.samples:
        labels = ",".join(f'{k}="{v}"' for k, v in sample.labels.items())
        lines.append(f"{sample.name}{{{labels}}} {sample.value}")
    return ("\n".join(lines) + "\n").encode()
