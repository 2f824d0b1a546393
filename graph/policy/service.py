"""Reading policy parameters by date."""

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
    ).order_by("-valid_from")
    found: dict[InsuranceType, PolicyParameter] = {}
    for row in rows:
        found.setdefault(InsuranceType(row.insurance_type), row)
    return found
