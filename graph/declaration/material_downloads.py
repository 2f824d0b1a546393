"""Download of a declaration's materials through signed links.

A material is sent to staff of the unit that uploaded it and to reviewers
of that unit's pooling region, and to no one else.
"""

from typing import Any

from graph.account.actor import Actor
from graph.core.api_errors import Forbidden
from graph.declaration.materials import CONTENT_TYPES
from graph.declaration.models import DeclarationMaterial
from graph.files.links import download_url
from graph.files.responses import StoredFile
from graph.settings import get_settings
from graph.unit.models import Unit

PURPOSE = "material"


def material_download_url(actor: Actor, material: DeclarationMaterial) -> str:
    return download_url(actor, PURPOSE, {"id": material.id}, material.file_name)


async def may_read_material(actor: Actor, material: DeclarationMaterial) -> bool:
    unit_id = material.unit_id
    if unit_id is None and material.declaration_id is not None:
        await material.fetch_related("declaration")
        unit_id = material.declaration.unit_id
    if actor.is_reviewer:
        unit = await Unit.get_or_none(id=unit_id)
        return unit is not None and unit.region_id in actor.region_codes
    return unit_id is not None and unit_id == actor.unit_id


async def material_file(actor: Actor, params: dict[str, Any]) -> StoredFile:
    """Return the stored file of the material ``params["id"]`` for ``actor``."""
    material = await DeclarationMaterial.get_or_none(id=int(params["id"]))
    # A missing and a foreign material get the same response, so ids cannot
    # be probed.
    if material is None or not await may_read_material(actor, material):
        raise Forbidden("申报材料不存在或您无权查看")
    extension = "." + material.stored_path.rsplit(".", 1)[-1]
    return StoredFile(
        path=get_settings().upload_dir / material.stored_path,
        filename=material.file_name,
        media_type=CONTENT_TYPES.get(extension, material.content_type),
    )
