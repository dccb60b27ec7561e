"""The project's tests: tests/unit (no build, no browser, no subprocess) and tests/site (builds, browsers, commands)."""
