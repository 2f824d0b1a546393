"""Loading regions and policy parameters from the JSON files shipped as data."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from graph.insurance.codes import InsuranceType
from graph.policy.models import PolicyParameter
from graph.region.models import Region

WENZHOU_REGIONS = Path(__file__).parent / "data" / "wenzhou.json"
WENZHOU_SAMPLE_POLICY = (
    Path(__file__).parent.parent / "policy" / "data" / "wenzhou-sample.json"
)


async def load_regions(path: Path = WENZHOU_REGIONS) -> int:
    """Insert the regions of one city that are not there yet; return how many."""
    document = json.loads(path.read_text(encoding="utf-8"))
    existing = set(await Region.all().values_list("code", flat=True))
    new = [
        Region(
            code=row["code"],
            name=row["name"],
            city_code=document["city_code"],
            city_name=document["city_name"],
        )
        for row in document["regions"]
        if row["code"] not in existing
    ]
    await Region.bulk_create(new)
    return len(new)


async def load_policy_parameters(path: Path = WENZHOU_SAMPLE_POLICY) -> int:
    """Insert base limits for every region of the city and each listed type."""
    document = json.loads(path.read_text(encoding="utf-8"))
    region_codes = await Region.filter(city_code=document["city_code"]).values_list(
        "code", flat=True
    )
    existing = set(
        await PolicyParameter.filter(region_id__in=region_codes).values_list(
            "region_id", "insurance_type", "valid_from"
        )
    )
    rows = []
    for region_code in region_codes:
        for type_code in document["insurance_types"]:
            for period in document["periods"]:
                valid_from = date.fromisoformat(period["valid_from"])
                if (region_code, InsuranceType(type_code), valid_from) in existing:
                    continue
                valid_to = period["valid_to"]
                rows.append(
                    PolicyParameter(
                        region_id=region_code,
                        insurance_type=InsuranceType(type_code),
                        valid_from=valid_from,
                        valid_to=date.fromisoformat(valid_to) if valid_to else None,
                        base_floor=Decimal(period["base_floor"]),
                        base_ceiling=Decimal(period["base_ceiling"]),
                        is_sample=document["is_sample"],
                    )
                )
    await PolicyParameter.bulk_create(rows)
    return len(rows)
