"""The directory's repository data and the check that a contact detail is printed in the sources."""

from __future__ import annotations

import re

import phonenumbers

from tests.helpers import ROOT, repository_kb

SHARED = ROOT.parent / "shared"


# ---------------------------------------------------------------- every fact traces to its source


def facts_text() -> str:
    """Every file of sourced facts (services-facts.md, -national.md, -fresh.md) and the seeds, as one text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "sources").glob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    return "\n".join(texts).replace("[at]", "@").replace("[dot]", ".")


def number_runs(text: str) -> set[str]:
    """The digits of every number as printed in the sources ("01-5010000", "+256 393 266 826", "1145")."""
    return {re.sub(r"\D", "", m) for m in re.findall(r"[+(]?\d[\d\s().\-]*\d", text.replace("(0)", ""))}


def traces_to_sources(href: str, text: str, runs: set[str]) -> bool:
    """Does a tel:, sms:, mailto: or web link's target appear in the sources, as printed there?

    An international number may be printed with its country code (+977, 00977, (977)) or in national
    form (0 and the national number); a short or national-only number exactly as dialled.
    """
    scheme, _, rest = href.partition(":")
    if scheme in ("tel", "sms"):
        if not rest.startswith("+"):
            return rest in runs
        number = phonenumbers.parse(rest)
        cc, nsn = str(number.country_code), phonenumbers.national_significant_number(number)
        return bool({cc + nsn, "00" + cc + nsn, "0" + nsn, nsn} & runs)
    if scheme == "mailto":
        return rest.lower() in re.sub(r"[\s,|]+", "", text).lower()
    return re.sub(r"^https?://", "", href).rstrip("/") in text


# ---------------------------------------------------------------- national services and country pages


def service_by_id(service_id: str):
    """A directory entry of the repository's data, by its id."""
    return next(s for s in repository_kb().services.services if s.id == service_id)
