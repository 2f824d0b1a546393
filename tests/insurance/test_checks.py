"""check_enrollment and check_suspension as plain functions: codes and cleaning."""

from datetime import date
from decimal import Decimal

import pytest

from graph.insurance.checks import (
    EnrollmentRequest,
    SuspensionRequest,
    check_enrollment,
    check_suspension,
)
from graph.insurance.codes import InsuredIdentity, SuspensionReason
from graph.person.resident_id import Gender, make_resident_id

TODAY = date(2026, 12, 4)
VALID_SSN = make_resident_id("330302", date(1990, 3, 15), 1, Gender.MALE)
# Sequence 0 of a man born on this day gives the check character X.
SSN_ENDING_IN_X = "33030219900315001X"
WRONG_CHECK_SSN = VALID_SSN[:-1] + ("0" if VALID_SSN[-1] != "0" else "1")
RETIRED_MAN_SSN = make_resident_id("330302", date(1955, 6, 1), 1, Gender.MALE)
WOMAN_SSN = make_resident_id("330302", date(1990, 3, 15), 1, Gender.FEMALE)
# One day short of 16 on the default enrollment date 2026-03-01.
YOUNG_SSN = make_resident_id("330302", date(2010, 3, 2), 1, Gender.MALE)

FULL_WIDTH_DIGITS = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
NBSP = "\u00a0"
IDEOGRAPHIC_SPACE = "\u3000"
ZERO_WIDTH_SPACE = "\u200b"


@pytest.fixture(autouse=True)
def clean_database() -> None:
    """Skip the shared database reset, because these tests read no table."""


def enrollment(**overrides) -> EnrollmentRequest:
    values = {
        "ssn": VALID_SSN,
        "name": "张三",
        "mobile": "13800138000",
        "address": "温州市鹿城区人民路1号",
        "enroll_date": date(2026, 3, 1),
        "identity": InsuredIdentity.REGULAR,
        "declared_wage": Decimal("8000"),
    }
    values.update(overrides)
    return EnrollmentRequest(**values)


def suspension(**overrides) -> SuspensionRequest:
    values = {
        "ssn": VALID_SSN,
        "reason": SuspensionReason.RESIGNATION,
        "suspend_date": date(2026, 6, 30),
        "remark": "",
    }
    values.update(overrides)
    return SuspensionRequest(**values)


def enrollment_problems(request: EnrollmentRequest) -> list[tuple[str | None, str]]:
    _, _, problems = check_enrollment(request, TODAY)
    return [(problem.field, problem.code) for problem in problems]


def suspension_problems(request: SuspensionRequest) -> list[tuple[str | None, str]]:
    _, problems = check_suspension(request, TODAY)
    return [(problem.field, problem.code) for problem in problems]


def test_check_enrollment_accepts_valid_request():
    assert enrollment_problems(enrollment()) == []


def test_check_enrollment_returns_resident_id():
    _, resident_id, _ = check_enrollment(enrollment(), TODAY)
    assert (resident_id.birth_date, resident_id.gender) == (
        date(1990, 3, 15),
        Gender.MALE,
    )


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"ssn": ""}, ("ssn", "REQUIRED")),
        ({"ssn": "330302900315001"}, ("ssn", "OLD_ID_NUMBER")),
        ({"ssn": VALID_SSN[:17]}, ("ssn", "INVALID_FORMAT")),
        ({"ssn": VALID_SSN[:5] + "A" + VALID_SSN[6:]}, ("ssn", "INVALID_FORMAT")),
        ({"ssn": "99" + VALID_SSN[2:]}, ("ssn", "INVALID_FORMAT")),
        ({"ssn": "33030219900230001" + "1"}, ("ssn", "INVALID_BIRTH_DATE")),
        (
            {"ssn": make_resident_id("330302", date(2027, 1, 1), 1, Gender.MALE)},
            ("ssn", "INVALID_BIRTH_DATE"),
        ),
        ({"ssn": WRONG_CHECK_SSN}, ("ssn", "INVALID_CHECK_CHARACTER")),
        ({"name": ""}, ("name", "REQUIRED")),
        ({"name": f"{IDEOGRAPHIC_SPACE}{NBSP}"}, ("name", "REQUIRED")),
        ({"name": "张" * 51}, ("name", "TOO_LONG")),
        ({"address": " "}, ("address", "REQUIRED")),
        ({"address": "路" * 201}, ("address", "TOO_LONG")),
        ({"job_type": "工" * 41}, ("jobType", "TOO_LONG")),
        ({"mobile": ""}, ("mobile", "REQUIRED")),
        ({"mobile": "12800138000"}, ("mobile", "INVALID_MOBILE")),
        ({"mobile": "1380013800"}, ("mobile", "INVALID_MOBILE")),
        ({"mobile": "138001380001"}, ("mobile", "INVALID_MOBILE")),
        ({"phone": "电话0577"}, ("phone", "INVALID_PHONE")),
        ({"email": "zhangsan.example.com"}, ("email", "INVALID_EMAIL")),
        ({"postcode": "32500"}, ("postcode", "INVALID_POSTCODE")),
        ({"postcode": "32500A"}, ("postcode", "INVALID_POSTCODE")),
        ({"declared_wage": Decimal("0")}, ("declaredWage", "INVALID_WAGE")),
        ({"declared_wage": Decimal("-1")}, ("declaredWage", "INVALID_WAGE")),
        ({"declared_wage": Decimal("10000000")}, ("declaredWage", "INVALID_WAGE")),
        ({"declared_wage": Decimal("8000.001")}, ("declaredWage", "INVALID_WAGE")),
        ({"declared_wage": Decimal("NaN")}, ("declaredWage", "INVALID_WAGE")),
        ({"declared_wage": Decimal("Infinity")}, ("declaredWage", "INVALID_WAGE")),
        ({"declared_wage": "八千"}, ("declaredWage", "INVALID_WAGE")),
        ({"enroll_date": date(2027, 1, 1)}, ("enrollDate", "DATE_IN_FUTURE")),
        ({"ssn": YOUNG_SSN}, ("enrollDate", "UNDER_MINIMUM_AGE")),
        ({"retirement_age": 55}, ("retirementAge", "INVALID_RETIREMENT_AGE")),
        (
            {"ssn": WOMAN_SSN, "retirement_age": 60},
            ("retirementAge", "INVALID_RETIREMENT_AGE"),
        ),
        ({"retirement_age": 45}, ("retirementAge", "INVALID_RETIREMENT_AGE")),
        ({"ssn": RETIRED_MAN_SSN}, ("identity", "OVER_RETIREMENT_AGE")),
        (
            {"identity": InsuredIdentity.OVER_AGE},
            ("identity", "NOT_OVER_RETIREMENT_AGE"),
        ),
    ],
)
def test_check_enrollment_error_code(overrides, expected):
    assert enrollment_problems(enrollment(**overrides)) == [expected]


@pytest.mark.parametrize(
    "overrides",
    [
        {"enroll_date": date(2026, 12, 31)},
        {"declared_wage": Decimal("9999999.99")},
        {"declared_wage": Decimal("0.01")},
        {"phone": "0577-88881234"},
        {"email": "zhang.san@example.com"},
        {"postcode": "325000"},
        {"ssn": YOUNG_SSN, "enroll_date": date(2026, 3, 2)},
        {"ssn": WOMAN_SSN, "retirement_age": 55},
        {"ssn": RETIRED_MAN_SSN, "identity": InsuredIdentity.OVER_AGE},
    ],
)
def test_check_enrollment_accepts_boundary_value(overrides):
    assert enrollment_problems(enrollment(**overrides)) == []


def test_check_enrollment_rejects_zero_retirement_age():
    assert enrollment_problems(enrollment(retirement_age=0)) == [
        ("retirementAge", "INVALID_RETIREMENT_AGE")
    ]


def test_check_enrollment_returns_all_problems_at_once():
    request = enrollment(
        ssn=WRONG_CHECK_SSN,
        name="",
        address="",
        mobile="123",
        email="no-at-sign",
        declared_wage=Decimal("0"),
        enroll_date=date(2027, 1, 1),
    )
    assert set(enrollment_problems(request)) == {
        ("ssn", "INVALID_CHECK_CHARACTER"),
        ("name", "REQUIRED"),
        ("address", "REQUIRED"),
        ("mobile", "INVALID_MOBILE"),
        ("email", "INVALID_EMAIL"),
        ("declaredWage", "INVALID_WAGE"),
        ("enrollDate", "DATE_IN_FUTURE"),
    }


def test_check_enrollment_reports_age_with_other_problems():
    request = enrollment(ssn=YOUNG_SSN, mobile="", postcode="1")
    assert set(enrollment_problems(request)) == {
        ("mobile", "REQUIRED"),
        ("postcode", "INVALID_POSTCODE"),
        ("enrollDate", "UNDER_MINIMUM_AGE"),
    }


@pytest.mark.parametrize(
    "raw",
    [
        VALID_SSN.translate(FULL_WIDTH_DIGITS),
        f" {VALID_SSN[:6]} {VALID_SSN[6:14]} {VALID_SSN[14:]} ",
        f"{NBSP}{VALID_SSN}{IDEOGRAPHIC_SPACE}",
        f"{ZERO_WIDTH_SPACE}{VALID_SSN[:9]}{ZERO_WIDTH_SPACE}{VALID_SSN[9:]}",
    ],
)
def test_check_enrollment_normalises_ssn(raw):
    clean, _, problems = check_enrollment(enrollment(ssn=raw), TODAY)
    assert problems == []
    assert clean.ssn == VALID_SSN


@pytest.mark.parametrize(
    "raw",
    [SSN_ENDING_IN_X.lower(), SSN_ENDING_IN_X.translate(FULL_WIDTH_DIGITS).lower()],
)
def test_check_enrollment_upper_cases_final_x(raw):
    clean, _, problems = check_enrollment(enrollment(ssn=raw), TODAY)
    assert problems == []
    assert clean.ssn == SSN_ENDING_IN_X


@pytest.mark.parametrize(
    "raw",
    [
        "１３８００１３８０００",
        "138 0013 8000",
        f"{IDEOGRAPHIC_SPACE}１３８{NBSP}００１３{ZERO_WIDTH_SPACE}８０００ ",
    ],
)
def test_check_enrollment_normalises_mobile(raw):
    clean, _, problems = check_enrollment(enrollment(mobile=raw), TODAY)
    assert problems == []
    assert clean.mobile == "13800138000"


def test_check_enrollment_strips_name_and_address():
    clean, _, _ = check_enrollment(
        enrollment(name=f"{IDEOGRAPHIC_SPACE}张三 ", address=f"{NBSP}人民路1号\n"),
        TODAY,
    )
    assert (clean.name, clean.address) == ("张三", "人民路1号")


def test_check_enrollment_fills_default_retirement_age():
    man, _, _ = check_enrollment(enrollment(), TODAY)
    woman, _, _ = check_enrollment(enrollment(ssn=WOMAN_SSN), TODAY)
    assert (man.retirement_age, woman.retirement_age) == (60, 50)


def test_check_suspension_accepts_valid_request():
    assert suspension_problems(suspension()) == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"ssn": ""}, ("ssn", "REQUIRED")),
        ({"ssn": "330302900315001"}, ("ssn", "OLD_ID_NUMBER")),
        ({"ssn": VALID_SSN[:17]}, ("ssn", "INVALID_FORMAT")),
        ({"ssn": "33030219900230001" + "1"}, ("ssn", "INVALID_BIRTH_DATE")),
        ({"ssn": WRONG_CHECK_SSN}, ("ssn", "INVALID_CHECK_CHARACTER")),
        ({"reason": SuspensionReason.OTHER}, ("remark", "REMARK_REQUIRED")),
        (
            {"reason": SuspensionReason.OTHER, "remark": f"{IDEOGRAPHIC_SPACE} "},
            ("remark", "REMARK_REQUIRED"),
        ),
        ({"remark": "备" * 201}, ("remark", "TOO_LONG")),
        ({"suspend_date": date(2027, 1, 1)}, ("suspendDate", "DATE_IN_FUTURE")),
    ],
)
def test_check_suspension_error_code(overrides, expected):
    assert suspension_problems(suspension(**overrides)) == [expected]


@pytest.mark.parametrize(
    "overrides",
    [
        {"suspend_date": date(2026, 12, 31)},
        {"reason": SuspensionReason.OTHER, "remark": "调往外地分公司"},
        {"remark": "备" * 200},
    ],
)
def test_check_suspension_accepts_boundary_value(overrides):
    assert suspension_problems(suspension(**overrides)) == []


def test_check_suspension_returns_all_problems_at_once():
    request = suspension(
        ssn=WRONG_CHECK_SSN,
        reason=SuspensionReason.OTHER,
        suspend_date=date(2027, 1, 1),
    )
    assert set(suspension_problems(request)) == {
        ("ssn", "INVALID_CHECK_CHARACTER"),
        ("remark", "REMARK_REQUIRED"),
        ("suspendDate", "DATE_IN_FUTURE"),
    }


@pytest.mark.parametrize(
    "raw",
    [
        VALID_SSN.translate(FULL_WIDTH_DIGITS),
        f"{IDEOGRAPHIC_SPACE}{VALID_SSN[:6]} {VALID_SSN[6:]}{NBSP}",
    ],
)
def test_check_suspension_normalises_ssn(raw):
    clean, problems = check_suspension(suspension(ssn=raw), TODAY)
    assert problems == []
    assert clean.ssn == VALID_SSN


def test_check_suspension_strips_remark():
    clean, _ = check_suspension(
        suspension(reason=SuspensionReason.OTHER, remark=f"{NBSP}调往外地 "), TODAY
    )
    assert clean.remark == "调往外地"
