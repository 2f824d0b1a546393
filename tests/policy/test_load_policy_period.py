"""loadPolicyPeriod over GraphQL, the policy file reader and the load-policy command."""

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from graph.audit.models import AuditEntry
from graph.core.errors import ValidationFailed
from graph.insurance.codes import InsuranceType
from graph.policy.files import PolicyFileError, read_policy_file
from graph.policy.loading import add_policy_periods
from graph.policy.models import FundParameter, PolicyParameter, WorkInjuryRate
from graph.policy.service import parameters_on
from graph.region.loader import WENZHOU_SAMPLE_POLICY
from graph.settings import PROJECT_ROOT

LOAD_POLICY_PERIOD = """
mutation Load($input: LoadPolicyPeriodInput!) {
  loadPolicyPeriod(input: $input) {
    regionCodes
    closedPeriods { regionCode validFrom validTo }
    rowsInserted
    errors { field code message }
  }
}
"""


def period_input(**overrides) -> dict:
    values = {
        "regionCodes": ["330302"],
        "validFrom": "2027-01-01",
        "validTo": None,
        "insuranceParameters": [
            {
                "insuranceType": insurance_type,
                "baseFloor": "5300.00",
                "baseCeiling": "28000.00",
                "unitRate": unit_rate,
                "individualRate": individual_rate,
            }
            for insurance_type, unit_rate, individual_rate in [
                ("PENSION", "0.16", "0.08"),
                ("UNEMPLOYMENT", "0.005", "0.005"),
                ("WORK_INJURY", "0", "0"),
            ]
        ],
        "workInjuryRates": [
            {"riskClass": risk_class, "rateGrade": grade, "rate": "0.004"}
            for risk_class in range(1, 9)
            for grade in (1, 2)
        ],
        "creditingRate": "0.0250",
        "lateFeeDailyRate": "0.0005",
        "isSample": True,
        "closeOpenPeriod": False,
    }
    values.update(overrides)
    return values


async def load(client, **overrides) -> dict:
    result = await client.execute(
        LOAD_POLICY_PERIOD, {"input": period_input(**overrides)}
    )
    return result.data["loadPolicyPeriod"]


def error_pairs(payload: dict) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def policy_row_count() -> int:
    return (
        await PolicyParameter.all().count()
        + await WorkInjuryRate.all().count()
        + await FundParameter.all().count()
    )


async def test_load_closes_open_period(reviewer):
    payload = await load(reviewer, closeOpenPeriod=True)
    assert payload["errors"] == []
    assert payload["regionCodes"] == ["330302"]
    assert payload["closedPeriods"] == [
        {"regionCode": "330302", "validFrom": "2026-01-01", "validTo": "2026-12-31"}
    ]
    # 3 insurance types, 8 risk classes × 2 grades, 1 fund row.
    assert payload["rowsInserted"] == 20

    for table in (PolicyParameter, WorkInjuryRate, FundParameter):
        ends = await table.filter(
            region_id="330302", valid_from=date(2026, 1, 1)
        ).values_list("valid_to", flat=True)
        assert set(ends) == {date(2026, 12, 31)}
    in_force = await parameters_on("330302", (InsuranceType.PENSION,), date(2027, 3, 1))
    assert in_force[InsuranceType.PENSION].base_floor == Decimal("5300.00")
    untouched = await FundParameter.get(region_id="330304", valid_from=date(2026, 1, 1))
    assert untouched.valid_to is None


async def test_load_writes_audit_entry(reviewer):
    await load(reviewer, closeOpenPeriod=True)
    entry = await AuditEntry.get(action="policy.period_loaded")
    assert entry.username == "reviewer"
    assert entry.authorization == "REVIEWER"
    assert entry.detail["regions"] == ["330302"]
    assert entry.detail["periods"] == [["2027-01-01", None]]
    assert entry.detail["closed"] == [["330302", "2026-01-01", "2026-12-31"]]
    assert entry.detail["source"] == "api"


async def test_load_rejects_overlap_by_default(reviewer):
    before = await policy_row_count()
    payload = await load(reviewer)
    assert error_pairs(payload) == [("validFrom", "PERIOD_OVERLAP")]
    message = payload["errors"][0]["message"]
    assert "2026-01-01起（长期有效）" in message
    assert "2027-01-01起（长期有效）" in message
    assert payload["rowsInserted"] == 0
    assert await policy_row_count() == before
    assert not await AuditEntry.exists(action="policy.period_loaded")


async def test_load_fills_gap_before_first_period(reviewer):
    payload = await load(reviewer, validFrom="2022-01-01", validTo="2022-12-31")
    assert payload["errors"] == []
    assert payload["closedPeriods"] == []
    fund = await FundParameter.get(region_id="330302", valid_from=date(2022, 1, 1))
    assert fund.crediting_rate == Decimal("0.0250")
    assert fund.is_sample


async def test_load_is_all_or_nothing(reviewer):
    first = await load(reviewer, regionCodes=["330304"], closeOpenPeriod=True)
    assert first["errors"] == []
    before = await policy_row_count()

    # 330302 could take the period, but 330304 already has one from that day.
    payload = await load(
        reviewer, regionCodes=["330302", "330304"], closeOpenPeriod=True
    )
    assert error_pairs(payload) == [("validFrom", "PERIOD_OVERLAP")]
    assert "330304" in payload["errors"][0]["message"]
    assert await policy_row_count() == before
    still_open = await FundParameter.get(
        region_id="330302", valid_from=date(2026, 1, 1)
    )
    assert still_open.valid_to is None


async def test_load_reports_invalid_values(reviewer):
    before = await policy_row_count()
    payload = await load(
        reviewer,
        validTo="2026-12-31",
        creditingRate="1.5",
        workInjuryRates=[],
    )
    fields = [field for field, _ in error_pairs(payload)]
    assert "validTo" in fields
    assert "creditingRate" in fields
    assert "workInjuryRates" in fields
    assert await policy_row_count() == before


async def test_service_rejects_unknown_region_code():
    # A reviewer's regions all exist, so only a file can name an unknown one.
    policy_file = read_policy_file(WENZHOU_SAMPLE_POLICY)
    with pytest.raises(ValidationFailed) as raised:
        await add_policy_periods(
            ["330399"],
            policy_file.periods[:1],
            close_open_ended=False,
            actor=None,
            source="command",
        )
    problems = raised.value.problems
    assert [(p.field, p.code) for p in problems] == [("regionCodes", "NOT_FOUND")]
    assert "330399" in problems[0].message


async def test_load_forbidden_outside_reviewer_regions(reviewer):
    result = await reviewer.execute(
        LOAD_POLICY_PERIOD, {"input": period_input(regionCodes=["330303"])}
    )
    assert result.error_codes == ["FORBIDDEN"]
    assert "330303" in result.body["errors"][0]["message"]


async def test_load_forbidden_for_unit_staff(legalrep):
    result = await legalrep.execute(LOAD_POLICY_PERIOD, {"input": period_input()})
    assert result.error_codes == ["FORBIDDEN"]


async def test_load_requires_login(anonymous):
    result = await anonymous.execute(LOAD_POLICY_PERIOD, {"input": period_input()})
    assert result.error_codes == ["UNAUTHENTICATED"]


def test_read_sample_file():
    policy_file = read_policy_file(WENZHOU_SAMPLE_POLICY)
    assert policy_file.city_code == "330300"
    assert policy_file.region_codes is None
    assert len(policy_file.periods) == 4
    first = policy_file.periods[0]
    assert first.span.valid_from == date(2023, 1, 1)
    assert first.span.valid_to == date(2023, 12, 31)
    assert first.crediting_rate == Decimal("0.0397")
    assert first.is_sample
    assert [t.insurance_type.value for t in first.insurance_terms] == [
        "110",
        "210",
        "410",
    ]
    # Class 8 at grade 2: 0.019 × 1.2 = 0.0228.
    rates = {(r.risk_class, r.rate_grade): r.rate for r in first.work_injury_rates}
    assert len(rates) == 40
    assert rates[(8, 2)] == Decimal("0.0228")


def single_period_document(**period_overrides) -> dict:
    document = json.loads(WENZHOU_SAMPLE_POLICY.read_text(encoding="utf-8"))
    del document["periods"], document["city_code"]
    document["region_codes"] = ["330302"]
    document["is_sample"] = False
    document["period"] = {
        "valid_from": "2027-01-01",
        "valid_to": None,
        "base_floor": "5300.00",
        "base_ceiling": "28000.00",
        "crediting_rate": "0.0250",
        "late_fee_daily_rate": "0.0005",
        **period_overrides,
    }
    return document


def test_read_single_period_file(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(single_period_document()), encoding="utf-8")
    policy_file = read_policy_file(path)
    assert policy_file.region_codes == ["330302"]
    assert policy_file.city_code is None
    assert len(policy_file.periods) == 1
    assert policy_file.periods[0].span.valid_to is None
    assert not policy_file.periods[0].is_sample


def test_read_file_names_missing_key(tmp_path):
    document = single_period_document()
    del document["period"]["base_floor"]
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(PolicyFileError, match="base_floor"):
        read_policy_file(path)


def test_read_file_names_bad_number(tmp_path):
    path = tmp_path / "policy.json"
    document = single_period_document(crediting_rate="2.5%")
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(PolicyFileError, match=r"2\.5%"):
        read_policy_file(path)


async def test_file_periods_load_through_service(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(single_period_document()), encoding="utf-8")
    policy_file = read_policy_file(path)
    result = await add_policy_periods(
        policy_file.region_codes,
        policy_file.periods,
        close_open_ended=True,
        actor=None,
        source="command",
    )
    # 3 insurance types, 8 risk classes × 5 grades, 1 fund row.
    assert result.rows_inserted == 44
    assert [c.closed_on for c in result.closed] == [date(2026, 12, 31)]
    entry = await AuditEntry.get(action="policy.period_loaded")
    assert entry.account_id is None
    assert entry.detail["source"] == "command"


def run_command(*args: str, database_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_load_policy_command(tmp_path):
    database_url = f"sqlite://{tmp_path}/command.sqlite3"
    setup = (
        "import asyncio\n"
        "from graph.db import apply_migrations, close_database, open_database\n"
        "from graph.region.loader import load_regions\n"
        "async def main():\n"
        "    await apply_migrations()\n"
        "    await open_database()\n"
        "    await load_regions()\n"
        "    await close_database()\n"
        "asyncio.run(main())\n"
    )
    prepared = subprocess.run(
        [sys.executable, "-c", setup],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert prepared.returncode == 0, prepared.stderr
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(single_period_document()), encoding="utf-8")

    first = run_command("load-policy", str(path), database_url=database_url)
    assert first.returncode == 0, first.stderr
    assert "新增44行参数" in first.stdout

    later = tmp_path / "later.json"
    later.write_text(
        json.dumps(single_period_document(valid_from="2028-01-01")), encoding="utf-8"
    )
    rejected = run_command("load-policy", str(later), database_url=database_url)
    assert rejected.returncode == 1
    assert "2027-01-01起（长期有效）" in rejected.stderr
    assert "--close-open-period" in rejected.stderr

    closed = run_command(
        "load-policy", str(later), "--close-open-period", database_url=database_url
    )
    assert closed.returncode == 0, closed.stderr
    assert "失效日期2027-12-31" in closed.stdout
