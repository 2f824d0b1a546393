"""Reading policy parameters by date."""

from collections.abc import Iterable
from datetime import date

from tortoise.expressions import Q

from graph.insurance.codes import InsuranceType
from graph.policy.models import PolicyParameter


async def parameters_on(
    region_code: str, insurance_types: tuple[InsuranceType, ...], on: date
) -> dict[InsuranceType, PolicyParameter]:
    """Return the parameters in force on ``on`` for each type that has some."""
    rows = await PolicyParameter.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        region_id=region_code,
        insurance_type__in=list(insurance_types),
        valid_from__lte=on,
    )
    return pick_parameters(rows, insurance_types, on)


def pick_parameters(
    rows: Iterable[PolicyParameter],
    insurance_types: tuple[InsuranceType, ...],
    on: date,
) -> dict[InsuranceType, PolicyParameter]:
    """Choose, per type, the newest of ``rows`` in force on ``on``."""
    found: dict[InsuranceType, PolicyParameter] = {}
    for row in sorted(rows, key=lambda r: r.valid_from, reverse=True):
        in_force = row.valid_from <= on and (row.valid_to is None or row.valid_to >= on)
        if in_force and row.insurance_type in insurance_types:
            found.setdefault(InsuranceType(row.insurance_type), row)
    return found
