"""Progress of running imports, for the progress subscription.

Each process keeps the progress of the imports it runs. A client connected
to another process reads the preview's progress from the database row, which
the preview updates as it goes. The confirm runs in one transaction, so its
row changes only at the end.
"""

from dataclasses import dataclass

from graph.batch.codes import ImportStatus


@dataclass(frozen=True)
class Progress:
    status: ImportStatus
    processed: int
    total: int


_running: dict[str, Progress] = {}


def report(batch_id: str, status: ImportStatus, processed: int, total: int) -> None:
    _running[batch_id] = Progress(status, processed, total)


def finish(batch_id: str) -> None:
    _running.pop(batch_id, None)


def current(batch_id: str) -> Progress | None:
    return _running.get(batch_id)
