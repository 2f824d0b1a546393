"""The main job end to end over HTTP, on the demo data: enroll, approve,
suspend, re-enroll, and the roster and personnel changes after each step."""

from datetime import date

from graph.demo.data import DEMO_PASSWORD, load_demo
from tests.documents import (
    ENROLL_PERSON,
    PERSONNEL_CHANGES,
    PERSONS,
    REVIEW_DECLARATION,
    SUSPEND_PERSON,
    enroll_input,
    ssn,
)


async def test_demo_tour(anonymous):
    assert await load_demo()
    legalrep = await anonymous.login("legalrep", DEMO_PASSWORD)
    reviewer = await anonymous.login("reviewer", DEMO_PASSWORD)

    roster = (await legalrep.execute(PERSONS, {"pageSize": 100})).data["persons"]
    assert roster["totalCount"] == 200
    assert len(roster["items"]) == 100

    new_ssn = ssn(sequence=42)
    enrolled = (
        await legalrep.execute(
            ENROLL_PERSON,
            {"input": enroll_input(ssn=new_ssn, name="新员工", declaredWage="9000")},
        )
    ).data["enrollPerson"]
    assert enrolled["errors"] == []
    assert enrolled["preview"]["reenrollment"] is False
    types = [r["insuranceType"] for r in enrolled["preview"]["records"]]
    assert types == ["PENSION", "UNEMPLOYMENT", "WORK_INJURY"]

    approved = (
        await reviewer.execute(
            REVIEW_DECLARATION,
            {"id": enrolled["declaration"]["id"], "approve": True, "comment": "同意"},
        )
    ).data["reviewDeclaration"]
    assert approved["errors"] == []
    assert approved["declaration"]["status"] == "APPROVED"

    found = (
        await legalrep.execute(PERSONS, {"filter": {"ssn": new_ssn}, "full": True})
    ).data["persons"]
    assert found["totalCount"] == 1
    person = found["items"][0]
    assert person["ssn"] == new_ssn
    assert {r["insuranceType"] for r in person["records"]} == {
        "PENSION",
        "UNEMPLOYMENT",
        "WORK_INJURY",
    }
    assert {r["base"] for r in person["records"]} == {"9000.00"}
    after_enroll = (await legalrep.execute(PERSONS, {})).data["persons"]
    assert after_enroll["totalCount"] == 201

    increases = (
        await legalrep.execute(
            PERSONNEL_CHANGES,
            {
                "kind": "INCREASE",
                "from": "2026-03-01",
                "to": "2026-03-31",
                "ssn": new_ssn,
            },
        )
    ).data["personnelChanges"]
    assert increases["totalCount"] == 1
    assert increases["items"][0]["base"] == "9000.00"
    assert increases["items"][0]["insuranceTypes"] == [
        "PENSION",
        "UNEMPLOYMENT",
        "WORK_INJURY",
    ]

    suspended = (
        await legalrep.execute(
            SUSPEND_PERSON,
            {
                "input": {
                    "ssn": new_ssn,
                    "reason": "RESIGNATION",
                    "suspendDate": "2026-06-30",
                    "remark": "",
                }
            },
        )
    ).data["suspendPerson"]
    assert suspended["errors"] == []
    review = await reviewer.execute(
        REVIEW_DECLARATION,
        {"id": suspended["declaration"]["id"], "approve": True, "comment": ""},
    )
    assert review.data["reviewDeclaration"]["errors"] == []

    suspensions = (
        await legalrep.execute(
            PERSONNEL_CHANGES,
            {
                "kind": "SUSPENSION",
                "from": "2026-06-01",
                "to": "2026-06-30",
                "ssn": new_ssn,
            },
        )
    ).data["personnelChanges"]
    assert suspensions["totalCount"] == 1
    assert suspensions["items"][0]["suspensionReason"] == "RESIGNATION"

    reenrolled = (
        await legalrep.execute(
            ENROLL_PERSON,
            {
                "input": enroll_input(
                    ssn=new_ssn, name="新员工", enrollDate="2026-09-01"
                )
            },
        )
    ).data["enrollPerson"]
    assert reenrolled["errors"] == []
    assert reenrolled["preview"]["reenrollment"] is True
    assert reenrolled["declaration"]["kind"] == "REENROLLMENT"
    assert reenrolled["preview"]["records"][0]["firstEnrollMonth"] == "202603"
    review = await reviewer.execute(
        REVIEW_DECLARATION,
        {"id": reenrolled["declaration"]["id"], "approve": True, "comment": ""},
    )
    assert review.data["reviewDeclaration"]["errors"] == []

    person = (await legalrep.execute(PERSONS, {"filter": {"ssn": new_ssn}})).data[
        "persons"
    ]["items"][0]
    assert {r["status"] for r in person["records"]} == {"ACTIVE"}
    assert {r["enrollDate"] for r in person["records"]} == {"2026-09-01"}


async def test_demo_rejections_name_the_field(anonymous):
    assert await load_demo()
    legalrep = await anonymous.login("legalrep", DEMO_PASSWORD)

    valid = ssn(sequence=43)
    wrong_check = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    result = (
        await legalrep.execute(ENROLL_PERSON, {"input": enroll_input(ssn=wrong_check)})
    ).data["enrollPerson"]
    assert result["declaration"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("ssn", "INVALID_CHECK_CHARACTER")
    ]

    retired = ssn(birth=date(1955, 6, 1), sequence=44)
    result = (
        await legalrep.execute(
            ENROLL_PERSON, {"input": enroll_input(ssn=retired, identity="REGULAR")}
        )
    ).data["enrollPerson"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("identity", "OVER_RETIREMENT_AGE")
    ]

    roster = (await legalrep.execute(PERSONS, {"full": True})).data["persons"]
    active = next(
        p for p in roster["items"] if all(r["status"] == "ACTIVE" for r in p["records"])
    )
    result = (
        await legalrep.execute(
            ENROLL_PERSON,
            {"input": enroll_input(ssn=active["ssn"], name=active["name"])},
        )
    ).data["enrollPerson"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("ssn", "ALREADY_ACTIVE_IN_UNIT")
    ]
