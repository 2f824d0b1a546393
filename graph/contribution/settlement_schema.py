"""GraphQL for monthly settlements: generate, pay, and the payment query."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

import strawberry

from graph.authz.codes import BusinessType
from graph.contribution.codes import SettlementStatus
from graph.contribution.models import ContributionLine, Settlement
from graph.contribution.rules import parse_month
from graph.contribution.settlement import generate_settlement, record_payment
from graph.core.api_errors import BadUserInput
from graph.core.clock import today
from graph.core.context import Info
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.core.masking import mask_resident_id
from graph.core.paging import page_request
from graph.core.permissions import (
    ActsForUnit,
    may_handle,
    require_full_values,
    require_unit_actor,
)
from graph.core.text import normalize_text
from graph.core.types import FieldError, enum_labels, field_errors
from graph.insurance import codes as insurance_codes
from graph.insurance.enums import InsuranceType
from graph.unit.models import Unit

SettlementStatusType = strawberry.enum(
    SettlementStatus,
    name="SettlementStatus",
    description=f"缴费状态 (settlement status): {enum_labels(SettlementStatus)}",
)
MonthArgument = Annotated[
    str, strawberry.argument(description="费款所属期 (month, YYYYMM)")
]


@strawberry.type(description="缴费明细 (one person's line of a settlement)")
class SettlementLineType:
    model: strawberry.Private[ContributionLine]
    masked: strawberry.Private[bool]

    @strawberry.field(description="社会保障号码 (masked unless fullValues is true)")
    def ssn(self) -> str:
        ssn = self.model.person.ssn
        return mask_resident_id(ssn) if self.masked else ssn

    @strawberry.field(description="姓名 (name)")
    def name(self) -> str:
        return self.model.person.name

    @strawberry.field(description="缴费基数 (contribution base)")
    def base(self) -> Decimal:
        return self.model.base

    @strawberry.field(description="单位费率 (unit rate)")
    def unit_rate(self) -> Decimal:
        return self.model.unit_rate

    @strawberry.field(description="个人费率 (individual rate)")
    def individual_rate(self) -> Decimal:
        return self.model.individual_rate

    @strawberry.field(description="单位部分金额 (unit part, yuan)")
    def unit_amount(self) -> Decimal:
        return self.model.unit_amount

    @strawberry.field(description="个人部分金额 (individual part, yuan)")
    def individual_amount(self) -> Decimal:
        return self.model.individual_amount


@strawberry.type(description="缴费明细分页 (a page of settlement lines)")
class SettlementLinePage:
    total_count: int = strawberry.field(description="总条数 (lines in all)")
    items: list[SettlementLineType] = strawberry.field(description="明细 (lines)")


@strawberry.type(description="结算信息 (what a unit owes for one type and month)")
class SettlementType:
    model: strawberry.Private[Settlement]

    @strawberry.field(description="结算ID (settlement id)")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field(description="费款所属期 (month, YYYYMM)")
    def month(self) -> str:
        return self.model.month

    @strawberry.field(description="险种 (insurance type)")
    def insurance_type(self) -> InsuranceType:
        return insurance_codes.InsuranceType(self.model.insurance_type)

    @strawberry.field(description="缴费状态 (status)")
    def status(self) -> SettlementStatusType:
        return self.model.status

    @strawberry.field(description="缴费状态名称 (status label)")
    def status_label(self) -> str:
        return self.model.status.label

    @strawberry.field(description="缴费人数 (persons)")
    def person_count(self) -> int:
        return self.model.person_count

    @strawberry.field(description="缴费基数合计 (sum of bases)")
    def base_total(self) -> Decimal:
        return self.model.base_total

    @strawberry.field(description="单位部分合计 (unit part, yuan)")
    def unit_total(self) -> Decimal:
        return self.model.unit_total

    @strawberry.field(description="个人部分合计 (individual part, yuan)")
    def individual_total(self) -> Decimal:
        return self.model.individual_total

    @strawberry.field(description="应缴金额 (total due, yuan)")
    def total(self) -> Decimal:
        return self.model.total

    @strawberry.field(description="结算时间 (generated at)")
    def generated_at(self) -> datetime:
        return self.model.generated_at

    @strawberry.field(description="缴费时间 (paid at; null while unpaid)")
    def paid_at(self) -> datetime | None:
        return self.model.paid_at

    @strawberry.field(
        description="示例费率 (true when the month's limits and rates are sample "
        "values shipped for demonstration, not official figures)"
    )
    def rates_are_samples(self) -> bool:
        return self.model.rates_are_samples

    @strawberry.field(description="缴费凭证号 (payment reference)")
    def payment_reference(self) -> str:
        return self.model.payment_reference

    @strawberry.field(description="缴费明细 (lines, by name)")
    async def lines(
        self,
        info: Info,
        page: Annotated[int, strawberry.argument(description="页码 (page)")] = 1,
        page_size: Annotated[
            int, strawberry.argument(description="每页条数 (page size, 1-100)")
        ] = 20,
        full_values: Annotated[
            bool, strawberry.argument(description="显示完整证件号码 (unmasked ID)")
        ] = False,
    ) -> SettlementLinePage:
        request = page_request(page, page_size)
        full = require_full_values(info.context.actor, full_values)
        query = ContributionLine.filter(settlement_id=self.model.id)
        rows = (
            await query.order_by("person__name", "id")
            .offset(request.offset)
            .limit(request.page_size)
            .select_related("person")
        )
        return SettlementLinePage(
            total_count=await query.count(),
            items=[SettlementLineType(model=row, masked=not full) for row in rows],
        )


@strawberry.type(description="结算结果 (result of generating or paying a month)")
class SettlementPayload:
    settlements: list[SettlementType] = strawberry.field(
        description="结算信息 (one per insurance type)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (rejected input)")


def _month(value: str, field: str, label: str) -> str:
    try:
        return parse_month(value, field, label)
    except InvalidValue as exc:
        raise ValidationFailed([FieldProblem(field, exc.code, exc.message)]) from exc


@strawberry.type
class SettlementQuery:
    @strawberry.field(
        description="单位缴费信息查询 (settlements of the unit by month range and "
        "insurance type, newest month first)",
        permission_classes=[ActsForUnit],
    )
    async def settlements(
        self,
        info: Info,
        from_month: Annotated[
            str, strawberry.argument(description="起始费款所属期 (from month, YYYYMM)")
        ],
        to_month: Annotated[
            str, strawberry.argument(description="终止费款所属期 (to month, YYYYMM)")
        ],
        insurance_type: Annotated[
            InsuranceType | None, strawberry.argument(description="险种 (type)")
        ] = None,
    ) -> list[SettlementType]:
        actor = require_unit_actor(info)
        try:
            first = parse_month(from_month, "fromMonth", "起始费款所属期")
            last = parse_month(to_month, "toMonth", "终止费款所属期")
        except InvalidValue as exc:
            raise BadUserInput(exc.message) from exc
        if first > last:
            raise BadUserInput(f"起始费款所属期{first}晚于终止费款所属期{last}")
        query = Settlement.filter(
            unit_id=actor.unit_id, month__gte=first, month__lte=last
        )
        if insurance_type is not None:
            query = query.filter(insurance_type=insurance_type)
        rows = await query.order_by("-month", "insurance_type")
        return [SettlementType(model=row) for row in rows]


@strawberry.type
class SettlementMutation:
    @strawberry.mutation(
        description="生成结算 (generate the unit's settlements of a month; an unpaid "
        "month is replaced, a paid one kept as it is)",
        permission_classes=[may_handle(BusinessType.SETTLEMENT)],
    )
    async def generate_settlement(
        self, info: Info, month: MonthArgument
    ) -> SettlementPayload:
        actor = info.context.actor
        unit = await Unit.get(id=actor.unit_id)
        try:
            rows = await generate_settlement(
                actor, unit, _month(month, "month", "费款所属期"), today()
            )
        except ValidationFailed as failed:
            return SettlementPayload(
                settlements=[], errors=field_errors(failed.problems)
            )
        return SettlementPayload(
            settlements=[SettlementType(model=row) for row in rows], errors=[]
        )

    @strawberry.mutation(
        description="登记缴费 (record that the unpaid settlements of a month were "
        "paid; the bank transfer itself happens outside this service)",
        permission_classes=[may_handle(BusinessType.SETTLEMENT)],
    )
    async def record_payment(
        self,
        info: Info,
        month: MonthArgument,
        reference: Annotated[
            str, strawberry.argument(description="缴费凭证号 (bank reference)")
        ],
        insurance_types: Annotated[
            list[InsuranceType] | None,
            strawberry.argument(description="险种 (types; all when omitted)"),
        ] = None,
    ) -> SettlementPayload:
        actor = info.context.actor
        unit = await Unit.get(id=actor.unit_id)
        reference = normalize_text(reference)
        try:
            checked = _month(month, "month", "费款所属期")
            if not reference or len(reference) > 60:
                raise ValidationFailed(
                    [
                        FieldProblem(
                            "reference",
                            "REQUIRED" if not reference else "TOO_LONG",
                            "缴费凭证号不能为空"
                            if not reference
                            else f"缴费凭证号“{reference[:60]}…”超过60个字",
                        )
                    ]
                )
            if insurance_types == []:
                raise ValidationFailed(
                    [
                        FieldProblem(
                            "insuranceTypes",
                            "REQUIRED",
                            "险种不能为空列表；不填险种时登记该月全部险种",
                        )
                    ]
                )
            rows = await record_payment(
                actor, unit, checked, insurance_types, reference
            )
        except ValidationFailed as failed:
            return SettlementPayload(
                settlements=[], errors=field_errors(failed.problems)
            )
        return SettlementPayload(
            settlements=[SettlementType(model=row) for row in rows], errors=[]
        )
