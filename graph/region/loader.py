"""Loading regions and policy parameters from the JSON files shipped as data."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from graph.insurance.codes import InsuranceType
from graph.policy.models import FundParameter, PolicyParameter, WorkInjuryRate
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
    """Insert the policy periods of a data file for every region of its city.

    Each period brings base limits and rates per insurance type, work injury
    rates per risk class and rate grade, and the fund parameters. Periods
    already loaded for a region are skipped; returns the rows inserted.
    """
    document = json.loads(path.read_text(encoding="utf-8"))
    region_codes = await Region.filter(city_code=document["city_code"]).values_list(
        "code", flat=True
    )
    existing = set(
        await PolicyParameter.filter(region_id__in=region_codes).values_list(
            "region_id", "valid_from"
        )
    )
    sample = document["is_sample"]
    parameters, injury_rates, funds = [], [], []
    for region_code in region_codes:
        for period in document["periods"]:
            valid_from = date.fromisoformat(period["valid_from"])
            if (region_code, valid_from) in existing:
                continue
            valid_to = period["valid_to"]
            span = {
                "region_id": region_code,
                "valid_from": valid_from,
                "valid_to": date.fromisoformat(valid_to) if valid_to else None,
                "is_sample": sample,
            }
            for type_code in document["insurance_types"]:
                rates = document["rates"][type_code]
                parameters.append(
                    PolicyParameter(
                        insurance_type=InsuranceType(type_code),
                        base_floor=Decimal(period["base_floor"]),
                        base_ceiling=Decimal(period["base_ceiling"]),
                        unit_rate=Decimal(rates["unit_rate"]),
                        individual_rate=Decimal(rates["individual_rate"]),
                        **span,
                    )
                )
            for risk_class, class_rate in document["work_injury_class_rates"].items():
                for grade, factor in document["work_injury_grade_factors"].items():
                    injury_rates.append(
                        WorkInjuryRate(
                            risk_class=int(risk_class),
                            rate_grade=int(grade),
                            rate=Decimal(class_rate) * Decimal(factor),
                            **span,
                        )
                    )
            funds.append(
                FundParameter(
                    crediting_rate=Decimal(period["crediting_rate"]),
                    late_fee_daily_rate=Decimal(period["late_fee_daily_rate"]),
                    **span,
                )
            )
    await PolicyParameter.bulk_create(parameters)
    await WorkInjuryRate.bulk_create(injury_rates)
    await FundParameter.bulk_create(funds)
    return len(parameters) + len(injury_rates) + len(funds)
