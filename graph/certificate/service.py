"""Insurance certificates (参保证明, unit format): issue and public verification.

A certificate lists chosen persons of the unit with, per insurance type in
the unit, the first enrollment month, the months paid (distinct months with
a paid and not refunded contribution line, in any unit) and the current
status. The PDF and its content are kept, and the printed code finds them.
"""

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import date

from graph.account.actor import Actor
from graph.audit import service as audit
from graph.certificate import codes
from graph.certificate.models import Certificate
from graph.certificate.pdf import render_certificate
from graph.contribution.models import ContributionLine
from graph.core.clock import today
from graph.core.errors import FieldProblem, ValidationFailed
from graph.core.masking import mask_resident_id
from graph.core.text import normalize_code
from graph.insurance.codes import InsuranceStatus, InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.person.models import could_be_ssn
from graph.settings import get_settings
from graph.unit.models import Unit

logger = logging.getLogger(__name__)

MAX_PERSONS = 500
VERIFY_PATH = "/verify/"


def verification_url(code: str, request_base_url: str) -> str:
    """Return the public address that verifies ``code``.

    ``PUBLIC_BASE_URL`` wins. Without it the address the request came in on
    is used, so a server on another port still prints a working QR code.
    """
    base = get_settings().public_base_url or request_base_url.rstrip("/")
    return f"{base}{VERIFY_PATH}?code={code}"


async def certificate_rows(unit: Unit, ssns: list[str]) -> list[dict]:
    """Return one row per person of the unit, all of them when ``ssns`` is empty."""
    requested = [normalize_code(number) for number in ssns]
    query = InsuranceRecord.filter(unit_id=unit.id).select_related("person")
    if requested:
        query = query.filter(person__ssn__in=[n for n in requested if could_be_ssn(n)])
    records = await query.order_by("person__name", "person_id", "insurance_type")
    found = {record.person.ssn for record in records}
    missing = [number for number in dict.fromkeys(requested) if number not in found]
    if missing:
        raise ValidationFailed(
            [
                FieldProblem(
                    "ssns",
                    "NOT_INSURED_IN_UNIT",
                    f"社会保障号码{'、'.join(missing[:5])}在本单位没有参保记录",
                )
            ]
        )
    person_ids = sorted({record.person_id for record in records})
    if len(person_ids) > MAX_PERSONS:
        raise ValidationFailed(
            [
                FieldProblem(
                    "ssns",
                    "LIMIT_REACHED",
                    f"一份参保证明最多{MAX_PERSONS}人，实际为{len(person_ids)}人，"
                    "请分批打印",
                )
            ]
        )
    paid = await (
        ContributionLine.filter(person_id__in=person_ids, paid=True, refunded=False)
        .distinct()
        .values_list("person_id", "insurance_type", "month")
    )
    months: dict[tuple[int, str], set[str]] = {}
    for person_id, insurance_type, month in paid:
        months.setdefault((person_id, insurance_type), set()).add(month)

    rows: dict[int, dict] = {}
    for record in records:
        person = record.person
        row = rows.setdefault(
            person.id, {"name": person.name, "ssn": person.ssn, "types": []}
        )
        insurance_type = InsuranceType(record.insurance_type)
        row["types"].append(
            {
                "insuranceType": insurance_type.value,
                "firstEnrollMonth": record.first_enroll_month,
                "monthsPaid": len(months.get((person.id, insurance_type.value), ())),
                "status": InsuranceStatus(record.status).value,
            }
        )
    return list(rows.values())


@dataclass(frozen=True)
class IssuedCertificate:
    certificate: Certificate
    person_count: int


async def issue_certificate(
    actor: Actor, ssns: list[str], request_base_url: str
) -> IssuedCertificate:
    """Build the PDF for the chosen persons, store it and record the code."""
    unit = await Unit.get(id=actor.unit_id)
    rows = await certificate_rows(unit, ssns)

    issued_on = today()
    code = codes.new_code()
    data = {
        "unitName": unit.name,
        "creditCode": unit.credit_code,
        "persons": rows,
    }
    root = get_settings().upload_dir
    folder = root / "certificates" / issued_on.strftime("%Y%m")
    path = folder / f"{uuid.uuid4().hex}.pdf"
    await asyncio.to_thread(
        _write_pdf,
        path,
        data,
        issued_on,
        code,
        verification_url(code, request_base_url),
    )
    certificate = await Certificate.create(
        code=codes.normalize(code),
        unit_id=unit.id,
        issued_by_id=actor.account_id,
        issued_on=issued_on,
        data=data,
        stored_path=str(path.relative_to(root)),
    )

    await audit.record(
        "certificate.issued",
        actor=actor,
        target_type="certificate",
        target_id=certificate.id,
        detail={"persons": len(rows)},
    )
    logger.info(
        "certificate.issued certificate_id=%s unit_id=%s persons=%s",
        certificate.id,
        unit.id,
        len(rows),
    )
    return IssuedCertificate(certificate=certificate, person_count=len(rows))


def _write_pdf(path, data: dict, issued_on: date, code: str, url: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_certificate(data, issued_on, code, url))


def mask_name(name: str) -> str:
    """Keep the first character of a name: 张三丰 becomes 张**."""
    return name[:1] + "*" * (len(name) - 1) if name else ""


@dataclass(frozen=True)
class Verification:
    """Result of a public code check: validity, a message and the certificate."""

    valid: bool
    message: str
    certificate: Certificate | None = None


async def verify_code(raw: str) -> Verification:
    compact = codes.normalize(raw or "")
    if not codes.is_genuine(compact):
        return Verification(
            valid=False,
            message=f"验证码“{raw.strip()[:40]}”无效：不是本系统出具的参保证明验证码，"
            "请核对后重新输入",
        )
    certificate = await Certificate.get_or_none(code=compact)
    if certificate is None:
        return Verification(
            valid=False,
            message=f"验证码{codes.format_code(compact)}未查到参保证明，"
            "证明可能不是本系统出具的，请向出具单位核实",
        )
    return Verification(
        valid=True,
        message=f"验证码{codes.format_code(compact)}对应的参保证明真实有效",
        certificate=certificate,
    )


def masked_persons(certificate: Certificate) -> list[dict]:
    return [
        {
            "name": mask_name(row["name"]),
            "ssn": mask_resident_id(row["ssn"]),
            "types": row["types"],
        }
        for row in certificate.data["persons"]
    ]
