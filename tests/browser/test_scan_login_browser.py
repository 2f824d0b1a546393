"""Scan login in Chromium: the portal in one browser context, the H5
mini-program in another, then an operator under a precise grant.

Needs Debian's Chromium at /usr/bin/chromium, the playwright package and the
H5 build (`scripts/build-miniapp`); `.ci/run` provides all three. The server
runs in its own process on a throwaway SQLite database with the demo data.
"""

import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from graph.person.resident_id import Gender, make_resident_id
from graph.settings import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
H5_BUILD = PROJECT_ROOT / "miniapp" / "dist" / "build" / "h5" / "index.html"
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REVOKE = """mutation($id: ID!) {
  revokeAuthorization(id: $id) { errors { code } } }"""
SUSPEND = """mutation { suspendPerson(input: { ssn: "330302199001011234",
  reason: RESIGNATION, suspendDate: "2026-06-30" }) { errors { code } } }"""
DEMO_OPERATOR_ID = make_resident_id("330302", date(1988, 5, 12), 3, Gender.FEMALE)

playwright_api = pytest.importorskip("playwright.async_api")
zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
    pytest.mark.skipif(not H5_BUILD.exists(), reason="needs the H5 build"),
    # The server under test has its own SQLite file, so one run is enough.
    pytest.mark.skipif(
        bool(os.environ.get("TEST_DATABASE_URL")), reason="runs on SQLite only"
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="browser-") as data_dir:
        env = {**os.environ, "DATA_DIR": data_dir}
        env.pop("SECRET_KEY", None)
        process = subprocess.Popen(
            [sys.executable, "-m", "graph", "serve", "--demo", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(120):
                try:
                    with urllib.request.urlopen(f"{base}/healthz") as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.5)
            else:
                pytest.fail("the demo server did not start within 60 s")
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def call(base: str, query: str, variables: dict | None = None, token: str = ""):
    request = urllib.request.Request(
        f"{base}/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={
            "Content-Type": "application/json",
            **({"Authorization": f"Bearer {token}"} if token else {}),
        },
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


async def open_portal(context, base: str):
    portal = await context.new_page()
    await portal.goto(f"{base}/portal/")
    await portal.wait_for_selector("#qr svg")
    return portal


async def read_qr_code(portal) -> str:
    """Decode the QR code as a camera would, from a picture of the element."""
    picture = Image.open(io.BytesIO(await portal.locator("#qr").screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(picture)]
    assert len(decoded) == 1, decoded
    return decoded[0]


async def scan_in_app(context, base: str, username: str, qr_content: str, shots: str):
    app = await context.new_page()
    await app.goto(f"{base}/app/")
    await app.wait_for_selector("uni-input input")
    await app.screenshot(path=SCREENSHOTS / f"{shots}-1-login.png")
    inputs = app.locator("uni-input input")
    await inputs.nth(0).fill(username)
    await inputs.nth(1).fill("demo123456")
    await app.locator("uni-button").first.click()
    await app.get_by_text("扫码登录").last.wait_for()
    await app.screenshot(path=SCREENSHOTS / f"{shots}-2-wallet.png")
    await app.get_by_text("扫码登录").last.click()
    await app.locator("uni-input input, uni-textarea textarea").first.wait_for()
    await app.locator("uni-input input, uni-textarea textarea").first.fill(qr_content)
    await app.get_by_text("识别二维码").click()
    await app.get_by_text("确认登录").wait_for()
    await app.screenshot(path=SCREENSHOTS / f"{shots}-3-confirm.png")
    await app.locator("uni-input input").last.fill("112233")
    await app.get_by_text("确认登录").click()
    return app


def loopback_router(base: str, outside: list[str]):
    """Return a route handler that aborts every request not to ``base``."""

    async def only_loopback(route):
        if route.request.url.startswith(base):
            await route.continue_()
        else:
            outside.append(route.request.url)
            await route.abort()

    return only_loopback


async def allow_only_loopback(context, base: str, outside: list[str]):
    """Abort every request and reject every websocket not to ``base``.

    ``context.route`` does not see websockets, so they get their own route.
    """
    await context.route("**/*", loopback_router(base, outside))
    socket_base = "ws" + base.removeprefix("http")

    async def reject(socket_route):
        outside.append(socket_route.url)
        await socket_route.close()

    await context.route_web_socket(lambda url: not url.startswith(socket_base), reject)


async def log_in_app(context, base: str, username: str):
    app = await context.new_page()
    await app.goto(f"{base}/app/")
    await app.wait_for_selector("uni-input input")
    inputs = app.locator("uni-input input")
    await inputs.nth(0).fill(username)
    await inputs.nth(1).fill("demo123456")
    await app.locator("uni-button").first.click()
    await app.get_by_text("扫码登录").last.wait_for()
    return app


async def test_scan_login_and_precise_operator(server):
    SCREENSHOTS.mkdir(exist_ok=True)
    outside: list[str] = []
    only_loopback = loopback_router(server, outside)

    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        portal_context = await browser.new_context()
        phone_context = await browser.new_context(
            viewport={"width": 390, "height": 844}
        )
        for context in (portal_context, phone_context):
            await context.route("**/*", only_loopback)

        portal = await open_portal(portal_context, server)
        await portal.screenshot(path=SCREENSHOTS / "portal-1-qr.png")
        content = await read_qr_code(portal)
        await scan_in_app(phone_context, server, "legalrep", content, "legalrep")
        await portal.wait_for_selector("#done-panel:not([hidden])", timeout=5000)
        await portal.screenshot(path=SCREENSHOTS / "portal-2-logged-in.png")
        assert "温州瓯越示范科技有限公司" in await portal.inner_text("#unit-name")
        legal_token = await portal.evaluate("sessionStorage.getItem('portalToken')")

        grants = call(server, "{ authorizations { id status } }", token=legal_token)
        for grant in grants["data"]["authorizations"]:
            call(server, REVOKE, {"id": grant["id"]}, legal_token)
        grant_page = await phone_context.new_page()
        await grant_page.goto(f"{server}/app/#/pages/wallet/wallet")
        await grant_page.get_by_text("授权管理").click()
        await grant_page.get_by_text("新增授权").wait_for()
        await grant_page.screenshot(path=SCREENSHOTS / "legalrep-4-authorizations.png")
        await grant_page.get_by_text("新增授权").click()
        await grant_page.locator(".name-input input").fill("林晓燕")
        await grant_page.locator(".id-number-input input").fill(DEMO_OPERATOR_ID)
        await grant_page.locator(".mobile-input input").fill("13957700001")
        await grant_page.locator("text=精准授权").click()
        await grant_page.locator("text=职工参保登记").click()
        await grant_page.screenshot(path=SCREENSHOTS / "legalrep-5-grant-form.png")
        await grant_page.locator(".submit").click()
        await grant_page.get_by_text("新增授权").wait_for()
        await grant_page.screenshot(path=SCREENSHOTS / "legalrep-6-granted.png")
        grants = call(
            server, "{ authorizations { id status scope } }", token=legal_token
        )["data"]["authorizations"]
        precise = [g for g in grants if g["status"] == "ACTIVE"]
        assert [g["scope"] for g in precise] == ["PRECISE"]

        operator_context = await browser.new_context()
        await operator_context.route("**/*", only_loopback)
        operator_portal = await open_portal(operator_context, server)
        content = await read_qr_code(operator_portal)
        await scan_in_app(phone_context, server, "operator", content, "operator")
        await operator_portal.wait_for_selector(
            "#done-panel:not([hidden])", timeout=5000
        )
        operator_token = await operator_portal.evaluate(
            "sessionStorage.getItem('portalToken')"
        )

        suspend = call(server, SUSPEND, token=operator_token)
        assert suspend["errors"][0]["extensions"]["code"] == "FORBIDDEN"

        call(server, REVOKE, {"id": precise[0]["id"]}, legal_token)
        after = call(server, "{ me { username } }", token=operator_token)
        assert after["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

        await browser.close()

    assert outside == []


async def test_certificate_picture_and_administrators(server, tmp_path):
    SCREENSHOTS.mkdir(exist_ok=True)
    outside: list[str] = []
    only_loopback = loopback_router(server, outside)

    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        portal_context = await browser.new_context()
        phone_context = await browser.new_context(
            viewport={"width": 390, "height": 844}
        )
        for context in (portal_context, phone_context):
            await context.route("**/*", only_loopback)

        portal = await open_portal(portal_context, server)
        picture = tmp_path / "portal-qr.png"
        await portal.locator("#qr").screenshot(path=picture)

        app = await log_in_app(phone_context, server, "legalrep")
        credentials = app.locator(".credential-item")
        await credentials.first.wait_for()
        await app.screenshot(path=SCREENSHOTS / "certificate-1-wallet.png")
        assert await credentials.count() == 2
        assert "电子营业执照" in await credentials.nth(0).inner_text()
        assert "数字法人证书" in await credentials.nth(1).inner_text()

        await app.get_by_text("扫码登录").last.click()
        async with app.expect_file_chooser() as chooser:
            await app.get_by_text("从相册选择二维码图片").click()
        await (await chooser.value).set_files(picture)
        await app.get_by_text("确认登录").last.wait_for()
        await app.get_by_text("数字法人证书").click()
        assert await app.get_by_text("证书密码", exact=True).count() == 1
        await app.locator(".pin-input input").fill("112233")
        await app.screenshot(path=SCREENSHOTS / "certificate-2-confirm.png")
        await app.locator(".confirm").click()
        await portal.wait_for_selector("#done-panel:not([hidden])", timeout=5000)
        token = await portal.evaluate("sessionStorage.getItem('portalToken')")
        me = call(server, "{ me { loginMethod } }", token=token)["data"]["me"]
        assert me == {"loginMethod": "DIGITAL_CERTIFICATE"}

        await app.goto(f"{server}/app/#/pages/wallet/wallet")
        await app.get_by_text("证照管理员").first.click()
        await app.locator(".id-number-input input").fill(DEMO_OPERATOR_ID)
        await app.locator(".appoint").click()
        await app.locator(".administrator-item").first.wait_for()
        await app.screenshot(path=SCREENSHOTS / "administrators-1-appointed.png")
        assert "林晓燕" in await app.locator(".administrator-item").inner_text()
        await app.locator(".remove").click()
        await app.get_by_text("确定移除").wait_for()
        await app.screenshot(path=SCREENSHOTS / "administrators-2-remove-dialog.png")
        await app.locator(".remove-dialog").get_by_text("移除", exact=True).click()
        await app.get_by_text("暂未设置证照管理员").wait_for()
        listed = call(server, "{ licenceAdministrators { id } }", token=token)
        assert listed["data"]["licenceAdministrators"] == []

        await browser.close()

    assert outside == []
