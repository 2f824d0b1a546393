"""Checks of enrollment and suspension input that need no database.

Each returns the normalised values and every problem found, so a form shows
all its errors at once.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from graph.core.errors import FieldProblem, InvalidValue
from graph.core.text import (
    has_control_character,
    normalize_code,
    normalize_text,
    shorten_for_message,
)
from graph.insurance.codes import EmploymentForm, InsuredIdentity, SuspensionReason
from graph.insurance.rules import MINIMUM_WORKING_AGE, age_on, last_day_of_month
from graph.person.resident_id import ResidentId, parse_resident_id
from graph.person.retirement import (
    default_base_age,
    format_age,
    is_past_retirement,
    retirement_age_months,
    retirement_date,
    validate_base_age,
)

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_PHONE = re.compile(r"[0-9][0-9-]{5,18}[0-9]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTCODE = re.compile(r"[0-9]{6}")
MAX_WAGE = Decimal("9999999.99")


@dataclass(frozen=True)
class EnrollmentRequest:
    ssn: str
    name: str
    mobile: str
    address: str
    enroll_date: date
    identity: InsuredIdentity
    declared_wage: Decimal
    phone: str = ""
    email: str = ""
    postcode: str = ""
    job_type: str = ""
    retirement_age: int | None = None
    employment_form: EmploymentForm | None = None


@dataclass(frozen=True)
class SuspensionRequest:
    ssn: str
    reason: SuspensionReason
    suspend_date: date
    remark: str = ""


class _Collector:
    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def add(self, field: str, code: str, message: str) -> None:
        self.problems.append(FieldProblem(field, code, message))

    def text(
        self, field: str, label: str, raw: str, max_length: int, required: bool
    ) -> str:
        value = normalize_text(raw)
        if required and not value:
            self.add(field, "REQUIRED", f"{label}不能为空")
        elif has_control_character(value):
            self.add(
                field,
                "INVALID_CHARACTER",
                f"{label}“{shorten_for_message(value)!r}”含有换行等控制字符，请删除后重试",
            )
        elif len(value) > max_length:
            self.add(
                field,
                "TOO_LONG",
                f"{label}“{shorten_for_message(value)}”超过{max_length}个字",
            )
        return value

    def pattern(
        self,
        field: str,
        label: str,
        raw: str,
        pattern: re.Pattern,
        code: str,
        hint: str,
    ) -> str:
        value = normalize_code(raw) if field != "email" else normalize_text(raw)
        if value and not pattern.fullmatch(value):
            self.add(
                field, code, f"{label}“{shorten_for_message(value)}”格式不正确，{hint}"
            )
        return value


def check_contact_text(
    field: str, label: str, value: str, max_length: int
) -> list[FieldProblem]:
    """Check one optional, already normalized text field of a change form."""
    collect = _Collector()
    collect.text(field, label, value, max_length, required=False)
    return collect.problems


def check_mobile(raw: str, field: str = "mobile") -> tuple[str, list[FieldProblem]]:
    """Normalize and check a required mainland mobile number."""
    collect = _Collector()
    mobile = normalize_code(raw)
    if not mobile:
        collect.add(field, "REQUIRED", "手机号码不能为空")
    else:
        mobile = collect.pattern(
            field, "手机号码", mobile, _MOBILE, "INVALID_MOBILE", "应为11位手机号码"
        )
    return mobile, collect.problems


_FORMATS = {
    "phone": (_PHONE, "INVALID_PHONE", "应为数字和“-”"),
    "email": (_EMAIL, "INVALID_EMAIL", "应如 name@example.com"),
    "postcode": (_POSTCODE, "INVALID_POSTCODE", "应为6位数字"),
}


def check_format(
    field: str, label: str, raw: str, kind: str
) -> tuple[str, list[FieldProblem]]:
    """Normalize and check an optional phone number, email or postcode.

    ``kind`` is "phone", "email" or "postcode". An empty value passes.
    """
    pattern, code, hint = _FORMATS[kind]
    value = normalize_text(raw) if kind == "email" else normalize_code(raw)
    collect = _Collector()
    if value and not pattern.fullmatch(value):
        collect.add(
            field, code, f"{label}“{shorten_for_message(value)}”格式不正确，{hint}"
        )
    return value, collect.problems


def parse_ssn(raw: str, today: date) -> ResidentId:
    """Parse a social security number that is a resident ID number."""
    return parse_resident_id(raw, today=today)


def check_enrollment(
    request: EnrollmentRequest, today: date
) -> tuple[EnrollmentRequest, ResidentId | None, list[FieldProblem]]:
    """Normalise and check one enrollment; return the clean request and problems."""
    collect = _Collector()

    resident_id = None
    try:
        resident_id = parse_ssn(request.ssn, today)
    except InvalidValue as exc:
        collect.add("ssn", exc.code, exc.message)

    name = collect.text("name", "姓名", request.name, 50, required=True)
    address = collect.text("address", "联系地址", request.address, 200, required=True)
    job_type = collect.text("jobType", "职工工种", request.job_type, 40, required=False)

    mobile = normalize_code(request.mobile)
    if not mobile:
        collect.add("mobile", "REQUIRED", "手机号码不能为空")
    else:
        mobile = collect.pattern(
            "mobile", "手机号码", mobile, _MOBILE, "INVALID_MOBILE", "应为11位手机号码"
        )
    phone = collect.pattern(
        "phone", "联系电话", request.phone, _PHONE, "INVALID_PHONE", "应为数字和“-”"
    )
    email = collect.pattern(
        "email",
        "电子邮箱",
        request.email,
        _EMAIL,
        "INVALID_EMAIL",
        "应如 name@example.com",
    )
    postcode = collect.pattern(
        "postcode",
        "邮政编码",
        request.postcode,
        _POSTCODE,
        "INVALID_POSTCODE",
        "应为6位数字",
    )

    wage = _check_wage(collect, request.declared_wage)

    latest_date = last_day_of_month(today)
    if request.enroll_date > latest_date:
        collect.add(
            "enrollDate",
            "DATE_IN_FUTURE",
            f"本次参保时间{request.enroll_date.isoformat()}不能晚于本月末"
            f"（{latest_date.isoformat()}）",
        )

    retirement_age = request.retirement_age
    if resident_id is not None:
        retirement_age = _check_age(collect, request, resident_id)

    clean = EnrollmentRequest(
        ssn=resident_id.number if resident_id else normalize_code(request.ssn),
        name=name,
        mobile=mobile,
        address=address,
        enroll_date=request.enroll_date,
        identity=request.identity,
        declared_wage=wage,
        phone=phone,
        email=email,
        postcode=postcode,
        job_type=job_type,
        retirement_age=retirement_age,
        employment_form=request.employment_form,
    )
    return clean, resident_id, collect.problems


def check_wage(raw: Decimal) -> tuple[Decimal, list[FieldProblem]]:
    """Check a declared wage (申报工资): positive, to the fen, within MAX_WAGE."""
    collect = _Collector()
    wage = _check_wage(collect, raw)
    return wage, collect.problems


def _check_wage(collect: _Collector, raw: Decimal) -> Decimal:
    try:
        wage = Decimal(raw)
    except (InvalidOperation, TypeError, ValueError):
        collect.add("declaredWage", "INVALID_WAGE", f"申报工资“{raw}”不是有效金额")
        return Decimal(0)
    if not wage.is_finite() or wage <= 0:
        collect.add("declaredWage", "INVALID_WAGE", f"申报工资应大于0，实际为{raw}")
    elif wage > MAX_WAGE:
        collect.add(
            "declaredWage", "INVALID_WAGE", f"申报工资{raw}元超过上限{MAX_WAGE}元"
        )
    elif wage.as_tuple().exponent < -2:
        collect.add(
            "declaredWage", "INVALID_WAGE", f"申报工资{raw}最多保留两位小数（到分）"
        )
    return wage


def age_problems(
    resident_id: ResidentId,
    identity: InsuredIdentity,
    retirement_age: int | None,
    enroll_date: date,
) -> list[FieldProblem]:
    """Apply enrollment's age rules to a person's birth date and gender.

    A change of ID number changes both, so the records already held must
    still satisfy the rules they were enrolled under.
    """
    collect = _Collector()
    request = EnrollmentRequest(
        ssn=resident_id.number,
        name="",
        mobile="",
        address="",
        enroll_date=enroll_date,
        identity=identity,
        declared_wage=Decimal(1),
        retirement_age=retirement_age,
    )
    _check_age(collect, request, resident_id)
    return collect.problems


def _check_age(
    collect: _Collector, request: EnrollmentRequest, resident_id: ResidentId
) -> int | None:
    birth = resident_id.birth_date
    on = request.enroll_date
    if age_on(birth, on) < MINIMUM_WORKING_AGE:
        collect.add(
            "enrollDate",
            "UNDER_MINIMUM_AGE",
            f"出生日期{birth.isoformat()}，本次参保时间{on.isoformat()}时"
            f"未满{MINIMUM_WORKING_AGE}周岁，不能参保",
        )

    base_age = request.retirement_age
    if base_age is None:
        base_age = default_base_age(resident_id.gender)
    try:
        validate_base_age(resident_id.gender, base_age)
    except InvalidValue as exc:
        collect.add("retirementAge", exc.code, exc.message)
        return request.retirement_age

    past = is_past_retirement(birth, base_age, on)
    statutory_age = format_age(retirement_age_months(birth, base_age))
    reached_on = retirement_date(birth, base_age).isoformat()
    if past and request.identity is not InsuredIdentity.OVER_AGE:
        collect.add(
            "identity",
            "OVER_RETIREMENT_AGE",
            f"该人员法定退休年龄为{statutory_age}，已于{reached_on}达到，"
            f"参保身份只能为超龄人员，不能为{request.identity.label}",
        )
    elif not past and request.identity is InsuredIdentity.OVER_AGE:
        collect.add(
            "identity",
            "NOT_OVER_RETIREMENT_AGE",
            f"该人员法定退休年龄为{statutory_age}，{reached_on}才达到，"
            "参保身份不能为超龄人员",
        )
    return base_age


def check_suspension(
    request: SuspensionRequest, today: date
) -> tuple[SuspensionRequest, list[FieldProblem]]:
    collect = _Collector()
    ssn = normalize_code(request.ssn)
    try:
        ssn = parse_ssn(request.ssn, today).number
    except InvalidValue as exc:
        collect.add("ssn", exc.code, exc.message)

    remark = collect.text("remark", "备注", request.remark, 200, required=False)
    if request.reason is SuspensionReason.OTHER and not remark:
        collect.add("remark", "REMARK_REQUIRED", "中断原因为“其他”时，请在备注中说明")

    latest_date = last_day_of_month(today)
    if request.suspend_date > latest_date:
        collect.add(
            "suspendDate",
            "DATE_IN_FUTURE",
            f"停保时间{request.suspend_date.isoformat()}不能晚于本月末"
            f"（{latest_date.isoformat()}）",
        )
    clean = SuspensionRequest(
        ssn=ssn, reason=request.reason, suspend_date=request.suspend_date, remark=remark
    )
    return clean, collect.problems
