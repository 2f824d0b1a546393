"""Saving a submitted declaration together with its materials."""

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.audit import service as audit
from graph.core.errors import FieldProblem, ValidationFailed
from graph.declaration.materials import (
    MaterialUpload,
    StoredMaterial,
    discard,
    save_materials,
    store_materials,
)
from graph.declaration.models import Declaration
from graph.declaration.repository import ensure_no_pending
from graph.unit.models import Unit

Plan = TypeVar("Plan")


async def submit_with_materials(
    actor: Actor,
    unit: Unit,
    materials: Sequence[MaterialUpload],
    material_problems: list[FieldProblem],
    plan: Callable[[], Awaitable[Plan]],
    build: Callable[[Plan], Declaration],
) -> tuple[Declaration, Plan]:
    """Store the files, plan the change, and save a pending declaration.

    Every problem of the files and of the plan is raised together in one
    ValidationFailed, and then no file stays on disk and no row is written.
    """
    stored, problems = await store_materials(materials)
    problems = material_problems + problems
    result: Plan | None = None
    try:
        result = await plan()
    except ValidationFailed as failed:
        problems = failed.problems + problems
    if problems:
        await discard(stored)
        raise ValidationFailed(problems)

    try:
        declaration = await _save(actor, unit, build(result), stored)
    except BaseException:
        await discard(stored)
        raise
    return declaration, result


async def _save(
    actor: Actor,
    unit: Unit,
    declaration: Declaration,
    stored: list[StoredMaterial],
) -> Declaration:
    async with in_transaction() as connection:
        await ensure_no_pending(unit, declaration.ssn, connection)
        await declaration.save(using_db=connection)
        await save_materials(declaration, stored, connection)
        await audit.record(
            "declaration.submitted",
            actor=actor,
            target_type="declaration",
            target_id=declaration.id,
            detail={"kind": declaration.kind.value, "materials": len(stored)},
            using=connection,
        )
    return declaration
