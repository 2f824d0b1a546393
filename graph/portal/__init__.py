"""The portal's scan-login page (电子营业执照扫码登录入口), served at /portal/."""

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
