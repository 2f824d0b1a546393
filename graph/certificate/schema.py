"""GraphQL fields of insurance certificates: issue (unit) and verify (public)."""

import logging
from datetime import date
from typing import Annotated, Any

import strawberry

from graph.account.actor import Actor
from graph.authz.codes import BusinessType
from graph.certificate.codes import format_code
from graph.certificate.models import Certificate
from graph.certificate.service import (
    issue_certificate,
    masked_persons,
    verify_code,
)
from graph.core.api_errors import ApiError, BadUserInput, Forbidden
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.limits import counters
from graph.core.permissions import may_handle
from graph.files.links import download_url
from graph.files.responses import StoredFile
from graph.insurance import codes as insurance_codes
from graph.insurance.enums import InsuranceStatus, InsuranceType
from graph.settings import get_settings

logger = logging.getLogger(__name__)

PURPOSE = "certificate"
VERIFICATIONS_PER_MINUTE = 10


class RateLimited(ApiError):
    code = "RATE_LIMITED"


@strawberry.type(description="参保证明 (issued certificate)")
class CertificateFile:
    url: str = strawberry.field(
        description="下载链接 (signed link to the PDF, valid for 15 minutes)"
    )
    code: str = strawberry.field(description="验证码 (verification code)")
    person_count: int = strawberry.field(description="人数 (persons listed)")


@strawberry.type(description="参保证明中的险种 (one insurance type, as printed)")
class CertificateInsurance:
    insurance_type: InsuranceType = strawberry.field(description="险种 (type)")
    insurance_type_label: str = strawberry.field(description="险种名称 (type label)")
    first_enroll_month: str = strawberry.field(
        description="首次参保年月 (first enrollment month, YYYYMM)"
    )
    months_paid: int = strawberry.field(description="缴费月数 (months paid)")
    status: InsuranceStatus = strawberry.field(description="参保状态 (status)")


@strawberry.type(description="参保证明中的人员 (one person, masked)")
class CertificatePerson:
    name: str = strawberry.field(description="姓名 (name, first character only)")
    ssn: str = strawberry.field(description="社会保障号码 (masked SSN)")
    insurances: list[CertificateInsurance] = strawberry.field(
        description="参保险种 (insurance types)"
    )


@strawberry.type(description="参保证明查验结果 (certificate verification)")
class CertificateVerification:
    valid: bool = strawberry.field(description="是否有效 (issued by this system)")
    message: str = strawberry.field(description="查验结果 (result in Chinese)")
    unit_name: str | None = strawberry.field(description="单位名称 (unit name)")
    issued_on: date | None = strawberry.field(description="出具日期 (issue date)")
    persons: list[CertificatePerson] = strawberry.field(
        description="人员 (persons with masked name and SSN)"
    )


def _persons(certificate) -> list[CertificatePerson]:
    return [
        CertificatePerson(
            name=row["name"],
            ssn=row["ssn"],
            insurances=[
                CertificateInsurance(
                    insurance_type=insurance_codes.InsuranceType(t["insuranceType"]),
                    insurance_type_label=insurance_codes.InsuranceType(
                        t["insuranceType"]
                    ).label,
                    first_enroll_month=t["firstEnrollMonth"],
                    months_paid=t["monthsPaid"],
                    status=insurance_codes.InsuranceStatus(t["status"]),
                )
                for t in row["types"]
            ],
        )
        for row in masked_persons(certificate)
    ]


@strawberry.type
class CertificateQuery:
    @strawberry.field(
        description="参保证明查验 (verify a certificate's code; public, no login, "
        "at most 10 requests a minute per client address; shows masked data)"
    )
    async def verify_certificate(
        self,
        info: Info,
        code: Annotated[str, strawberry.argument(description="验证码 (code)")],
    ) -> CertificateVerification:
        address = info.context.client_address
        # Counted in Redis when REDIS_URL is set, so the limit applies across
        # server processes.
        checks = await counters().hit(f"certificate-verify:{address}", 60)
        if checks > VERIFICATIONS_PER_MINUTE:
            logger.warning("certificate.verify_rate_limited client=%s", address)
            raise RateLimited(
                f"查验过于频繁：每个地址每分钟最多查验{VERIFICATIONS_PER_MINUTE}次，"
                "请一分钟后再试"
            )
        result = await verify_code(code)
        certificate = result.certificate
        if certificate is None:
            return CertificateVerification(
                valid=False,
                message=result.message,
                unit_name=None,
                issued_on=None,
                persons=[],
            )
        return CertificateVerification(
            valid=True,
            message=result.message,
            unit_name=certificate.data["unitName"],
            issued_on=certificate.issued_on,
            persons=_persons(certificate),
        )


@strawberry.type
class CertificateMutation:
    @strawberry.mutation(
        description="参保证明打印 (issue an insurance certificate, unit format, "
        "for the given persons of the unit, or all when ssns is empty)",
        permission_classes=[may_handle(BusinessType.CERTIFICATE)],
    )
    async def issue_certificate(
        self,
        info: Info,
        ssns: Annotated[
            list[str],
            strawberry.argument(
                description="社会保障号码 (SSNs of persons of the unit; empty for "
                "all, at most 500)"
            ),
        ],
    ) -> CertificateFile:
        actor = info.context.actor
        try:
            issued = await issue_certificate(
                actor, ssns, str(info.context.request.base_url)
            )
        except ValidationFailed as failed:
            raise BadUserInput(failed.problems[0].message) from None
        certificate = issued.certificate
        return CertificateFile(
            url=download_url(
                actor,
                PURPOSE,
                {"id": certificate.id},
                f"参保证明-{certificate.code}.pdf",
            ),
            code=format_code(certificate.code),
            person_count=issued.person_count,
        )


async def certificate_file(actor: Actor, params: dict[str, Any]) -> StoredFile:
    """Return the stored PDF of ``params["id"]`` to staff of its unit."""
    certificate = await Certificate.get_or_none(
        id=int(params["id"]), unit_id=actor.unit_id
    )
    if certificate is None:
        raise Forbidden("参保证明不存在或您无权查看")
    return StoredFile(
        path=get_settings().upload_dir / certificate.stored_path,
        filename=f"参保证明-{certificate.code}.pdf",
        media_type="application/pdf",
    )
