"""Back payment (申请补缴) over GraphQL: amounts, checks, materials, approval."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from graph.authz.codes import BusinessType
from graph.contribution.codes import LineSource, SettlementStatus
from graph.contribution.models import ContributionLine, Settlement
from graph.core.clock import now
from graph.declaration import materials
from graph.declaration.models import Declaration, DeclarationMaterial
from graph.insurance.codes import InsuranceType, InsuredIdentity
from graph.settings import get_settings
from tests.contribution.filings import (
    APPLY_BACK_PAYMENT,
    JPEG,
    PDF,
    PNG,
    docx_bytes,
    freeze_today,
    precise_operator,
    submit,
    xlsx_bytes,
)
from tests.documents import WITHDRAW_DECLARATION, error_pairs, insure, review, ssn

FORM = ("BACK_PAYMENT_FORM", "补缴申请核定表.pdf", PDF)


def back_payment_input(number: str, **overrides) -> dict:
    values = {
        "ssn": number,
        "fromMonth": "202601",
        "toMonth": "202603",
        "base": "6000",
        "insuranceTypes": ["PENSION"],
    }
    values.update(overrides)
    return values


async def apply(client, number: str, materials=(FORM,), **overrides) -> dict:
    return await submit(
        client,
        APPLY_BACK_PAYMENT,
        back_payment_input(number, **overrides),
        list(materials),
    )


def stored_files() -> list:
    """List the material files kept under this test's upload folder."""
    folder = materials.get_settings().upload_dir / "materials"
    return sorted(path for path in folder.rglob("*") if path.is_file())


async def paid_line(person, unit, month: str, insurance_type=InsuranceType.PENSION):
    return await ContributionLine.create(
        person=person,
        unit=unit,
        insurance_type=insurance_type,
        month=month,
        source=LineSource.SETTLEMENT,
        base=Decimal("8000.00"),
        unit_rate=Decimal("0.16"),
        individual_rate=Decimal("0.08"),
        unit_amount=Decimal("1280.00"),
        individual_amount=Decimal("640.00"),
        paid=True,
    )


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, tmp_path):
    freeze_today(monkeypatch)
    own_folder = replace(get_settings(), upload_dir=tmp_path)
    monkeypatch.setattr(materials, "get_settings", lambda: own_folder)


async def test_back_payment_three_months_with_late_fee(operator, unit):
    number = ssn()
    await insure(unit, number, enroll_date=date(2026, 3, 1))

    payload = await apply(operator, number)

    assert payload["errors"] == []
    details = payload["backPayment"]
    # Base 6000 lies inside the 2026 limits 5100 to 27000, so no month is
    # clamped. Pension: unit 6000 × 16% = 960.00, individual 6000 × 8% =
    # 480.00, together 1440.00 a month, so the fee is 1440 × 0.0005 = 0.72 a day.
    # Days from each month's due date (its last day) to 2026-06-15:
    #   202601: Jan 31 → Jun 15 = 28 + 31 + 30 + 31 + 15 = 135 days, 97.20
    #   202602: Feb 28 → Jun 15 = 31 + 30 + 31 + 15 = 107 days, 77.04
    #   202603: Mar 31 → Jun 15 = 30 + 31 + 15 = 76 days, 54.72
    expected = [
        ("202601", 135, "97.20", "2537.20"),
        ("202602", 107, "77.04", "1517.04"),
        ("202603", 76, "54.72", "1494.72"),
    ]
    lines = details["lines"]
    assert [line["month"] for line in lines] == ["202601", "202602", "202603"]
    for line, (month, days, fee, _) in zip(lines, expected, strict=True):
        assert line["insuranceType"] == "PENSION", month
        assert Decimal(line["base"]) == Decimal("6000"), month
        assert line["baseAdjustment"] is None, month
        assert Decimal(line["unitAmount"]) == Decimal("960.00"), month
        assert Decimal(line["individualAmount"]) == Decimal("480.00"), month
        assert line["lateFeeDays"] == days, month
        assert Decimal(line["lateFee"]) == Decimal(fee), month
    assert Decimal(lines[0]["total"]) == Decimal("1537.20")
    # Totals: unit 3 × 960 = 2880.00, individual 3 × 480 = 1440.00, late fee
    # 97.20 + 77.04 + 54.72 = 228.96, due 2880 + 1440 + 228.96 = 4548.96.
    assert Decimal(details["unitTotal"]) == Decimal("2880.00")
    assert Decimal(details["individualTotal"]) == Decimal("1440.00")
    assert Decimal(details["lateFeeTotal"]) == Decimal("228.96")
    assert Decimal(details["total"]) == Decimal("4548.96")
    assert Decimal(details["lateFeeDailyRate"]) == Decimal("0.0005")
    assert details["appliedOn"] == "2026-06-15"
    assert details["baseAdjusted"] is False

    declaration = payload["declaration"]
    assert declaration["kind"] == "BACK_PAYMENT"
    assert declaration["status"] == "PENDING"
    assert declaration["settlementMonth"] == "202606"
    assert declaration["materials"] == [
        {
            "kind": "BACK_PAYMENT_FORM",
            "kindLabel": "《参保人员补缴城镇职工社会保险费申请核定表》",
            "fileName": "补缴申请核定表.pdf",
            "contentType": "application/pdf",
            "size": len(PDF),
        }
    ]


async def test_back_payment_clamps_base_per_month(operator, unit):
    number = ssn()
    await insure(unit, number, enroll_date=date(2026, 3, 1))

    payload = await apply(
        operator,
        number,
        fromMonth="202512",
        toMonth="202601",
        base="3000",
        insuranceTypes=["UNEMPLOYMENT", "WORK_INJURY"],
    )

    assert payload["errors"] == []
    details = payload["backPayment"]
    assert details["baseAdjusted"] is True
    rows = {(line["month"], line["insuranceType"]): line for line in details["lines"]}
    # 3000 is under both floors: 4812 in 2025 and 5100 in 2026.
    # Unemployment 0.5% each side: 4812 × 0.005 = 24.06, 5100 × 0.005 = 25.50.
    december = rows[("202512", "UNEMPLOYMENT")]
    assert Decimal(december["base"]) == Decimal("4812")
    assert december["baseAdjustment"] == "RAISED_TO_FLOOR"
    assert Decimal(december["unitAmount"]) == Decimal("24.06")
    assert Decimal(december["individualAmount"]) == Decimal("24.06")
    january = rows[("202601", "UNEMPLOYMENT")]
    assert Decimal(january["base"]) == Decimal("5100")
    assert Decimal(january["unitAmount"]) == Decimal("25.50")
    # Work injury, risk class 2 grade 1: 0.4% × 1.0 on the unit only,
    # 5100 × 0.004 = 20.40. Late fee for 202601: 20.40 × 0.0005 × 135 = 1.377,
    # rounded half up to 1.38.
    injury = rows[("202601", "WORK_INJURY")]
    assert Decimal(injury["unitAmount"]) == Decimal("20.40")
    assert Decimal(injury["individualAmount"]) == Decimal("0")
    assert Decimal(injury["lateFee"]) == Decimal("1.38")
    assert [line["insuranceType"] for line in details["lines"][:2]] == [
        "UNEMPLOYMENT",
        "WORK_INJURY",
    ]


async def test_back_payment_lowers_base_to_ceiling(operator, unit):
    number = ssn()
    await insure(unit, number)

    payload = await apply(
        operator, number, fromMonth="202605", toMonth="202605", base="30000"
    )

    line = payload["backPayment"]["lines"][0]
    assert Decimal(line["base"]) == Decimal("27000")
    assert line["baseAdjustment"] == "LOWERED_TO_CEILING"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"fromMonth": "2026-01"}, "fromMonth", "INVALID_MONTH"),
        ({"toMonth": "202613"}, "toMonth", "INVALID_MONTH"),
        ({"fromMonth": "202604", "toMonth": "202602"}, "toMonth", "INVALID_PERIOD"),
        ({"toMonth": "202607"}, "toMonth", "DATE_IN_FUTURE"),
        ({"fromMonth": "199001"}, "fromMonth", "INVALID_PERIOD"),
        ({"base": "0"}, "base", "INVALID_WAGE"),
        ({"base": "6000.123"}, "base", "INVALID_WAGE"),
        ({"insuranceTypes": []}, "insuranceTypes", "REQUIRED"),
        ({"ssn": "330302199003151230"}, "ssn", "INVALID_CHECK_CHARACTER"),
        (
            {"fromMonth": "202201", "toMonth": "202201"},
            "fromMonth",
            "NO_POLICY_PARAMETERS",
        ),
    ],
)
async def test_back_payment_rejects_bad_input(operator, unit, overrides, field, code):
    number = ssn()
    await insure(unit, number)

    payload = await apply(operator, number, **overrides)

    assert (field, code) in error_pairs(payload)
    assert payload["declaration"] is None
    assert not await Declaration.exists()
    assert stored_files() == []


async def test_back_payment_rejects_paid_month(operator, unit):
    number = ssn()
    person = await insure(unit, number)
    await paid_line(person, unit, "202602")

    payload = await apply(operator, number)

    assert error_pairs(payload) == [("fromMonth", "MONTH_ALREADY_PAID")]
    assert "202602" in payload["errors"][0]["message"]


async def test_back_payment_rejects_month_paid_in_other_unit(
    operator, unit, other_unit
):
    number = ssn()
    person = await insure(unit, number)
    await paid_line(person, other_unit, "202601")

    payload = await apply(operator, number)

    assert error_pairs(payload) == [("fromMonth", "MONTH_ALREADY_PAID")]


async def test_back_payment_rejects_month_in_unpaid_settlement(operator, unit):
    number = ssn()
    person = await insure(unit, number)
    settlement = await Settlement.create(
        unit=unit,
        month="202603",
        insurance_type=InsuranceType.PENSION,
        status=SettlementStatus.UNPAID,
        generated_at=now(),
    )
    line = await paid_line(person, unit, "202603")
    line.paid = False
    line.settlement = settlement
    await line.save()

    payload = await apply(operator, number)

    assert error_pairs(payload) == [("fromMonth", "MONTH_IN_SETTLEMENT")]


async def test_back_payment_rejects_unknown_ssn(operator, unit):
    payload = await apply(operator, ssn(sequence=7))

    assert error_pairs(payload) == [("ssn", "NOT_INSURED_IN_UNIT")]


async def test_back_payment_rejects_other_units_person(operator, other_unit):
    number = ssn()
    await insure(other_unit, number)

    payload = await apply(operator, number)

    assert error_pairs(payload) == [("ssn", "NOT_INSURED_IN_UNIT")]


async def test_back_payment_rejects_type_without_record(operator, unit):
    number = ssn()
    await insure(unit, number, identity=InsuredIdentity.PART_TIME)

    payload = await apply(operator, number, insuranceTypes=["PENSION", "WORK_INJURY"])

    assert error_pairs(payload) == [("insuranceTypes", "NOT_INSURED_IN_UNIT")]
    assert "企业职工基本养老保险" in payload["errors"][0]["message"]


async def test_back_payment_requires_application_form(operator, unit):
    number = ssn()
    await insure(unit, number)

    payload = await apply(operator, number, materials=[("WAGE_PROOF", "工资.png", PNG)])

    assert error_pairs(payload) == [("materials", "MATERIAL_REQUIRED")]
    assert stored_files() == []


async def test_back_payment_rejects_material_of_other_business(operator, unit):
    number = ssn()
    await insure(unit, number)

    payload = await apply(
        operator, number, materials=[FORM, ("WAGE_SUMMARY", "汇总表.pdf", PDF)]
    )

    assert error_pairs(payload) == [("materials.1.kind", "MATERIAL_NOT_ALLOWED")]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("说明.txt", "补缴说明".encode()),
        ("伪装.pdf", b"<html><body>not a pdf</body></html>"),
        ("文档.xlsx", docx_bytes()),
    ],
)
async def test_back_payment_rejects_wrong_file_type(operator, unit, name, content):
    number = ssn()
    await insure(unit, number)

    payload = await apply(
        operator, number, materials=[FORM, ("COURT_JUDGMENT", name, content)]
    )

    assert error_pairs(payload) == [("materials.1.file", "INVALID_FILE_TYPE")]
    assert not await DeclarationMaterial.exists()
    assert stored_files() == []


async def test_back_payment_rejects_oversize_file(operator, unit, monkeypatch):
    small = replace(materials.get_settings(), upload_max_bytes=1000)
    monkeypatch.setattr(materials, "get_settings", lambda: small)
    number = ssn()
    await insure(unit, number)

    payload = await apply(
        operator,
        number,
        materials=[FORM, ("LABOUR_CONTRACT", "合同.pdf", PDF + b"0" * 2000)],
    )

    assert error_pairs(payload) == [("materials.1.file", "FILE_TOO_LARGE")]
    assert stored_files() == []


async def test_back_payment_accepts_every_document_type(operator, unit):
    number = ssn()
    await insure(unit, number)

    payload = await apply(
        operator,
        number,
        materials=[
            FORM,
            ("COURT_JUDGMENT", "判决书.jpg", JPEG),
            ("ADMINISTRATIVE_DECISION", "决定书.png", PNG),
            ("WAGE_PROOF", "工资.xlsx", xlsx_bytes()),
            (
                "LABOUR_CONTRACT",
                "合同.xls",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 50,
            ),
        ],
    )

    assert payload["errors"] == []
    types = [m["contentType"] for m in payload["declaration"]["materials"]]
    assert types == [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel",
    ]
    rows = await DeclarationMaterial.all().order_by("id")
    assert [row.stored_path.split("/")[0] for row in rows] == ["materials"] * 5
    assert all(
        (materials.get_settings().upload_dir / row.stored_path).is_file()
        for row in rows
    )


async def test_back_payment_approval_adds_paid_lines(operator, reviewer, unit):
    number = ssn()
    person = await insure(unit, number)
    submitted = await apply(operator, number)

    reviewed = await review(reviewer, submitted["declaration"]["id"])

    assert reviewed["errors"] == []
    assert reviewed["declaration"]["status"] == "APPROVED"
    lines = await ContributionLine.filter(person=person).order_by("month")
    assert [line.month for line in lines] == ["202601", "202602", "202603"]
    for line in lines:
        assert line.paid is True
        assert line.source is LineSource.BACK_PAYMENT
        assert line.declaration_id == int(submitted["declaration"]["id"])
        assert line.settlement_id is None
        assert line.unit_id == unit.id
        assert line.base == Decimal("6000.00")
        assert line.unit_amount == Decimal("960.00")
        assert line.individual_amount == Decimal("480.00")
    assert [line.late_fee for line in lines] == [
        Decimal("97.20"),
        Decimal("77.04"),
        Decimal("54.72"),
    ]


async def test_back_payment_approval_rechecks_paid_months(operator, reviewer, unit):
    number = ssn()
    person = await insure(unit, number)
    submitted = await apply(operator, number)
    await paid_line(person, unit, "202603")

    reviewed = await review(reviewer, submitted["declaration"]["id"])

    assert error_pairs(reviewed) == [(None, "CONFLICT")]
    assert "202603" in reviewed["errors"][0]["message"]
    assert await ContributionLine.filter(source=LineSource.BACK_PAYMENT).count() == 0
    declaration = await Declaration.get(id=submitted["declaration"]["id"])
    assert declaration.status.value == "PENDING"


async def test_back_payment_second_application_waits(operator, unit):
    number = ssn()
    await insure(unit, number)
    first = await apply(operator, number)

    second = await apply(operator, number, fromMonth="202604", toMonth="202604")

    assert first["errors"] == []
    assert error_pairs(second) == [("ssn", "DECLARATION_PENDING")]
    assert await Declaration.all().count() == 1
    assert len(stored_files()) == 1


async def test_back_payment_withdraw(operator, unit):
    number = ssn()
    await insure(unit, number)
    submitted = await apply(operator, number)

    result = await operator.execute(
        WITHDRAW_DECLARATION, {"id": submitted["declaration"]["id"]}
    )

    payload = result.data["withdrawDeclaration"]
    assert payload["errors"] == []
    assert payload["declaration"]["status"] == "WITHDRAWN"


async def test_back_payment_refused_without_grant(anonymous, legalrep, unit):
    clerk = await precise_operator(anonymous, unit, [BusinessType.ENROLLMENT])
    number = ssn()
    await insure(unit, number)

    variables = {"input": {**back_payment_input(number), "materials": []}}
    result = await clerk.execute(APPLY_BACK_PAYMENT, variables)

    assert result.error_codes == ["FORBIDDEN"]
    assert "申请补缴城镇职工社会保险费" in result.body["errors"][0]["message"]
    assert not await Declaration.exists()


async def test_back_payment_withdraw_refused_without_grant(anonymous, legalrep, unit):
    number = ssn()
    await insure(unit, number)
    submitted = await apply(legalrep, number)
    clerk = await precise_operator(anonymous, unit, [BusinessType.ENROLLMENT])

    result = await clerk.execute(
        WITHDRAW_DECLARATION, {"id": submitted["declaration"]["id"]}
    )

    assert result.error_codes == ["FORBIDDEN"]
