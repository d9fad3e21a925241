"""Building blocks of the rule-set schema: exact shares, citations, parameters."""

from fractions import Fraction
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

V = TypeVar("V")


def _ratio(value: object) -> Fraction:
    """``"1/3"``, ``"0.10"``, ``"40%"`` or ``"11/10"`` as an exact fraction (else ValueError)."""
    text = str(value).strip()
    try:
        return Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{text!r} is not a number, a fraction or a percentage") from None


def _fraction(value: object) -> Fraction:
    """A share written as a string: ``"1/3"``, ``"0.10"`` or ``"40%"`` (no float rounding)."""
    if not isinstance(value, str | int | Fraction):
        raise ValueError("write a share as a string such as '1/3', '0.10' or '40%'")
    share = _ratio(value)
    if not 0 < share <= 1:
        raise ValueError("a share must be above 0 and at most 1")
    return share


Share = Annotated[Fraction, BeforeValidator(_fraction), PlainSerializer(str, return_type=str)]
PositiveInt = Annotated[int, Field(gt=0)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(Frozen):
    law: str
    article: str
    url: str | None = None
    #: The law's short name for citizens ("Elections Law"); the full ``law`` when absent.
    short: str | None = None
    #: A value chosen by the project (or the commission) because the official text could not be
    #: read: shown to citizens as "not confirmed", never as a source.
    project_default: bool = False

    @property
    def in_words(self) -> str:
        """``Elections Law, Art. 113-16(3)``: the source as a reader cites it."""
        return f"{self.short or self.law}, {self.article}"


class Param(Frozen, Generic[V]):
    """One parameter: its value, where the value comes from, and whether that was confirmed."""

    value: V
    confirmed: bool
    cite: str
    note: str = ""
