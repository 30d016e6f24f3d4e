"""Packaged data files: fonts, message catalogs, demo catalog, region table, search vocabulary."""
from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent
