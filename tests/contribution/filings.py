"""Documents, materials and steps shared by the back payment and wage tests."""

import io
import zipfile
from datetime import date

from graph.account.models import UnitMembership
from graph.account.roles import MembershipRole
from graph.authz.codes import BusinessType
from graph.core import clock
from graph.unit.models import Unit
from tests.conftest import create_account, create_grant

# The application date of every submission in these tests.
APPLIED_ON = date(2026, 6, 15)

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def xlsx_bytes() -> bytes:
    """Return a minimal archive laid out as an .xlsx workbook."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    """Return a ZIP archive laid out as a Word document, not a workbook."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


APPLY_BACK_PAYMENT = """
mutation Apply($input: ApplyBackPaymentInput!) {
  applyBackPayment(input: $input) {
    declaration {
      id kind status ssn settlementMonth canWithdraw
      materials { kind kindLabel fileName contentType size }
    }
    backPayment {
      fromMonth toMonth declaredBase appliedOn lateFeeDailyRate insuranceTypes
      baseAdjusted unitTotal individualTotal lateFeeTotal total
      lines {
        month insuranceType base baseAdjustment unitRate individualRate
        unitAmount individualAmount lateFee lateFeeDays total
      }
    }
    errors { field code message }
  }
}
"""

DECLARE_ANNUAL_WAGE = """
mutation Declare($input: DeclareAnnualWageInput!) {
  declareAnnualWage(input: $input) {
    declaration {
      id kind status settlementMonth
      annualWage { year averageWage baseYear }
      materials { kind fileName size }
    }
    bases { insuranceType base baseAdjustment }
    errors { field code message }
  }
}
"""


def freeze_today(monkeypatch, day: date = APPLIED_ON) -> None:
    """Make both submissions see ``day`` as today."""
    monkeypatch.setattr(clock, "frozen_today", day)


async def submit(
    client, document: str, values: dict, materials: list[tuple[str, str, bytes]]
) -> dict:
    """Send ``document`` with ``values`` and (kind, file name, content) materials.

    Returns the payload of the document's only field.
    """
    variables = {
        "input": {
            **values,
            "materials": [{"kind": kind, "file": None} for kind, _, _ in materials],
        }
    }
    files = {
        f"input.materials.{index}.file": (name, content)
        for index, (_, name, content) in enumerate(materials)
    }
    result = await client.upload_files(document, variables, files)
    return next(iter(result.data.values()))


async def precise_operator(anonymous, unit: Unit, business_types: list[BusinessType]):
    """Log in an operator whose precise grant names only ``business_types``."""
    account = await create_account("clerk")
    await UnitMembership.create(
        account=account, unit=unit, role=MembershipRole.OPERATOR
    )
    await create_grant(unit, account, business_types)
    return await anonymous.login("clerk")
