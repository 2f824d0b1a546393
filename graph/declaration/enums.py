import strawberry

from graph.declaration import codes


def _labels(enum: type) -> str:
    return ", ".join(f"{member.name} {member.label}" for member in enum)


DeclarationKind = strawberry.enum(
    codes.DeclarationKind,
    name="DeclarationKind",
    description="申报类型 (declaration kind): " + _labels(codes.DeclarationKind),
)
DeclarationStatus = strawberry.enum(
    codes.DeclarationStatus,
    name="DeclarationStatus",
    description="申报状态 (declaration status): " + _labels(codes.DeclarationStatus),
)
