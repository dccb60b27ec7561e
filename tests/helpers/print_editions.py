"""The edition date and site address the print-edition tests print with."""

from __future__ import annotations

import datetime as dt

EDITION = dt.date(2026, 11, 30)
SITE_URL = "https://whrd.example.org/"
