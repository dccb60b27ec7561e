"""The one kind of validation error the models raise for the data's own rules, read back by the loader."""

from __future__ import annotations

from pydantic_core import PydanticCustomError


def rule_error(
    message: str, hint: str, at: tuple = (), key: bool = False, fragment: tuple[str, int] | None = None
) -> PydanticCustomError:
    """A validation error with a maintainer-facing hint (read back by the loader).

    `at` is a path below the value being validated where the problem stands
    (for example a list index); `key` points at the field name rather than its value;
    `fragment` is (text, n): the problem is the n-th occurrence of that text inside the value,
    so the loader can give the column of the very character at fault.
    """
    context = {"message": message, "hint": hint, "at": at, "key": key, "fragment": fragment}
    return PydanticCustomError("kb_rule", "{message}", context)
