"""GraphQL types of declaration materials (申报材料)."""

from collections import defaultdict
from datetime import datetime

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.file_uploads import Upload

from graph.core.context import Info
from graph.core.types import enum_labels
from graph.declaration import codes
from graph.declaration.material_downloads import material_download_url
from graph.declaration.materials import MaterialUpload
from graph.declaration.models import DeclarationMaterial

MaterialKind = strawberry.enum(
    codes.MaterialKind,
    name="MaterialKind",
    description="申报材料类型 (material kind): " + enum_labels(codes.MaterialKind),
)


MATERIAL_IDS_DESCRIPTION = (
    "已上传材料ID (ids that uploadMaterial returned for this declaration kind; "
    "counted with materials towards the required ones)"
)


@strawberry.input(description="申报材料 (one uploaded document)")
class MaterialInput:
    kind: MaterialKind = strawberry.field(description="申报材料类型 (material kind)")
    file: Upload = strawberry.field(
        description="材料文件 (PDF, JPG or PNG, and .xlsx or .xls where the "
        "material accepts them; judged by content, at most UPLOAD_MAX_BYTES, "
        "10 MB by default)"
    )

    def to_upload(self) -> MaterialUpload:
        return MaterialUpload(kind=codes.MaterialKind(self.kind), file=self.file)


@strawberry.type(name="DeclarationMaterial", description="申报材料 (uploaded material)")
class DeclarationMaterialType:
    model: strawberry.Private[DeclarationMaterial]

    @strawberry.field(description="申报材料类型 (material kind)")
    def kind(self) -> MaterialKind:
        return codes.MaterialKind(self.model.kind)

    @strawberry.field(description="申报材料名称 (material kind label)")
    def kind_label(self) -> str:
        return codes.MaterialKind(self.model.kind).label

    @strawberry.field(description="文件名 (file name as uploaded)")
    def file_name(self) -> str:
        return self.model.file_name

    @strawberry.field(description="文件类型 (content type judged from the content)")
    def content_type(self) -> str:
        return self.model.content_type

    @strawberry.field(description="文件大小 (size in bytes)")
    def size(self) -> int:
        return self.model.size

    @strawberry.field(description="材料ID (material id)")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field(description="上传时间 (uploaded at)")
    def uploaded_at(self) -> datetime:
        return self.model.uploaded_at

    @strawberry.field(
        description="下载链接 (signed link valid for 15 minutes, for the unit's "
        "staff and the reviewers of its region)"
    )
    def download_url(self, info: Info) -> str:
        return material_download_url(info.context.actor, self.model)


async def _load_materials(
    declaration_ids: list[int],
) -> list[list[DeclarationMaterial]]:
    rows = await DeclarationMaterial.filter(
        declaration_id__in=list(declaration_ids)
    ).order_by("id")
    grouped: dict[int, list[DeclarationMaterial]] = defaultdict(list)
    for row in rows:
        grouped[row.declaration_id].append(row)
    return [grouped.get(i, []) for i in declaration_ids]


def materials_by_declaration_id(info: Info) -> DataLoader:
    """Return this request's loader of materials by declaration id."""
    loaders = info.context.loaders
    if "materials_by_declaration_id" not in loaders:
        loaders["materials_by_declaration_id"] = DataLoader(load_fn=_load_materials)
    return loaders["materials_by_declaration_id"]
