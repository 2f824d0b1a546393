"""Person information change (职工参保信息变更登记) over GraphQL."""

from dataclasses import replace
from datetime import date

import pytest

from graph.declaration import materials
from graph.person.models import Person, PersonHistory
from graph.person.resident_id import Gender
from graph.settings import get_settings
from tests.contribution.filings import PDF, docx_bytes
from tests.documents import PERSONS, error_pairs, insure, review, ssn

UPLOAD_MATERIAL = """
mutation Upload($declarationKind: DeclarationKind!, $materialKind: MaterialKind!,
                $file: Upload!) {
  uploadMaterial(declarationKind: $declarationKind, materialKind: $materialKind,
                 file: $file) {
    material { id kind kindLabel fileName contentType size downloadUrl }
    errors { field code message }
  }
}
"""

CHANGE_PERSON_INFO = """
mutation Change($input: ChangePersonInfoInput!) {
  changePersonInfo(input: $input) {
    declaration {
      id kind status ssn
      changes { field label before after }
      materials { kind fileName downloadUrl }
    }
    errors { field code message }
  }
}
"""

PENDING = """
query Pending {
  declarations(filter: { status: PENDING }) {
    items {
      id kind unit { name }
      changes { field label before after }
      materials { kind kindLabel fileName downloadUrl }
    }
  }
}
"""


@pytest.fixture(autouse=True)
def own_upload_folder(monkeypatch, tmp_path):
    folder = replace(get_settings(), upload_dir=tmp_path)
    monkeypatch.setattr(materials, "get_settings", lambda: folder)
    monkeypatch.setattr(
        "graph.declaration.material_downloads.get_settings", lambda: folder
    )


async def upload_form(client, content=PDF, name="变更登记表.pdf") -> dict:
    result = await client.upload(
        UPLOAD_MATERIAL,
        {"declarationKind": "PERSON_CHANGE", "materialKind": "CHANGE_FORM"},
        content,
        filename=name,
    )
    return result.data["uploadMaterial"]


async def change(client, number: str, **values) -> dict:
    payload = {"ssn": number, "idNumber": number, "mobile": "13900139000"}
    payload.update(values)
    result = await client.execute(CHANGE_PERSON_INFO, {"input": payload})
    return result.data["changePersonInfo"]


async def test_change_mobile_and_address_approved(unit, operator, reviewer, http):
    number = ssn()
    await insure(unit, number)
    uploaded = await upload_form(operator)
    assert uploaded["errors"] == []
    material_id = uploaded["material"]["id"]

    submitted = await change(
        operator,
        number,
        mobile="13700137000",
        address="温州市鹿城区新城大道8号",
        materialIds=[material_id],
    )
    assert submitted["errors"] == []
    declaration = submitted["declaration"]
    assert declaration["kind"] == "PERSON_CHANGE"
    assert [m["kind"] for m in declaration["materials"]] == ["CHANGE_FORM"]

    pending = await reviewer.execute(PENDING)
    item = pending.data["declarations"]["items"][0]
    changes = {c["field"]: (c["before"], c["after"]) for c in item["changes"]}
    assert changes["address"] == ("", "温州市鹿城区新城大道8号")
    assert changes["mobile"] == ("139****9000", "137****7000")
    link = item["materials"][0]["downloadUrl"]
    response = await http.get(link)
    assert response.status_code == 200
    assert response.content == PDF

    reviewed = await review(reviewer, declaration["id"])
    assert reviewed["errors"] == []
    roster = await operator.execute(PERSONS, {"full": True})
    person = roster.data["persons"]["items"][0]
    assert person["mobile"] == "13700137000"
    history = await PersonHistory.get(declaration_id=int(declaration["id"]))
    assert history.before == {"mobile": "13900139000", "address": ""}


async def test_change_without_form_names_material(unit, operator):
    number = ssn()
    await insure(unit, number)
    payload = await change(operator, number, mobile="13700137000")
    assert error_pairs(payload) == [("materials", "MATERIAL_REQUIRED")]
    assert "社会保险参保信息变更登记表" in payload["errors"][0]["message"]


async def test_change_id_number_keeps_person(unit, operator, reviewer):
    number = ssn()
    new_number = ssn(sequence=7)
    person = await insure(unit, number)
    uploaded = await upload_form(operator)
    submitted = await change(
        operator,
        number,
        idNumber=new_number,
        materialIds=[uploaded["material"]["id"]],
        mobile="13900139000",
    )
    assert submitted["errors"] == []
    fields = [c["field"] for c in submitted["declaration"]["changes"]]
    assert "ssn" in fields
    reviewed = await review(reviewer, submitted["declaration"]["id"])
    assert reviewed["errors"] == []
    changed = await Person.get(id=person.id)
    assert changed.ssn == new_number


async def test_change_rejects_invalid_id_number(unit, operator):
    number = ssn()
    await insure(unit, number)
    uploaded = await upload_form(operator)
    payload = await change(
        operator,
        number,
        idNumber=number[:17] + ("0" if number[17] != "0" else "1"),
        materialIds=[uploaded["material"]["id"]],
    )
    assert error_pairs(payload) == [("idNumber", "INVALID_CHECK_CHARACTER")]


async def test_upload_rejects_word_document(unit, operator):
    payload = await upload_form(operator, docx_bytes(), "表.docx")
    assert error_pairs(payload) == [("file", "INVALID_FILE_TYPE")]


async def test_material_download_refused_to_other_unit(
    unit, operator, other_legalrep, http
):
    uploaded = await upload_form(operator)
    assert uploaded["errors"] == []
    link = uploaded["material"]["downloadUrl"]
    assert (await http.get(link)).status_code == 200
    other_upload = await upload_form(other_legalrep)
    mine = other_upload["material"]["id"]
    payload = await change(
        other_legalrep, ssn(), materialIds=[uploaded["material"]["id"]]
    )
    assert ("materialIds.0", "NOT_FOUND") in error_pairs(payload)
    assert mine != uploaded["material"]["id"]


@pytest.mark.parametrize(
    ("birth", "gender", "code"),
    [
        # Born 2015: 11 years old at the 2026-03-01 enrollment.
        (date(2015, 1, 1), Gender.FEMALE, "UNDER_MINIMUM_AGE"),
        # A woman born 1950 reached 50 in 2000; a regular employee may not be.
        (date(1950, 1, 1), Gender.FEMALE, "OVER_RETIREMENT_AGE"),
    ],
)
async def test_new_id_number_must_fit_enrollment_age_rules(
    unit, operator, birth, gender, code
):
    number = ssn()
    await insure(unit, number)
    uploaded = await upload_form(operator)
    payload = await change(
        operator,
        number,
        idNumber=ssn(birth=birth, sequence=7, gender=gender),
        materialIds=[uploaded["material"]["id"]],
    )
    assert error_pairs(payload) == [("idNumber", code)]
    assert "按新证件号码" in payload["errors"][0]["message"]
