"""Saving a submitted declaration together with its materials."""

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.audit import service as audit
from graph.core.errors import FieldProblem, ValidationFailed
from graph.declaration.codes import DeclarationKind
from graph.declaration.materials import (
    MaterialUpload,
    StoredMaterial,
    check_material_kinds,
    discard,
    save_materials,
    store_materials,
    unclaimed_materials,
)
from graph.declaration.models import Declaration, DeclarationMaterial
from graph.declaration.repository import ensure_no_pending
from graph.declaration.requirements import allowed_materials, required_materials
from graph.unit.models import Unit

Plan = TypeVar("Plan")


class _Rollback(Exception):
    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems


async def submit_with_materials(
    actor: Actor,
    unit: Unit,
    kind: DeclarationKind,
    materials: Sequence[MaterialUpload],
    material_ids: Sequence[int],
    plan: Callable[[], Awaitable[Plan]],
    build: Callable[[Plan], Declaration],
) -> tuple[Declaration, Plan]:
    """Store the files, plan the change, and save a pending declaration.

    ``materials`` are uploaded with the submission, ``material_ids`` name
    files uploaded before with uploadMaterial. Together they must carry every
    material ``kind`` requires. Every problem of the files and of the plan is
    raised together in one ValidationFailed, and then no new file stays on
    disk and no row is written.
    """
    claimed, problems = await unclaimed_materials(unit.id, kind, material_ids)
    kinds = [m.kind for m in materials] + [row.kind for row in claimed]
    problems += check_material_kinds(
        kinds, allowed_materials(kind), required_materials(kind)
    )
    stored, store_problems = await store_materials(kind, materials)
    problems += store_problems
    result: Plan | None = None
    try:
        result = await plan()
    except ValidationFailed as failed:
        problems = failed.problems + problems
    if problems:
        await discard(stored)
        raise ValidationFailed(problems)

    try:
        declaration = await _save(actor, unit, build(result), stored, claimed)
    except _Rollback as rollback:
        await discard(stored)
        raise ValidationFailed(rollback.problems) from None
    except BaseException:
        await discard(stored)
        raise
    return declaration, result


async def _save(
    actor: Actor,
    unit: Unit,
    declaration: Declaration,
    stored: list[StoredMaterial],
    claimed: list[DeclarationMaterial],
) -> Declaration:
    async with in_transaction() as connection:
        await ensure_no_pending(unit, declaration.ssn, connection)
        await declaration.save(using_db=connection)
        await save_materials(declaration, stored, connection)
        if claimed:
            # The null check makes two submissions naming one upload at once
            # attach it to one of them only.
            attached = await (
                DeclarationMaterial.filter(
                    id__in=[row.id for row in claimed], declaration_id=None
                )
                .using_db(connection)
                .update(declaration_id=declaration.id)
            )
            if attached != len(claimed):
                raise _Rollback(
                    [
                        FieldProblem(
                            "materialIds",
                            "CONFLICT",
                            "申报材料已被另一笔申报使用，请重新上传",
                        )
                    ]
                )
        await audit.record(
            "declaration.submitted",
            actor=actor,
            target_type="declaration",
            target_id=declaration.id,
            detail={
                "kind": declaration.kind.value,
                "materials": len(stored) + len(claimed),
            },
            using=connection,
        )
    return declaration
