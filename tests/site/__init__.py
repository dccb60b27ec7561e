"""Slow tests: real site builds, Chromium, and the project's commands run as a maintainer runs them."""
