"""Fast tests: pure functions and data checks; no site build, no browser, no subprocess (make test-fast)."""
