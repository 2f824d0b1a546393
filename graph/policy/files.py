"""Reading policy periods from a JSON file, for ``python -m graph load-policy``.

The file has the shape of ``graph/policy/data/wenzhou-sample.json``:

- ``city_code`` (every region of that city) or ``region_codes`` (a list);
- ``is_sample``: true for demonstration values, not official figures;
- ``insurance_types``: the type codes the file sets, "110", "210", "410";
- ``rates``: per type code, ``unit_rate`` and ``individual_rate``;
- ``work_injury_class_rates``: per risk class "1" to "8", the base rate;
- ``work_injury_grade_factors``: per rate grade, the factor on the base
  rate, so that a class and grade pays class rate × factor;
- ``periods``: a list of periods, or ``period``: a single one, each with
  ``valid_from``, ``valid_to`` (null for open-ended), ``base_floor``,
  ``base_ceiling``, ``crediting_rate`` and ``late_fee_daily_rate``.

A period may also carry its own ``rates``, ``work_injury_class_rates`` or
``work_injury_grade_factors``, which replace the file's for that period.
Numbers are written as strings so that no float rounding creeps in.
"""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from graph.insurance.codes import InsuranceType
from graph.policy.periods import (
    InsuranceTerms,
    PolicyPeriod,
    Span,
    WorkInjuryTerms,
)


class PolicyFileError(ValueError):
    """Raised with a Chinese message naming the key and the value at fault."""


@dataclass(frozen=True)
class PolicyFile:
    city_code: str | None
    region_codes: list[str] | None
    periods: list[PolicyPeriod]


def _get(mapping: dict[str, Any], key: str, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise PolicyFileError(f"{where}缺少字段“{key}”")
    return mapping[key]


def _decimal(value: Any, where: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise PolicyFileError(f"{where}的值“{value}”不是数字") from None
    if not number.is_finite():
        raise PolicyFileError(f"{where}的值“{value}”不是数字")
    return number


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PolicyFileError(f"{where}的值“{value}”应为日期，如2026-01-01") from None


def _int_key(key: str, where: str) -> int:
    if not str(key).isdigit():
        raise PolicyFileError(f"{where}的键“{key}”应为整数")
    return int(key)


def _period(document: dict, period: dict, index: int) -> PolicyPeriod:
    where = f"periods[{index}]"
    rates = period.get("rates", _get(document, "rates", "文件"))
    class_rates = period.get(
        "work_injury_class_rates", _get(document, "work_injury_class_rates", "文件")
    )
    factors = period.get(
        "work_injury_grade_factors",
        _get(document, "work_injury_grade_factors", "文件"),
    )
    floor = _decimal(_get(period, "base_floor", where), f"{where}.base_floor")
    ceiling = _decimal(_get(period, "base_ceiling", where), f"{where}.base_ceiling")

    terms = []
    for code in _get(document, "insurance_types", "文件"):
        try:
            insurance_type = InsuranceType(str(code))
        except ValueError:
            raise PolicyFileError(f"insurance_types中的险种代码“{code}”无效") from None
        type_rates = _get(rates, str(code), "rates")
        terms.append(
            InsuranceTerms(
                insurance_type=insurance_type,
                base_floor=floor,
                base_ceiling=ceiling,
                unit_rate=_decimal(
                    _get(type_rates, "unit_rate", f"rates.{code}"),
                    f"rates.{code}.unit_rate",
                ),
                individual_rate=_decimal(
                    _get(type_rates, "individual_rate", f"rates.{code}"),
                    f"rates.{code}.individual_rate",
                ),
            )
        )

    injury_rates = [
        WorkInjuryTerms(
            risk_class=_int_key(risk_class, "work_injury_class_rates"),
            rate_grade=_int_key(grade, "work_injury_grade_factors"),
            rate=_decimal(class_rate, f"work_injury_class_rates.{risk_class}")
            * _decimal(factor, f"work_injury_grade_factors.{grade}"),
        )
        for risk_class, class_rate in class_rates.items()
        for grade, factor in factors.items()
    ]
    valid_to = _get(period, "valid_to", where)
    return PolicyPeriod(
        span=Span(
            _date(_get(period, "valid_from", where), f"{where}.valid_from"),
            _date(valid_to, f"{where}.valid_to") if valid_to else None,
        ),
        insurance_terms=terms,
        work_injury_rates=injury_rates,
        crediting_rate=_decimal(
            _get(period, "crediting_rate", where), f"{where}.crediting_rate"
        ),
        late_fee_daily_rate=_decimal(
            _get(period, "late_fee_daily_rate", where), f"{where}.late_fee_daily_rate"
        ),
        is_sample=bool(document.get("is_sample", False)),
    )


def read_policy_file(path: Path) -> PolicyFile:
    """Parse a policy file; raises PolicyFileError on a missing or invalid value."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PolicyFileError(f"无法读取政策参数文件{path}：{error}") from None
    if not isinstance(document, dict):
        raise PolicyFileError("政策参数文件应为JSON对象")

    if "periods" in document:
        periods = document["periods"]
    else:
        periods = [_get(document, "period", "文件")]
    if not isinstance(periods, list):
        raise PolicyFileError("periods应为列表")

    region_codes = document.get("region_codes")
    city_code = document.get("city_code")
    if region_codes is None and city_code is None:
        raise PolicyFileError("文件缺少字段“city_code”或“region_codes”")
    return PolicyFile(
        city_code=None if region_codes is not None else str(city_code),
        region_codes=(
            [str(code) for code in region_codes] if region_codes is not None else None
        ),
        periods=[_period(document, period, i) for i, period in enumerate(periods)],
    )
