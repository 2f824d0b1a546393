"""Walk the README's tour against a running demo server and print each step.

Usage: .venv/bin/python scripts/tour.py [--url http://127.0.0.1:8000/graphql]

Enrolls a synthetic employee as ``legalrep``, approves as ``reviewer``,
reads the roster and the personnel changes, suspends, re-enrolls, and shows
three rejected inputs. Exits non-zero when a step does not give the expected
result. Run it on a fresh demo database: a second run finds the employee
already enrolled.
"""

import argparse
import sys
from datetime import date

import httpx

from graph.person.resident_id import Gender, make_resident_id

PASSWORD = "demo123456"
LOGIN = """mutation($u: String!, $p: String!) { login(username: $u, password: $p)
  { token errors { field code message } } }"""
ENROLL = """mutation($input: EnrollPersonInput!) { enrollPerson(input: $input) {
  declaration { id kind } preview { reenrollment records { insuranceType base } }
  errors { field code message } } }"""
SUSPEND = """mutation($input: SuspendPersonInput!) { suspendPerson(input: $input) {
  declaration { id } insuranceTypes errors { field code message } } }"""
REVIEW = """mutation($id: ID!) { reviewDeclaration(id: $id, approve: true,
  comment: "同意") { declaration { status } errors { field code message } } }"""
ROSTER = """query($ssn: String) { persons(filter: { ssn: $ssn }, fullValues: true) {
  totalCount items { name records { insuranceType status base enrollDate } } } }"""
CHANGES = """query($kind: PersonnelChangeKind!, $from: Date!, $to: Date!,
  $ssn: String) { personnelChanges(kind: $kind, from: $from, to: $to, ssn: $ssn) {
  totalCount items { businessMonth name insuranceTypes base } } }"""


class TourFailed(Exception):
    pass


class Api:
    def __init__(self, url: str, token: str | None = None) -> None:
        self.url = url
        self.token = token

    def run(self, query: str, **variables) -> dict:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = httpx.post(
            self.url, json={"query": query, "variables": variables}, headers=headers
        )
        body = response.json()
        if "errors" in body:
            raise TourFailed(f"GraphQL errors: {body['errors']}")
        return body["data"]

    def login(self, username: str) -> "Api":
        payload = self.run(LOGIN, u=username, p=PASSWORD)["login"]
        if payload["errors"]:
            raise TourFailed(f"login {username} failed: {payload['errors']}")
        return Api(self.url, payload["token"])


def step(title: str, value: object) -> None:
    print(f"- {title}: {value}")


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise TourFailed(message)


def approve(reviewer: Api, declaration_id: str) -> None:
    result = reviewer.run(REVIEW, id=declaration_id)["reviewDeclaration"]
    expect(result["errors"] == [], f"approval failed: {result['errors']}")
    step(f"reviewer approves declaration {declaration_id}", "APPROVED")


def tour(url: str) -> None:
    anonymous = Api(url)
    legalrep = anonymous.login("legalrep")
    reviewer = anonymous.login("reviewer")
    ssn = make_resident_id("330302", date(1992, 7, 8), 18, Gender.FEMALE)
    person = {
        "ssn": ssn,
        "name": "王小红",
        "mobile": "13900001111",
        "address": "温州市鹿城区学院路8号",
        "enrollDate": "2026-11-01",
        "identity": "REGULAR",
        "declaredWage": "3000",
    }

    total = legalrep.run(ROSTER, ssn=None)["persons"]["totalCount"]
    step("roster before", f"{total} persons")

    enrolled = legalrep.run(ENROLL, input=person)["enrollPerson"]
    expect(enrolled["errors"] == [], f"enrollment rejected: {enrolled['errors']}")
    step("enroll 王小红", enrolled["preview"]["records"])
    approve(reviewer, enrolled["declaration"]["id"])

    found = legalrep.run(ROSTER, ssn=ssn)["persons"]
    expect(found["totalCount"] == 1, "the new employee is not on the roster")
    step("roster after", found["items"][0])
    changes = legalrep.run(
        CHANGES, kind="INCREASE", **{"from": "2026-11-01"}, to="2026-11-30", ssn=ssn
    )["personnelChanges"]
    expect(changes["totalCount"] == 1, "personnel changes miss the increase")
    step("personnel changes (人员新增)", changes["items"])

    suspension = {"ssn": ssn, "reason": "RESIGNATION", "suspendDate": "2026-11-20"}
    suspended = legalrep.run(SUSPEND, input=suspension)["suspendPerson"]
    expect(suspended["errors"] == [], f"suspension rejected: {suspended['errors']}")
    step("suspend", suspended["insuranceTypes"])
    approve(reviewer, suspended["declaration"]["id"])

    again = legalrep.run(ENROLL, input={**person, "enrollDate": "2026-11-25"})
    again = again["enrollPerson"]
    expect(again["errors"] == [], f"re-enrollment rejected: {again['errors']}")
    expect(again["preview"]["reenrollment"], "re-enrollment not detected")
    step("re-enroll", again["declaration"]["kind"])
    approve(reviewer, again["declaration"]["id"])

    rejected = [
        ({**person, "ssn": ssn[:-1] + ("0" if ssn[-1] != "0" else "1")}, "ssn"),
        (
            {
                **person,
                "ssn": make_resident_id("330304", date(1956, 4, 2), 5, Gender.MALE),
                "name": "老张",
            },
            "identity",
        ),
        (person, "ssn"),
    ]
    for candidate, field in rejected:
        errors = legalrep.run(ENROLL, input=candidate)["enrollPerson"]["errors"]
        expect([e["field"] for e in errors] == [field], f"expected {field}: {errors}")
        step(f"rejected on {field}", f"{errors[0]['code']}: {errors[0]['message']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    args = parser.parse_args()
    try:
        tour(args.url)
    except TourFailed as failure:
        print(f"tour failed: {failure}", file=sys.stderr)
        sys.exit(1)
    print("tour completed")


if __name__ == "__main__":
    main()
