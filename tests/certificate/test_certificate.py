"""Insurance certificates (参保证明): PDF content, QR code and public check."""

import io
from dataclasses import replace

import pypdf
import pypdfium2
import pytest
import zxingcpp

from graph.certificate import schema as certificate_schema
from graph.certificate import service
from graph.settings import get_settings
from tests.documents import contribute, insure, ssn

ISSUE = """
mutation Issue($ssns: [String!]!) {
  issueCertificate(ssns: $ssns) { url code personCount }
}
"""

VERIFY = """
query Verify($code: String!) {
  verifyCertificate(code: $code) {
    valid message unitName issuedOn
    persons { name ssn insurances { insuranceType firstEnrollMonth monthsPaid status } }
  }
}
"""


@pytest.fixture(autouse=True)
def own_upload_folder(monkeypatch, tmp_path):
    folder = replace(get_settings(), upload_dir=tmp_path)
    monkeypatch.setattr(service, "get_settings", lambda: folder)
    monkeypatch.setattr(certificate_schema, "get_settings", lambda: folder)


async def three_employees(unit) -> list[str]:
    numbers = [ssn(sequence=i) for i in (1, 2, 3)]
    for index, number in enumerate(numbers):
        person = await insure(unit, number, name=["张三", "李四", "王五"][index])
        for month in ("202603", "202604"):
            await contribute(person, unit, month)
    return numbers


async def issue(client, numbers) -> dict:
    result = await client.execute(ISSUE, {"ssns": numbers})
    assert result.data is not None, result
    return result.data["issueCertificate"]


async def test_certificate_pdf_text_and_qr(unit, legalrep, anonymous, http):
    numbers = await three_employees(unit)
    issued = await issue(legalrep, numbers)
    assert issued["personCount"] == 3

    response = await http.get(issued["url"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "参保证明" in text
    assert unit.name in text
    assert "王五" in text
    assert "企业职工基本养老保险" in text
    assert issued["code"] in text

    page = pypdfium2.PdfDocument(response.content)[0]
    image = page.render(scale=3).to_pil()
    decoded = zxingcpp.read_barcodes(image)
    urls = [barcode.text for barcode in decoded]
    expected = f"http://testserver/verify/?code={issued['code']}"
    assert urls == [expected]

    result = await anonymous.execute(VERIFY, {"code": issued["code"]})
    verification = result.data["verifyCertificate"]
    assert verification["valid"] is True
    assert verification["unitName"] == unit.name
    names = sorted(p["name"] for p in verification["persons"])
    assert names == ["张*", "李*", "王*"]
    masked = verification["persons"][0]["ssn"]
    assert "*" in masked
    assert masked not in numbers
    months = verification["persons"][0]["insurances"][0]["monthsPaid"]
    assert months == 2


async def test_certificate_pdf_renders_chinese(unit, legalrep, http):
    numbers = await three_employees(unit)
    issued = await issue(legalrep, numbers[:1])
    response = await http.get(issued["url"])
    image = pypdfium2.PdfDocument(response.content)[0].render(scale=2).to_pil()
    # The title band contains dark pixels only if the CJK glyphs were drawn.
    title = image.convert("L").crop((0, 0, image.width, image.height // 8))
    assert min(title.getdata()) < 128


async def test_verify_forged_code(anonymous):
    result = await anonymous.execute(VERIFY, {"code": "AAAA-BBBB-CCCC-DDDD"})
    verification = result.data["verifyCertificate"]
    assert verification["valid"] is False
    assert "无效" in verification["message"]
    assert verification["persons"] == []


async def test_verify_unknown_genuine_code(anonymous):
    code = service.codes.new_code()
    result = await anonymous.execute(VERIFY, {"code": code})
    verification = result.data["verifyCertificate"]
    assert verification["valid"] is False
    assert "未查到" in verification["message"]


async def test_verify_rate_limited(anonymous):
    for _ in range(certificate_schema.VERIFICATIONS_PER_MINUTE):
        result = await anonymous.execute(VERIFY, {"code": "X"})
        assert result.data["verifyCertificate"]["valid"] is False
    result = await anonymous.execute(VERIFY, {"code": "X"})
    assert result.error_codes == ["RATE_LIMITED"]
    assert "每分钟最多查验" in result.body["errors"][0]["message"]


async def test_certificate_rejects_stranger(unit, legalrep):
    result = await legalrep.execute(ISSUE, {"ssns": [ssn(sequence=9)]})
    assert result.error_codes == ["BAD_USER_INPUT"]


async def test_certificate_needs_login(anonymous):
    result = await anonymous.execute(ISSUE, {"ssns": []})
    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_verify_page_served(http):
    response = await http.get("/verify/")
    assert response.status_code == 200
    assert "参保证明查验" in response.text
