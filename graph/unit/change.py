"""Unit information change (单位参保信息变更登记).

Only the contact block and the pension payout bank account change online.
The unit name, credit code and legal representative follow the business
licence, so a request to change them is rejected with a pointer to the
market regulator (市场监督管理部门). Approval updates the unit row.
"""

import re
from dataclasses import dataclass
from datetime import date

from tortoise.backends.base.client import BaseDBAsyncClient

from graph.account.actor import Actor
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.core.text import normalize_code, normalize_text
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.field_changes import diff, optional_text
from graph.declaration.materials import MaterialUpload
from graph.declaration.models import Declaration
from graph.declaration.submission import submit_with_materials
from graph.insurance.checks import check_contact_text, check_format, check_mobile
from graph.insurance.rules import month_of
from graph.person.resident_id import parse_resident_id
from graph.unit.models import Unit

# Data key, Chinese label, model attribute, maximum length and whether the
# manual marks the field required (*).
FIELDS = (
    ("contactName", "社保经办人姓名", "contact_name", 50, True),
    ("contactPhone", "社保经办人固定电话", "contact_phone", 30, False),
    ("contactMobile", "社保经办人手机", "contact_mobile", 20, True),
    ("contactIdType", "经办人证件类型", "contact_id_type", 20, False),
    ("contactIdNumber", "经办人证件号码", "contact_id_number", 30, True),
    ("email", "单位电子邮箱", "email", 100, False),
    ("postcode", "通讯地址邮编", "postcode", 6, False),
    ("address", "通讯地址", "address", 200, False),
    ("bankCode", "开户行行号", "bank_code", 20, True),
    ("bankName", "开户行名称", "bank_name", 100, False),
    ("bankKind", "银行行别", "bank_kind", 40, True),
    ("bankAccount", "银行账号", "bank_account", 40, True),
    ("bankAccountName", "银行开户名", "bank_account_name", 100, True),
)
FIELD_LABELS = {key: label for key, label, _, _, _ in FIELDS}
_ATTRIBUTES = {key: attribute for key, _, attribute, _, _ in FIELDS}
_LIMITS = {key: limit for key, _, _, limit, _ in FIELDS}
_REQUIRED = {key for key, _, _, _, required in FIELDS if required}
# Key fields that only the market regulator changes, with their labels.
KEY_FIELDS = {
    "name": ("单位名称", "name"),
    "creditCode": ("统一社会信用代码", "credit_code"),
    "legalRepresentative": ("法定代表人", "legal_representative"),
}
# Bank codes (开户行行号) are the 12-digit CNAPS numbers of the branch.
_BANK_CODE = re.compile(r"[0-9]{12}")
_BANK_ACCOUNT = re.compile(r"[0-9]{6,32}")
_ID_NUMBER = re.compile(r"[0-9A-Z]{6,30}")


@dataclass(frozen=True)
class UnitChangeRequest:
    """Requested values by data key. A missing key keeps the current value."""

    values: dict[str, str | None]
    # Key fields as sent; any that differs from the unit's value is rejected.
    key_fields: dict[str, str | None]


@dataclass(frozen=True)
class UnitChangePlan:
    before: dict[str, str]
    after: dict[str, str]


def current_values(unit: Unit) -> dict[str, str]:
    return {key: getattr(unit, attribute) for key, attribute in _ATTRIBUTES.items()}


def _check_key_fields(unit: Unit, request: UnitChangeRequest) -> list[FieldProblem]:
    problems = []
    for field, raw in request.key_fields.items():
        if raw is None:
            continue
        label, attribute = KEY_FIELDS[field]
        value = normalize_text(raw)
        if field == "creditCode":
            value = normalize_code(raw)
        if value != getattr(unit, attribute):
            problems.append(
                FieldProblem(
                    field,
                    "KEY_FIELD_LOCKED",
                    f"{label}不能在网上变更（申请改为“{value}”）："
                    "请先到市场监督管理部门办理营业执照变更，社保登记随之更新",
                )
            )
    return problems


def _check_value(field: str, value: str) -> list[FieldProblem]:
    label = FIELD_LABELS[field]
    if field == "contactMobile":
        return check_mobile(value, field)[1]
    if field == "contactPhone":
        return check_format(field, label, value, "phone")[1]
    if field == "email":
        return check_format(field, label, value, "email")[1]
    if field == "postcode":
        return check_format(field, label, value, "postcode")[1]
    patterns = {
        "bankCode": (_BANK_CODE, "应为12位数字"),
        "bankAccount": (_BANK_ACCOUNT, "应为6到32位数字"),
        "contactIdNumber": (_ID_NUMBER, "应为6到30位数字或大写字母"),
    }
    if field in patterns and value:
        pattern, hint = patterns[field]
        if not pattern.fullmatch(value):
            return [
                FieldProblem(
                    field, "INVALID_FORMAT", f"{label}“{value}”格式不正确，{hint}"
                )
            ]
    return check_contact_text(field, label, value, _LIMITS[field])


# Contact ID types as the manual lists them; a resident ID is checked fully.
CONTACT_ID_TYPES = (
    "居民身份证",
    "护照",
    "港澳居民来往内地通行证",
    "台湾居民来往大陆通行证",
)
RESIDENT_ID_TYPES = ("", "居民身份证")


def _check_contact_identity(
    request: UnitChangeRequest, requested: dict[str, str]
) -> list[FieldProblem]:
    """Check the contact's ID type, and the number as a resident ID if it is one."""
    id_type = requested["contactIdType"]
    touched = {"contactIdType", "contactIdNumber"} & set(request.values)
    if not touched:
        return []
    if id_type and id_type not in CONTACT_ID_TYPES:
        return [
            FieldProblem(
                "contactIdType",
                "INVALID_CHOICE",
                f"经办人证件类型“{id_type}”不是可选值，应为："
                + "、".join(CONTACT_ID_TYPES),
            )
        ]
    number = requested["contactIdNumber"]
    if id_type in RESIDENT_ID_TYPES and number:
        try:
            parse_resident_id(number)
        except InvalidValue as exc:
            return [FieldProblem("contactIdNumber", exc.code, exc.message)]
    return []


def plan_unit_change(unit: Unit, request: UnitChangeRequest) -> UnitChangePlan:
    """Check the request against the unit's current values, or raise."""
    problems = _check_key_fields(unit, request)
    current = current_values(unit)
    requested = {}
    for field, _, _, _, _ in FIELDS:
        raw = request.values.get(field)
        value = optional_text(raw, current[field])
        if field in ("contactMobile", "contactIdNumber", "bankCode", "bankAccount"):
            value = normalize_code(value)
        if field in _REQUIRED and not value:
            problems.append(
                FieldProblem(field, "REQUIRED", f"{FIELD_LABELS[field]}不能为空")
            )
        elif raw is not None:
            problems += _check_value(field, value)
        requested[field] = value
    problems += _check_contact_identity(request, requested)
    if problems:
        raise ValidationFailed(problems)
    before, after = diff(current, requested)
    if not after:
        raise ValidationFailed(
            [
                FieldProblem(
                    None, "NO_CHANGE", "填写的信息与现有信息相同，没有需要变更的内容"
                )
            ]
        )
    return UnitChangePlan(before=before, after=after)


def unit_change_declaration(
    actor: Actor, unit: Unit, plan: UnitChangePlan, today: date
) -> Declaration:
    """Build the pending declaration, filed without a person (empty ``ssn``)."""
    return Declaration(
        kind=DeclarationKind.UNIT_CHANGE,
        status=DeclarationStatus.PENDING,
        unit_id=unit.id,
        region_id=unit.region_id,
        ssn="",
        person_name="",
        business_date=today,
        settlement_month=month_of(today),
        data={"before": plan.before, "after": plan.after},
        submitted_by_id=actor.account_id,
        submitted_as=actor.authorization,
    )


async def submit_unit_change(
    actor: Actor,
    unit: Unit,
    request: UnitChangeRequest,
    materials: list[MaterialUpload],
    material_ids: list[int],
    today: date,
) -> tuple[Declaration, UnitChangePlan]:
    async def plan() -> UnitChangePlan:
        return plan_unit_change(unit, request)

    return await submit_with_materials(
        actor,
        unit,
        DeclarationKind.UNIT_CHANGE,
        materials,
        material_ids,
        plan,
        lambda result: unit_change_declaration(actor, unit, result, today),
    )


async def apply_unit_change(
    declaration: Declaration, connection: BaseDBAsyncClient
) -> list[FieldProblem]:
    """Write the new values, inside the approval transaction."""
    before = declaration.data["before"]
    after = declaration.data["after"]
    unit = await (
        Unit.filter(id=declaration.unit_id)
        .using_db(connection)
        .select_for_update()
        .first()
    )
    current = current_values(unit)
    if any(current[field] != value for field, value in before.items()):
        return [
            FieldProblem(
                None,
                "CONFLICT",
                "单位信息在提交后已被修改，与申报时不一致，请驳回后重新申报",
            )
        ]
    for field, value in after.items():
        setattr(unit, _ATTRIBUTES[field], value)
    await unit.save(using_db=connection)
    return []
