"""The shared step of every mutation that files a declaration with materials."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from graph.account.actor import Actor
from graph.core.clock import today
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.ids import parse_row_id
from graph.core.types import FieldError, field_errors
from graph.declaration.materials import MaterialUpload
from graph.declaration.models import Declaration
from graph.declaration.repository import readable_declaration
from graph.declaration.types import DeclarationType
from graph.unit.models import Unit


class FilingInput(Protocol):
    """A mutation input with inline materials and previously uploaded ones."""

    materials: list[Any]
    material_ids: list[Any]

    def to_request(self) -> Any: ...


Submit = Callable[
    [Actor, Unit, Any, list[MaterialUpload], list[int], date],
    Awaitable[tuple[Declaration, Any]],
]


@dataclass
class Filing:
    """Outcome of a filing: the declaration and plan, or the problems."""

    declaration: DeclarationType | None = None
    plan: Any = None
    model: Declaration | None = None
    errors: list[FieldError] = field(default_factory=list)


async def file_declaration(info: Info, submit: Submit, input: FilingInput) -> Filing:
    """Submit ``input`` for the caller's unit and load the pending declaration."""
    actor = info.context.actor
    unit = await Unit.get(id=actor.unit_id)
    try:
        declaration, plan = await submit(
            actor,
            unit,
            input.to_request(),
            [material.to_upload() for material in input.materials],
            [parse_row_id(material_id) for material_id in input.material_ids],
            today(),
        )
    except ValidationFailed as failed:
        return Filing(errors=field_errors(failed.problems))
    loaded = await readable_declaration(actor, declaration.id)
    return Filing(
        declaration=DeclarationType(model=loaded, masked=False),
        plan=plan,
        model=loaded,
    )
