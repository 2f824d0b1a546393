"""The certificate PDF, drawn with reportlab.

Chinese text uses reportlab's built-in CID font STSong-Light, which needs
no font file. The PDF names the font without embedding it, so the viewer
draws it with its own Song or fallback CJK font. The QR code is drawn as
vector squares from segno's module matrix, which needs no image library.
"""

import io
from datetime import date

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from graph.insurance.codes import InsuranceStatus, InsuranceType

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

TITLE = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=1)
TEXT = ParagraphStyle("text", fontName=FONT, fontSize=10.5, leading=16)
HEADER = (
    "序号",
    "姓名",
    "社会保障号码",
    "险种",
    "首次参保年月",
    "缴费月数",
    "参保状态",
)


class QrCode(Flowable):
    """A QR code of ``content`` drawn as squares, ``size`` points wide."""

    def __init__(self, content: str, size: float) -> None:
        super().__init__()
        self.qr = segno.make(content, error="m")
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        matrix = list(self.qr.matrix_iter(scale=1, border=2))
        module = self.size / len(matrix)
        canvas = self.canv
        canvas.setFillColor(colors.black)
        for row_index, row in enumerate(matrix):
            y = self.size - (row_index + 1) * module
            for column_index, dark in enumerate(row):
                if dark:
                    canvas.rect(
                        column_index * module, y, module, module, stroke=0, fill=1
                    )


def _table_rows(persons: list[dict]) -> list[tuple]:
    rows: list[tuple] = [HEADER]
    for index, person in enumerate(persons, start=1):
        for position, item in enumerate(person["types"]):
            first = position == 0
            rows.append(
                (
                    str(index) if first else "",
                    person["name"] if first else "",
                    person["ssn"] if first else "",
                    InsuranceType(item["insuranceType"]).label,
                    item["firstEnrollMonth"],
                    str(item["monthsPaid"]),
                    InsuranceStatus(item["status"]).label,
                )
            )
    return rows


def render_certificate(data: dict, issued_on: date, code: str, url: str) -> bytes:
    """Return the PDF bytes of one certificate."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title="参保证明",
    )
    table = Table(
        _table_rows(data["persons"]),
        colWidths=[12 * mm, 22 * mm, 42 * mm, 44 * mm, 24 * mm, 18 * mm, 18 * mm],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story = [
        Paragraph("参保证明（单位格式）", TITLE),
        Spacer(1, 4 * mm),
        Paragraph(f"单位名称：{data['unitName']}", TEXT),
        Paragraph(f"统一社会信用代码：{data['creditCode']}", TEXT),
        Paragraph(f"出具日期：{issued_on.isoformat()}", TEXT),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 6 * mm),
        Paragraph(f"验证码：{code}", TEXT),
        Paragraph(f"扫描二维码或访问 {url} 查验本证明的真伪。", TEXT),
        Spacer(1, 2 * mm),
        QrCode(url, 32 * mm),
    ]
    document.build(story)
    return buffer.getvalue()
