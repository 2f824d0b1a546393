"""The employer business pages of the H5 mini-program in Chromium at a phone
viewport: the queries, enrollment, suspension with refund, back payment and
annual wage with materials, a messy batch import, the reviewer's approval, a
person information change with its form and the insurance certificate.

Uses the server fixture and helpers of the scan login test, so it needs the
same Chromium, playwright package and H5 build. Every page gets a screenshot
in tests/browser/screenshots/.
"""

import io
import json
import urllib.request
from datetime import date, timedelta

import openpyxl
import pytest

from graph.person.resident_id import Gender, make_resident_id
from tests.browser.test_scan_login_browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    SCREENSHOTS,
    allow_only_loopback,
    call,
    playwright_api,
    pytestmark,  # noqa: F401  (the same skip conditions)
    server,  # noqa: F401  (fixture)
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LOGIN = 'mutation { login(username: "%s", password: "demo123456") { token } }'
ACTIVE_PERSONS = """{ persons(pageSize: 100, filter: { status: ACTIVE },
  fullValues: true) { items { ssn name records { enrollDate } } } }"""
SUSPENDED_PERSONS = """{ persons(pageSize: 1, filter: { status: SUSPENDED },
  fullValues: true) { items { ssn name } } }"""
PENDING = """{ declarations(filter: { status: PENDING }, pageSize: 100) {
  items { id kind personName } } }"""
FIRST_THREE = "{ persons(pageSize: 3, fullValues: true) { items { ssn name } } }"
PERSON_CONTACT = """query($ssn: String!) { person(ssn: $ssn) { mobile address } }"""
VERIFY_CERTIFICATE = """query($code: String!) { verifyCertificate(code: $code) {
  valid unitName persons { name ssn } } }"""
# A minimal PDF, which the server recognizes by its %PDF- signature.
PDF_FORM = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
TODAY = date.today()
AUTHORIZATIONS = "{ authorizations { id status validFrom validTo } }"
LIMIT_TO_ENROLLMENT = """mutation($id: ID!, $validFrom: Date!, $validTo: Date!) {
  changeAuthorization(id: $id, input: { scope: PRECISE,
    businessTypes: [ENROLLMENT], validFrom: $validFrom, validTo: $validTo }) {
    errors { code } } }"""


def token_of(base: str, username: str) -> str:
    return call(base, LOGIN % username)["data"]["login"]["token"]


def png_bytes() -> bytes:
    Image = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def messy_workbook(new_ssns: list[str]) -> bytes:
    """Build an enrollment workbook as clerks send it: an extra sheet, a
    title row, headers by alias, stray and full-width spaces, mixed date
    formats, an ID stored as a number, an impossible date and empty
    trailing rows. The first two rows are valid, the other three not."""
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["填写说明", "请勿修改表头"])
    sheet = book.create_sheet("人员")
    sheet.append(["温州瓯越示范科技有限公司 人员批量新参保"])
    # 身份证号码 and 手机号 are aliases of the template's column names.
    sheet.append(
        [
            "姓名*",
            "身份证号码",
            "手机号",
            "联系地址*",
            "本次参保时间*",
            "参保身份*",
            "申报工资（元）*",
        ]
    )

    day = TODAY.replace(day=1)
    # Excel keeps an ID typed as a number as a float; X cannot be one.
    id_as_number = float(new_ssns[2].replace("X", "0"))
    rows = [
        (" 批量甲 ", new_ssns[0], "13900139000", day.isoformat(), "在职职工", "6000"),
        (
            "批量乙\u3000",
            f" {new_ssns[1]} ",
            "１３９００１３９００１",
            day.strftime("%Y/%-m/%-d"),
            "在职职工",
            "6,500.00元",
        ),
        ("批量丙", id_as_number, "13900139002", day.isoformat(), "在职职工", "6000"),
        ("批量丁", new_ssns[3], "13900139003", "2026-02-30", "在职职工", "6000"),
        ("批量戊", new_ssns[4], "13900139004", day.isoformat(), "正式工", "0"),
    ]
    for name, ssn, mobile, enroll_date, identity, wage in rows:
        sheet.append(
            [name, ssn, mobile, "鹿城区示例路1号", enroll_date, identity, wage]
        )
    for _ in range(5):
        sheet.append([None] * 7)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def new_resident_ids(count: int, sequence_from: int) -> list[str]:
    return [
        make_resident_id(
            "330302", date(1995, 6, 1) + timedelta(days=n), 50 + n, Gender.MALE
        )
        for n in range(sequence_from, sequence_from + count)
    ]


async def shot(page, name: str, focus: str = ""):
    """Save the viewport, scrolled to ``focus`` when given."""
    if focus:
        await page.locator(focus).first.scroll_into_view_if_needed()
    await page.wait_for_timeout(150)
    await page.screenshot(path=SCREENSHOTS / f"business-{name}.png")


async def scroll_until(page, selector: str, count: int):
    """Scroll to the bottom until more than ``count`` items are listed."""
    for _ in range(20):
        await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        await page.wait_for_timeout(250)
        if await page.locator(selector).count() > count:
            return
    pytest.fail(f"scrolling loaded no more than {count} of {selector}")


async def open_page(page, base: str, route: str, ready: str):
    """Load the app afresh on a page, so the page stack holds only that page."""
    page.open_count = getattr(page, "open_count", 0) + 1
    await page.goto(f"{base}/app/?load={page.open_count}#/pages/{route}")
    await page.locator(ready).first.wait_for()


async def log_in(context, base: str, username: str):
    page = await context.new_page()
    page.set_default_timeout(10000)
    await page.goto(f"{base}/app/")
    inputs = page.locator("uni-input input")
    await inputs.first.wait_for()
    await inputs.nth(0).fill(username)
    await inputs.nth(1).fill("demo123456")
    await page.locator("uni-button").first.click()
    return page


async def choose(page, select_class: str, option: str):
    await page.locator(f"{select_class} .uni-select").click()
    await (
        page.locator(f"{select_class} .uni-select__selector-item")
        .get_by_text(option, exact=True)
        .click()
    )


async def fill(page, field_class: str, value: str):
    await page.locator(f"{field_class} input, {field_class} textarea").first.fill(value)


async def search_person(page, ssn: str):
    await fill(page, ".ssn-search-input", ssn)
    await page.locator(".person-search .search").click()
    await page.locator(".person-card").wait_for()


def record_socket_frames(page) -> list[dict]:
    """Collect the JSON messages that websockets of ``page`` receive."""
    frames: list[dict] = []

    def on_websocket(socket):
        socket.on("framereceived", lambda payload: frames.append(json.loads(payload)))

    page.on("websocket", on_websocket)
    return frames


def record_list_requests(page) -> list[dict]:
    """Collect the variables of each Declarations query that loads a list page.

    The fallback poll requests 100 pending declarations and is left out.
    """
    requests: list[dict] = []

    def on_request(request):
        if request.method != "POST" or not request.url.endswith("/graphql"):
            return
        body = request.post_data_json
        if not isinstance(body, dict) or "query Declarations" not in body["query"]:
            return
        if body["variables"]["pageSize"] != 100:
            requests.append(body["variables"])

    page.on("request", on_request)
    return requests


def is_download(request) -> bool:
    return "/files/download/" in request.url


async def test_unit_queries(server):  # noqa: F811
    SCREENSHOTS.mkdir(exist_ok=True)
    outside: list[str] = []
    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        context = await browser.new_context(viewport=PHONE)
        await allow_only_loopback(context, server, outside)
        page = await log_in(context, server, "legalrep")
        await page.locator(".business").click()
        await page.locator(".menu-enroll").wait_for()
        await shot(page, "01-menu")

        await open_page(page, server, "unit-info/unit-info", "text=统一社会信用代码")
        assert "温州瓯越示范科技有限公司" in await page.inner_text("body")
        await shot(page, "02-unit-info")

        await open_page(page, server, "roster/roster", ".person-item")
        assert await page.locator(".person-item").count() == 20
        await scroll_until(page, ".person-item", 20)
        await shot(page, "03-roster")
        await choose(page, ".status-filter", "暂停缴费")
        await page.wait_for_timeout(300)
        suspended = await page.locator(".person-item").count()
        assert suspended < 20
        await page.locator(".roster-search").click()
        await page.locator(".roster-search input").fill("何")
        await page.locator(".roster-search input").press("Enter")
        await page.wait_for_timeout(300)
        await page.locator(".roster-search input").fill("没有这个人")
        await page.locator(".roster-search input").press("Enter")
        await page.get_by_text("没有符合条件的人员").wait_for()
        await shot(page, "04-roster-empty")

        person = call(server, ACTIVE_PERSONS, token=token_of(server, "legalrep"))
        ssn = person["data"]["persons"]["items"][0]["ssn"]
        await open_page(page, server, f"person/person?ssn={ssn}", ".record")
        assert await page.locator(".record").count() == 3
        await shot(page, "05-person")
        await page.locator(".pension-account").click()
        await page.locator(".account-table").wait_for()
        assert "年末累计储存额" in await page.inner_text(".account-table")
        await shot(page, "06-pension-account")

        await open_page(
            page, server, "personnel-changes/personnel-changes", ".change-item"
        )
        await shot(page, "07-personnel-increase")
        await page.locator(".tabs").get_by_text("人员暂停").click()
        await page.wait_for_timeout(500)
        await shot(page, "08-personnel-suspension")

        await open_page(page, server, "settlements/settlements", ".settlement-chart")
        assert await page.locator(".settlement-chart .bar").count() == 24
        await shot(page, "09-settlements")

        await open_page(page, server, "progress/progress", ".declaration-item")
        await shot(page, "10-progress")

        # An operator with precise authorization for enrollment only is
        # offered no other action.
        legal_token = token_of(server, "legalrep")
        grants = call(server, AUTHORIZATIONS, token=legal_token)["data"]
        active = [g for g in grants["authorizations"] if g["status"] == "ACTIVE"]
        assert len(active) == 1
        validity = {key: active[0][key] for key in ("id", "validFrom", "validTo")}
        changed = call(server, LIMIT_TO_ENROLLMENT, validity, legal_token)
        assert changed["data"]["changeAuthorization"]["errors"] == []
        operator_context = await browser.new_context(viewport=PHONE)
        await allow_only_loopback(operator_context, server, outside)
        operator = await log_in(operator_context, server, "operator")
        await operator.locator(".business").click()
        await operator.locator(".menu-enroll").wait_for()
        await shot(operator, "10a-operator-menu")
        assert await operator.locator(".menu-batch-enroll").count() == 1
        assert await operator.locator(".menu-suspend").count() == 0
        assert await operator.locator(".menu-back-payment").count() == 0
        assert await operator.locator(".menu-annual-wage").count() == 0
        await browser.close()
    assert outside == []


async def test_person_actions_and_review(server, tmp_path):  # noqa: F811
    SCREENSHOTS.mkdir(exist_ok=True)
    outside: list[str] = []
    legal_token = token_of(server, "legalrep")
    persons = call(server, ACTIVE_PERSONS, token=legal_token)["data"]["persons"][
        "items"
    ]
    to_suspend, to_back_pay, to_declare = persons[1], persons[2], persons[3]
    new_ssn, *batch_ssns = new_resident_ids(6, 0)
    material = tmp_path / "登记表.png"
    material.write_bytes(png_bytes())
    workbook = tmp_path / "批量新参保.xlsx"
    workbook.write_bytes(messy_workbook(batch_ssns))

    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        context = await browser.new_context(viewport=PHONE)
        await allow_only_loopback(context, server, outside)
        page = await log_in(context, server, "legalrep")
        pushed_frames = record_socket_frames(page)
        await page.locator(".business").wait_for()

        # Enrollment: a wrong check character is caught before sending.
        await open_page(page, server, "enroll/enroll", ".ssn-input")
        await fill(
            page, ".ssn-input", new_ssn[:17] + ("0" if new_ssn[17] != "0" else "1")
        )
        await page.locator(".next").click()
        await page.get_by_text("校验位错误").wait_for()
        await shot(page, "11-enroll-errors", ".ssn-input")
        await fill(page, ".ssn-input", new_ssn)
        await fill(page, ".name-input", "浏览器新员工")
        await fill(page, ".mobile-input", "13957700123")
        await fill(page, ".address-input", "温州市鹿城区示例路8号")
        await fill(page, ".wage-input", "1000")
        await page.locator(".next").click()
        await page.locator(".preview-table").wait_for()
        preview = await page.inner_text(".preview-table")
        assert "企业职工基本养老保险" in preview
        assert "工伤保险" in preview
        assert await page.locator(".adjusted").count() == 1
        await shot(page, "12-enroll-preview", ".submit")
        await page.locator(".submit").click()
        await page.locator(".declaration-item").first.wait_for()
        assert (
            "浏览器新员工" in await page.locator(".declaration-item").first.inner_text()
        )

        # The API's field error shows beside the field; a suspended person
        # is detected as a re-enrollment.
        await open_page(page, server, "enroll/enroll", ".ssn-input")
        await fill(page, ".ssn-input", persons[0]["ssn"])
        await fill(page, ".name-input", persons[0]["name"])
        await fill(page, ".mobile-input", "13957700124")
        await fill(page, ".address-input", "温州市鹿城区示例路9号")
        await fill(page, ".wage-input", "9000")
        await page.locator(".next").click()
        await page.locator(".uni-forms-item__error").filter(has_text="参保").wait_for()
        await shot(page, "12a-enroll-api-error", ".ssn-input")
        suspended = call(server, SUSPENDED_PERSONS, token=legal_token)
        returning = suspended["data"]["persons"]["items"][0]
        await fill(page, ".ssn-input", returning["ssn"])
        await fill(page, ".name-input", returning["name"])
        await page.locator(".next").click()
        await page.locator(".reenrollment").wait_for()
        await shot(page, "12b-enroll-reenrollment", ".reenrollment")

        # Suspension: the refund of paid months after the date shows before submit.
        await open_page(page, server, "suspend/suspend", ".ssn-search-input")
        await search_person(page, to_suspend["ssn"])
        await choose(page, ".reason-select", "职工辞职")
        suspend_date = (TODAY.replace(day=1) - timedelta(days=70)).replace(day=1)
        await fill(page, ".suspend-date", suspend_date.isoformat())
        await page.locator(".refund-summary").wait_for()
        refund_rows = page.locator(".refund-table .row:not(.head):not(.empty)")
        assert await refund_rows.count() >= 2
        await shot(page, "13-suspend-refund", ".submit")
        await page.locator(".submit").click()
        await page.locator(".declaration-item").first.wait_for()

        # Back payment with the required form as material.
        await open_page(page, server, "back-payment/back-payment", ".ssn-search-input")
        await search_person(page, to_back_pay["ssn"])
        enrolled = date.fromisoformat(to_back_pay["records"][0]["enrollDate"])
        first = (enrolled.replace(day=1) - timedelta(days=60)).strftime("%Y%m")
        last = (enrolled.replace(day=1) - timedelta(days=1)).strftime("%Y%m")
        await fill(page, ".from-month-input", first)
        await fill(page, ".to-month-input", last)
        await fill(page, ".base-input", "6000")
        await page.locator(".submit").click()
        await page.get_by_text("请上传《参保人员补缴").wait_for()
        async with page.expect_file_chooser() as chooser:
            await page.locator(".material-BACK_PAYMENT_FORM .upload").click()
        await (await chooser.value).set_files(material)
        await page.locator(".material-picker .file").wait_for()
        await shot(page, "14-back-payment-form", ".submit")
        await page.locator(".submit").click()
        await page.locator(".back-payment-lines").wait_for()
        assert "应缴合计" in await page.inner_text(".totals")
        await shot(page, "15-back-payment-result")

        # Annual wage declaration with the wage summary.
        await open_page(page, server, "annual-wage/annual-wage", ".ssn-search-input")
        await search_person(page, to_declare["ssn"])
        await fill(page, ".wage-input", "8800")
        async with page.expect_file_chooser() as chooser:
            await page.locator(".material-WAGE_SUMMARY .upload").click()
        await (await chooser.value).set_files(material)
        await page.locator(".material-picker .file").wait_for()
        await page.locator(".submit").click()
        await page.get_by_text("申报成功，待审核").wait_for()
        await shot(page, "16-annual-wage")

        # Batch import of a messy workbook: two valid rows, three invalid.
        await open_page(
            page, server, "batch-import/batch-import?kind=ENROLL", ".import"
        )
        async with page.expect_file_chooser() as chooser:
            await page.locator(".import").click()
        await (await chooser.value).set_files(workbook)
        await page.locator(".rows-table").wait_for()
        summary = await page.inner_text(".summary")
        assert "校验成功2条" in summary
        assert "校验失败信息3条" in summary
        failures = await page.inner_text(".rows-table")
        assert "数字" in failures or "数值" in failures
        await shot(page, "17-batch-preview")
        await page.locator(".save").click()
        await page.get_by_text("已保存2条申报").wait_for()
        await shot(page, "18-batch-saved")

        # Withdraw the annual wage declaration again.
        await open_page(page, server, "progress/progress", ".declaration-item")
        pending = page.locator(".declaration-item.status-PENDING")
        before = await pending.count()
        await pending.filter(has_text=to_declare["name"]).locator(".withdraw").click()
        await page.locator(".withdraw-dialog").get_by_text("确定").click()
        await page.get_by_text("已撤回").first.wait_for()
        assert await pending.count() == before - 1
        await shot(page, "19-progress-withdrawn")

        # The reviewer approves the enrollment on a phone, and the unit's
        # progress page shows the result without a reload. Then the
        # workbench is shown at a desktop width.
        reviewer_context = await browser.new_context(viewport=PHONE)
        await allow_only_loopback(reviewer_context, server, outside)
        reviewer = await log_in(reviewer_context, server, "reviewer")
        await reviewer.locator(".pending-item").first.wait_for()
        await shot(reviewer, "20-review-list")
        await reviewer.locator(".pending-item").filter(has_text="浏览器新员工").click()
        await reviewer.locator(".compare-table").wait_for()
        assert "未参保" in await reviewer.inner_text(".compare-table")
        await shot(reviewer, "21-review-detail", ".compare-table")
        await reviewer.locator(".reject").click()
        await reviewer.get_by_text("审核不通过时请填写审核意见").wait_for()
        await fill(reviewer, ".comment-input", "材料齐全，同意")

        # The progress page has its subscription connected, so the result is
        # pushed: it shows within 3 s (the fallback poll runs every 10 s),
        # arrives in a declarationUpdates frame and needs no list request.
        live_status = page.locator(".live-status.connected")
        await live_status.wait_for()
        assert await live_status.inner_text() == "实时更新已连接"
        list_requests = record_list_requests(page)
        frames_before = len(pushed_frames)
        await reviewer.locator(".approve").click()
        await reviewer.get_by_text("已审核通过").wait_for()
        await (
            page.locator(".declaration-item.status-APPROVED")
            .filter(has_text="浏览器新员工")
            .wait_for(timeout=3000)
        )
        pushed = [
            frame["payload"]["data"]["declarationUpdates"]
            for frame in pushed_frames[frames_before:]
            if frame["type"] == "next"
            and "declarationUpdates" in frame["payload"]["data"]
        ]
        assert [update["status"] for update in pushed] == ["APPROVED"]
        assert list_requests == []
        await shot(page, "22-progress-approved")

        await reviewer.set_viewport_size(DESKTOP)
        await (
            reviewer.locator(".pending-item")
            .filter(has_text=to_suspend["name"])
            .click()
        )
        await reviewer.locator(".detail-table").wait_for()
        assert "养老保险退收处理结果" in await reviewer.inner_text(".detail-pane")
        await reviewer.screenshot(path=SCREENSHOTS / "business-23-review-desktop.png")
        await browser.close()
    assert outside == []

    remaining = call(server, PENDING, token=token_of(server, "reviewer"))
    names = [item["personName"] for item in remaining["data"]["declarations"]["items"]]
    assert "浏览器新员工" not in names


async def test_person_change_and_certificate(server, tmp_path):  # noqa: F811
    SCREENSHOTS.mkdir(exist_ok=True)
    outside: list[str] = []
    legal_token = token_of(server, "legalrep")
    persons = call(server, ACTIVE_PERSONS, token=legal_token)["data"]["persons"][
        "items"
    ]
    # The other tests act on the first persons of the list, so the last one
    # has no pending declaration.
    changed = persons[-1]
    # The certificate page lists the roster in this order, 50 at a time.
    certified = call(server, FIRST_THREE, token=legal_token)["data"]["persons"]["items"]
    old = call(server, PERSON_CONTACT, {"ssn": changed["ssn"]}, legal_token)
    old_mobile = old["data"]["person"]["mobile"]
    new_mobile = "13857712345" if old_mobile != "13857712345" else "13857712346"
    new_address = "温州市鹿城区新城大道8号"
    form = tmp_path / "变更登记表.pdf"
    form.write_bytes(PDF_FORM)

    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        context = await browser.new_context(viewport=PHONE)
        await allow_only_loopback(context, server, outside)
        page = await log_in(context, server, "legalrep")
        await page.locator(".business").wait_for()

        # Person information change: the form is required, then uploaded
        # with uploadMaterial and named by id in the change.
        await open_page(
            page, server, "person-change/person-change", ".ssn-search-input"
        )
        await search_person(page, changed["ssn"])
        await fill(page, ".mobile-input", new_mobile)
        await fill(page, ".address-input", new_address)
        await page.locator(".submit").click()
        await page.get_by_text("请上传《社会保险参保信息变更登记表》").wait_for()
        async with page.expect_file_chooser() as chooser:
            await page.locator(".material-CHANGE_FORM .upload").click()
        await (await chooser.value).set_files(form)
        await page.locator(".material-picker .file").wait_for()
        assert await page.locator(".material-error").count() == 0
        await shot(page, "24-person-change", ".submit")
        await page.locator(".submit").click()
        item = page.locator(".declaration-item.status-PENDING").filter(
            has_text=changed["name"]
        )
        await item.first.wait_for()
        assert "职工参保信息变更登记" in await item.first.inner_text()
        await shot(page, "25-person-change-progress")

        # The reviewer's detail shows the old and new values and the material.
        reviewer_context = await browser.new_context(viewport=PHONE)
        await allow_only_loopback(reviewer_context, server, outside)
        reviewer = await log_in(reviewer_context, server, "reviewer")
        await (
            reviewer.locator(".pending-item")
            .filter(has_text="职工参保信息变更登记")
            .filter(has_text=changed["name"])
            .click()
        )
        await reviewer.locator(".compare-table").wait_for()
        compare = await reviewer.inner_text(".compare-table")
        assert "手机号码" in compare
        assert old_mobile in compare
        assert new_mobile in compare
        assert new_address in compare
        assert "变更登记表.pdf" in await reviewer.inner_text(".detail-pane")
        await shot(reviewer, "26-review-person-change", ".compare-table")
        # The link opens in a new window, whose first request names it.
        async with reviewer_context.expect_event("request", is_download) as opened:
            await reviewer.locator(".material-open").first.click()
        material_url = (await opened.value).url
        with urllib.request.urlopen(material_url) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "application/pdf"
            assert response.read() == PDF_FORM
        await fill(reviewer, ".comment-input", "变更登记表已核对")
        await reviewer.locator(".approve").click()
        await reviewer.get_by_text("已审核通过").wait_for()

        await (
            page.locator(".declaration-item.status-APPROVED")
            .filter(has_text=changed["name"])
            .first.wait_for(timeout=15000)
        )
        await open_page(page, server, f"person/person?ssn={changed['ssn']}", ".record")
        person_text = await page.inner_text("body")
        assert new_mobile in person_text
        assert new_address in person_text
        await shot(page, "27-person-changed")

        # Certificate of three persons: the PDF opens in a new window and
        # the code verifies without login, with masked data.
        await open_page(page, server, "certificate/certificate", ".person-row")
        for person in certified:
            await page.locator(".person-row").filter(has_text=person["name"]).click()
        await page.get_by_text("已选3人").wait_for()
        async with context.expect_event("request", is_download) as opened:
            await page.locator(".print").click()
        pdf_url = (await opened.value).url
        await page.locator(".issued-code").wait_for()
        code = (await page.inner_text(".issued-code")).strip()
        assert "已生成3人的参保证明" in await page.inner_text(".issued")
        await shot(page, "28-certificate")
        await browser.close()
    assert outside == []

    assert pdf_url.startswith(f"{server}/files/download/")
    with urllib.request.urlopen(pdf_url) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read(5) == b"%PDF-"
    verified = call(server, VERIFY_CERTIFICATE, {"code": code})["data"][
        "verifyCertificate"
    ]
    assert verified["valid"] is True
    assert verified["unitName"] == "温州瓯越示范科技有限公司"
    assert len(verified["persons"]) == 3
    full_ssns = {person["ssn"] for person in certified}
    full_names = {person["name"] for person in certified}
    for listed in verified["persons"]:
        assert "*" in listed["ssn"]
        assert listed["ssn"] not in full_ssns
        assert listed["name"] not in full_names
