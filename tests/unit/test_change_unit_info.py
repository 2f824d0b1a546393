"""Unit information change (单位参保信息变更登记) over GraphQL."""

from graph.unit.models import Unit
from tests.documents import WITHDRAW_DECLARATION, error_pairs, review

CHANGE_UNIT_INFO = """
mutation Change($input: ChangeUnitInfoInput!) {
  changeUnitInfo(input: $input) {
    declaration { id kind status changes { field label before after } }
    errors { field code message }
  }
}
"""

COMPLETE = {
    "contactName": "李四",
    "contactMobile": "13800138001",
    "contactIdNumber": "330302199001010013",
    "bankCode": "102333000017",
    "bankKind": "中国工商银行",
    "bankAccount": "1203200109000012345",
    "bankAccountName": "测试单位",
}


async def change(client, **values) -> dict:
    result = await client.execute(CHANGE_UNIT_INFO, {"input": {**COMPLETE, **values}})
    return result.data["changeUnitInfo"]


async def test_contact_change_approved(unit, legalrep, reviewer):
    submitted = await change(legalrep, address="温州市鹿城区市府路1号")
    assert submitted["errors"] == []
    fields = {c["field"] for c in submitted["declaration"]["changes"]}
    assert {"contactName", "address", "bankAccount"} <= fields
    reviewed = await review(reviewer, submitted["declaration"]["id"])
    assert reviewed["errors"] == []
    changed = await Unit.get(id=unit.id)
    assert changed.contact_name == "李四"
    assert changed.address == "温州市鹿城区市府路1号"


async def test_name_change_rejected(unit, legalrep):
    payload = await change(legalrep, name="另一个名字有限公司")
    assert error_pairs(payload) == [("name", "KEY_FIELD_LOCKED")]
    assert "市场监督管理部门" in payload["errors"][0]["message"]


async def test_required_contact_missing(unit, legalrep):
    payload = await change(legalrep, contactName="  ")
    assert error_pairs(payload) == [("contactName", "REQUIRED")]


async def test_withdraw_voids_change(unit, legalrep):
    submitted = await change(legalrep)
    result = await legalrep.execute(
        WITHDRAW_DECLARATION, {"id": submitted["declaration"]["id"]}
    )
    assert result.data["withdrawDeclaration"]["declaration"]["status"] == "WITHDRAWN"


async def test_contact_resident_id_is_checked(unit, legalrep):
    payload = await change(legalrep, contactIdNumber="330302199001010011")
    assert error_pairs(payload) == [("contactIdNumber", "INVALID_CHECK_CHARACTER")]


async def test_contact_passport_number_is_not_a_resident_id(unit, legalrep):
    payload = await change(legalrep, contactIdType="护照", contactIdNumber="E12345678")
    assert payload["errors"] == []


async def test_unknown_contact_id_type_lists_choices(unit, legalrep):
    payload = await change(legalrep, contactIdType="驾照")
    assert error_pairs(payload) == [("contactIdType", "INVALID_CHOICE")]
    assert "护照" in payload["errors"][0]["message"]
