"""Insurance certificates (参保证明); the public verification page is at /verify/."""

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
