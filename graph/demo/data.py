"""Demo data: the Wenzhou regions, sample policy parameters, one unit with
synthetic employees (made-up but valid ID numbers) and three accounts.

Loaded only into an empty database, by ``python -m graph serve --demo``.
"""

import logging
import random
from datetime import date, timedelta
from decimal import Decimal

from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.account.models import Account, ReviewerRegion, UnitMembership
from graph.account.passwords import hash_password
from graph.account.roles import AccountKind, MembershipRole
from graph.authz.codes import AuthorizationScope, CredentialKind, GrantStatus
from graph.authz.models import Grant, Licence
from graph.contribution.rules import months_between
from graph.contribution.settlement import generate_settlement, record_payment
from graph.core.clock import today
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.models import Declaration
from graph.insurance.codes import (
    EmploymentForm,
    InsuranceStatus,
    InsuredIdentity,
    SuspensionReason,
)
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import clamp_base, insurance_types_for, month_of
from graph.person.models import Person
from graph.person.resident_id import Gender, make_resident_id
from graph.person.retirement import default_base_age
from graph.policy.service import parameters_on
from graph.region.loader import load_policy_parameters, load_regions
from graph.region.models import Region
from graph.unit.credit_code import make_credit_code
from graph.unit.models import Unit

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "demo123456"
DEMO_PIN = "112233"
DEMO_UNIT_REGION = "330302"
DEFAULT_EMPLOYEES = 200
# Months settled and paid in the demo, ending last month. Larger demos, made
# for benchmarks, skip them: their lines would take minutes to write.
SETTLED_MONTHS = 24
MAX_SETTLED_EMPLOYEES = 2000

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹彭曾"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志伟海燕"
_STREETS = ["人民路", "府前街", "学院路", "车站大道", "瓯江路", "锦绣路", "飞霞南路"]
_BIRTH_REGIONS = ["330302", "330303", "330304", "330324", "330381", "330382"]


async def is_empty() -> bool:
    return not await Account.exists() and not await Unit.exists()


async def load_demo(employees: int = DEFAULT_EMPLOYEES, seed: int = 20240101) -> bool:
    """Load the demo into an empty database; return False if it was not empty."""
    if not await is_empty():
        logger.info("demo.skipped reason=database_not_empty")
        return False

    await load_regions()
    await load_policy_parameters()
    async with in_transaction():
        unit = await _create_unit()
        accounts = await _create_accounts(unit)
        await _create_employees(unit, accounts["legalrep"], employees, seed)
    if employees <= MAX_SETTLED_EMPLOYEES:
        await _settle_months(unit, accounts["legalrep"])
    logger.info("demo.loaded unit_id=%s employees=%s", unit.id, employees)
    return True


async def _settle_months(unit: Unit, legalrep: Account) -> None:
    """Generate and pay the last months, so the payment queries show figures."""
    actor = Actor(
        account_id=legalrep.id,
        username=legalrep.username,
        display_name=legalrep.display_name,
        kind=legalrep.kind,
        session_id="demo",
        unit_id=unit.id,
        unit_region_code=unit.region_id,
        role=MembershipRole.LEGAL_REPRESENTATIVE,
    )
    current = today()
    last = month_of(current.replace(day=1) - timedelta(days=1))
    first_year, first_number = int(last[:4]) - 2, int(last[4:]) + 1
    if first_number > 12:
        first_year, first_number = first_year + 1, 1
    for month in months_between(f"{first_year:04d}{first_number:02d}", last):
        await generate_settlement(actor, unit, month, current)
        await record_payment(actor, unit, month, None, f"DEMO-{month}")


async def _create_unit() -> Unit:
    return await Unit.create(
        number="33030200001",
        credit_code=make_credit_code("91330302MA2J7KQ15"),
        name="温州瓯越示范科技有限公司",
        nature="企业",
        region_id=DEMO_UNIT_REGION,
        risk_class=2,
        rate_grade=1,
        legal_representative="陈建国",
        contact_name="林晓燕",
        contact_phone="0577-88001234",
        contact_mobile="13957700001",
        contact_id_type="居民身份证",
        contact_id_number=make_resident_id(
            "330302", date(1988, 5, 12), 3, Gender.FEMALE
        ),
        email="hr@example.com",
        postcode="325000",
        address="温州市鹿城区人民路1号",
        bank_code="102333000019",
        bank_name="中国工商银行温州分行",
        bank_kind="中国工商银行",
        bank_account="1203201009000012345",
        bank_account_name="温州瓯越示范科技有限公司",
    )


async def _create_accounts(unit: Unit) -> dict[str, Account]:
    password_hash = hash_password(DEMO_PASSWORD)
    legalrep = await Account.create(
        username="legalrep",
        password_hash=password_hash,
        display_name="陈建国",
        id_number=make_resident_id("330302", date(1975, 9, 20), 7, Gender.MALE),
        mobile="13957700009",
        kind=AccountKind.UNIT_STAFF,
    )
    operator = await Account.create(
        username="operator",
        password_hash=password_hash,
        display_name="林晓燕",
        id_number=make_resident_id("330302", date(1988, 5, 12), 3, Gender.FEMALE),
        mobile="13957700001",
        kind=AccountKind.UNIT_STAFF,
    )
    reviewer = await Account.create(
        username="reviewer",
        password_hash=password_hash,
        display_name="周审核",
        kind=AccountKind.REVIEWER,
    )
    await UnitMembership.create(
        account=legalrep, unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE
    )
    await UnitMembership.create(
        account=operator, unit=unit, role=MembershipRole.OPERATOR
    )
    await Grant.create(
        unit=unit,
        grantee=operator,
        grantee_name=operator.display_name,
        grantee_id_number=operator.id_number,
        grantee_mobile=operator.mobile,
        scope=AuthorizationScope.FULL,
        valid_from=date(2024, 1, 1),
        valid_to=date(2028, 12, 31),
        status=GrantStatus.ACTIVE,
        granted_by=legalrep,
    )
    pin_hash = hash_password(DEMO_PIN)
    for kind in CredentialKind:
        await Licence.create(unit=unit, kind=kind, holder=legalrep, pin_hash=pin_hash)
    operator.pin_hash = pin_hash
    await operator.save()
    regions = await Region.filter(city_code="330300")
    await ReviewerRegion.bulk_create(
        [ReviewerRegion(account=reviewer, region=region) for region in regions]
    )
    return {"legalrep": legalrep, "operator": operator, "reviewer": reviewer}


def _synthetic_people(count: int, seed: int) -> list[dict]:
    """Make ``count`` distinct people; the same seed gives the same people."""
    generator = random.Random(seed)
    people = []
    used = set()
    while len(people) < count:
        index = len(people)
        gender = Gender.MALE if generator.random() < 0.55 else Gender.FEMALE
        over_age = index % 67 == 5
        part_time = index % 23 == 7
        if over_age:
            birth = date(generator.randint(1952, 1958), 1, 1)
        else:
            birth = date(generator.randint(1978, 2003), 1, 1)
        birth += timedelta(days=generator.randint(0, 364))
        number = make_resident_id(
            generator.choice(_BIRTH_REGIONS), birth, generator.randint(0, 99), gender
        )
        if number in used:
            continue
        used.add(number)
        name = generator.choice(_SURNAMES) + "".join(
            generator.choice(_GIVEN) for _ in range(generator.randint(1, 2))
        )
        enroll = date(2023, 1, 1) + timedelta(days=generator.randint(0, 1400))
        identity = InsuredIdentity.REGULAR
        if over_age:
            identity = InsuredIdentity.OVER_AGE
        elif part_time:
            identity = InsuredIdentity.PART_TIME
        people.append(
            {
                "ssn": number,
                "name": name,
                "gender": gender,
                "birth": birth,
                "enroll": enroll,
                "identity": identity,
                "wage": Decimal(generator.randrange(3800, 32000, 50)),
                "mobile": f"13{generator.randint(500000000, 999999999)}",
                "address": f"温州市鹿城区{generator.choice(_STREETS)}"
                f"{generator.randint(1, 300)}号",
                "suspended": index % 17 == 3,
            }
        )
    return people


async def _create_employees(
    unit: Unit, submitter: Account, count: int, seed: int
) -> None:
    people = _synthetic_people(count, seed)
    await Person.bulk_create(
        [
            Person(
                ssn=p["ssn"],
                name=p["name"],
                gender=p["gender"],
                birth_date=p["birth"],
                mobile=p["mobile"],
                address=p["address"],
            )
            for p in people
        ],
        batch_size=1000,
    )
    ids = dict(
        await Person.filter(ssn__in=[p["ssn"] for p in people]).values_list("ssn", "id")
    )

    records = []
    declarations = []
    parameter_cache: dict = {}
    for person in people:
        types = insurance_types_for(person["identity"])
        key = (person["enroll"].year, types)
        if key not in parameter_cache:
            parameter_cache[key] = await parameters_on(
                unit.region_id, types, person["enroll"]
            )
        parameters = parameter_cache[key]
        retirement_age = default_base_age(person["gender"])
        suspend_date = None
        if person["suspended"]:
            suspend_date = min(
                person["enroll"] + timedelta(days=200), date(2026, 10, 31)
            )
        planned = []
        for insurance_type in types:
            limits = parameters[insurance_type]
            base = clamp_base(person["wage"], limits.base_floor, limits.base_ceiling)
            records.append(
                InsuranceRecord(
                    person_id=ids[person["ssn"]],
                    unit_id=unit.id,
                    insurance_type=insurance_type,
                    status=(
                        InsuranceStatus.SUSPENDED
                        if suspend_date
                        else InsuranceStatus.ACTIVE
                    ),
                    enroll_date=person["enroll"],
                    first_enroll_month=month_of(person["enroll"]),
                    base=base.base,
                    rate_grade=unit.rate_grade,
                    identity=person["identity"],
                    retirement_age=retirement_age,
                    employment_form=EmploymentForm.CONTRACT,
                    suspension_reason=(
                        SuspensionReason.RESIGNATION if suspend_date else None
                    ),
                    suspend_date=suspend_date,
                )
            )
            planned.append(
                {
                    "insurance_type": insurance_type.value,
                    "region_code": unit.region_id,
                    "base": str(base.base),
                    "base_floor": str(limits.base_floor),
                    "base_ceiling": str(limits.base_ceiling),
                    "base_adjustment": (
                        base.adjustment.value if base.adjustment else None
                    ),
                    "rate_grade": unit.rate_grade,
                    "first_enroll_month": month_of(person["enroll"]),
                    "parameters_are_samples": limits.is_sample,
                }
            )
        declarations.append(
            _approved_declaration(unit, submitter, person, ids, types, planned)
        )
        if suspend_date:
            declarations.append(
                _approved_suspension(
                    unit, submitter, person, ids, types, planned, suspend_date
                )
            )
    await InsuranceRecord.bulk_create(records, batch_size=1000)
    await Declaration.bulk_create(declarations, batch_size=1000)


def _approved_declaration(unit, submitter, person, ids, types, planned) -> Declaration:
    return Declaration(
        kind=DeclarationKind.ENROLLMENT,
        status=DeclarationStatus.APPROVED,
        unit_id=unit.id,
        region_id=unit.region_id,
        person_id=ids[person["ssn"]],
        ssn=person["ssn"],
        person_name=person["name"],
        business_date=person["enroll"],
        settlement_month=month_of(person["enroll"]),
        insurance_types=",".join(t.value for t in types),
        identity=person["identity"].value,
        data={
            "ssn": person["ssn"],
            "name": person["name"],
            "gender": person["gender"].value,
            "birthDate": person["birth"].isoformat(),
            "mobile": person["mobile"],
            "phone": "",
            "email": "",
            "postcode": "",
            "address": person["address"],
            "enrollDate": person["enroll"].isoformat(),
            "identity": person["identity"].value,
            "declaredWage": str(person["wage"]),
            "jobType": "",
            "retirementAge": default_base_age(person["gender"]),
            "employmentForm": EmploymentForm.CONTRACT.value,
            "reenrollment": False,
            "records": planned,
        },
        submitted_by_id=submitter.id,
        submitted_as=MembershipRole.LEGAL_REPRESENTATIVE.value,
        review_comment="演示数据",
    )


def _approved_suspension(
    unit, submitter, person, ids, types, planned, suspend_date
) -> Declaration:
    return Declaration(
        kind=DeclarationKind.SUSPENSION,
        status=DeclarationStatus.APPROVED,
        unit_id=unit.id,
        region_id=unit.region_id,
        person_id=ids[person["ssn"]],
        ssn=person["ssn"],
        person_name=person["name"],
        business_date=suspend_date,
        settlement_month=month_of(suspend_date),
        insurance_types=",".join(t.value for t in types),
        identity=person["identity"].value,
        data={
            "ssn": person["ssn"],
            "name": person["name"],
            "gender": person["gender"].value,
            "reason": SuspensionReason.RESIGNATION.value,
            "suspendDate": suspend_date.isoformat(),
            "remark": "",
            "records": [
                {
                    "insurance_type": r["insurance_type"],
                    "base": r["base"],
                    "enroll_date": person["enroll"].isoformat(),
                }
                for r in planned
            ],
        },
        submitted_by_id=submitter.id,
        submitted_as=MembershipRole.LEGAL_REPRESENTATIVE.value,
        review_comment="演示数据",
    )
