"""The build date the offline copies of the tests are made with."""

from __future__ import annotations

import time

# The build's date for these copies: today at midnight (UTC). A fixed date would fall behind the data,
# whose sources may not be dated after the build (the build refuses future dates).
EPOCH = str(int(time.time()) // 86400 * 86400)
