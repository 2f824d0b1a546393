import strawberry

from graph.core.types import enum_labels
from graph.declaration import codes

DeclarationKind = strawberry.enum(
    codes.DeclarationKind,
    name="DeclarationKind",
    description="申报类型 (declaration kind): " + enum_labels(codes.DeclarationKind),
)
DeclarationStatus = strawberry.enum(
    codes.DeclarationStatus,
    name="DeclarationStatus",
    description="申报状态 (declaration status): "
    + enum_labels(codes.DeclarationStatus),
)
