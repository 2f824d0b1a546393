"""Material requirements of each declaration kind, read from a data file.

``data/material_requirements.json`` lists, per declaration kind, the material
kinds it accepts, whether each is required and the file formats accepted
for it. Changing which materials a business requires is an edit of that file.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.declaration.codes import DeclarationKind, MaterialKind

DATA_FILE = Path(__file__).resolve().parent / "data" / "material_requirements.json"

FORMAT_LABELS = {
    ".pdf": "PDF",
    ".jpg": "JPG图片",
    ".png": "PNG图片",
    ".xlsx": "Excel表格（.xlsx）",
    ".xls": "Excel表格（.xls）",
}


@dataclass(frozen=True)
class MaterialRequirement:
    """One material kind a declaration kind accepts."""

    material: MaterialKind
    required: bool
    # File extensions with the dot, as the upload store detects them.
    extensions: tuple[str, ...]

    @property
    def formats_text(self) -> str:
        return "、".join(FORMAT_LABELS[e] for e in self.extensions)


@cache
def _load() -> dict[DeclarationKind, tuple[MaterialRequirement, ...]]:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    table = {}
    for kind, rows in raw.items():
        table[DeclarationKind(kind)] = tuple(
            MaterialRequirement(
                material=MaterialKind(row["material"]),
                required=bool(row["required"]),
                extensions=tuple(f".{name}" for name in row["formats"]),
            )
            for row in rows
        )
    return table


def requirements_for(kind: DeclarationKind) -> tuple[MaterialRequirement, ...]:
    """Return the materials ``kind`` accepts, in the order forms list them."""
    return _load().get(kind, ())


def requirement(
    kind: DeclarationKind, material: MaterialKind
) -> MaterialRequirement | None:
    """Return the requirement of ``material`` for ``kind``, None if not accepted."""
    for row in requirements_for(kind):
        if row.material is material:
            return row
    return None


def allowed_materials(kind: DeclarationKind) -> tuple[MaterialKind, ...]:
    return tuple(row.material for row in requirements_for(kind))


def required_materials(kind: DeclarationKind) -> tuple[MaterialKind, ...]:
    return tuple(row.material for row in requirements_for(kind) if row.required)
