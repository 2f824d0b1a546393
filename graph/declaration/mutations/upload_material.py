from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.permissions import ActsForUnit, require_business
from graph.core.types import FieldError, field_errors
from graph.declaration import codes
from graph.declaration.enums import DeclarationKind
from graph.declaration.material_types import DeclarationMaterialType, MaterialKind
from graph.declaration.materials import MaterialUpload, upload_material
from graph.declaration.service import BUSINESS_TYPES


@strawberry.type(description="上传申报材料结果 (upload material payload)")
class UploadMaterialPayload:
    material: DeclarationMaterialType | None = strawberry.field(
        description="已上传的材料 (the stored material; pass its id in materialIds)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type
class UploadMaterialMutation:
    @strawberry.mutation(
        description="上传申报材料 (upload one material before submitting; the "
        "declaration names it in materialIds. PDF and images, plus Excel where "
        "the material accepts it, judged by content)",
        permission_classes=[ActsForUnit],
    )
    async def upload_material(
        self,
        info: Info,
        declaration_kind: Annotated[
            DeclarationKind,
            strawberry.argument(description="申报类型 (the declaration it is for)"),
        ],
        material_kind: Annotated[
            MaterialKind, strawberry.argument(description="申报材料类型 (kind)")
        ],
        file: Annotated[
            Upload,
            strawberry.argument(
                description="材料文件 (multipart upload, at most UPLOAD_MAX_BYTES)"
            ),
        ],
    ) -> UploadMaterialPayload:
        actor = info.context.actor
        kind = codes.DeclarationKind(declaration_kind)
        require_business(actor, BUSINESS_TYPES[kind])
        material = MaterialUpload(kind=codes.MaterialKind(material_kind), file=file)
        try:
            row = await upload_material(actor, kind, material)
        except ValidationFailed as failed:
            return UploadMaterialPayload(
                material=None, errors=field_errors(failed.problems)
            )
        return UploadMaterialPayload(
            material=DeclarationMaterialType(model=row), errors=[]
        )
