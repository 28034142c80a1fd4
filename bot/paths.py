"""Where the bundled data lives: next to the packages, in the source tree or the image."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOCALES_DIR = PROJECT_ROOT / "locales"
CONTENT_DIR = PROJECT_ROOT / "content"
