"""Building one-line error messages: how a user's value is shown, and the shared checks.

Every error cilib raises for bad input is one line in the house style
``f"{param}: got {shown(value)}; allowed: {what}"``. :func:`shown` is the one place a user's
value is turned into text for a message: one line, at most :data:`MAX_SHOWN` characters, so a
100 MB string or an integer of 400 digits is never echoed back in full. :func:`number` checks a
number against a range (refusing booleans, strings, NaN and integers too large for a float),
and :func:`aligned` reads a per-pregnancy Series by the cohort's index.

Examples
--------
>>> shown("x" * 1000)[:12], len(shown("x" * 1000))
("'xxxxxxxxxxx", 80)
>>> number("p", 0.5, 0.0, 1.0)
0.5
>>> number("p", 10**400, 0.0, 1.0)
Traceback (most recent call last):
...
ValueError: p: got an integer of 401 digits; allowed: a number in [0, 1]
"""

from __future__ import annotations

import math
import numbers
import reprlib
from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["MAX_SHOWN", "aligned", "floats", "modelled_weeks", "number", "shown"]

#: The longest text :func:`shown` gives for a value (characters).
MAX_SHOWN = 80

_REPR = reprlib.Repr()
for _attr in ("maxtuple", "maxlist", "maxarray", "maxdict", "maxset", "maxfrozenset", "maxdeque"):
    setattr(_REPR, _attr, 6)
_REPR.maxlevel = 2
_REPR.maxstring = _REPR.maxlong = _REPR.maxother = MAX_SHOWN


def _digits(value: int) -> int:
    """Decimal digits of ``abs(value)`` (exact, without building the string)."""
    v = abs(value)
    if v == 0:
        return 1
    d = int(v.bit_length() * math.log10(2))  # d or d + 1 digits
    return d + 1 if v >= 10**d else d


def shown(value: Any) -> str:
    """``repr(value)`` for an error message: one line, at most :data:`MAX_SHOWN` characters.

    A longer text is cut and ends with ``...``; an integer with more digits than fit is
    described by its number of digits (``an integer of 401 digits``); line breaks become
    spaces. Strings and bytes are cut before ``repr`` is taken, so a huge value costs nothing.

    Parameters
    ----------
    value : object
        Whatever the user passed.

    Returns
    -------
    str
        The text to put after ``got`` in a message.

    Examples
    --------
    >>> shown(0.25), shown("mars"), shown(10**100)
    ('0.25', "'mars'", 'an integer of 101 digits')
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_):
        value = int(value)
        if value.bit_length() > 4 * MAX_SHOWN:  # over 96 digits: never turned into text
            return f"an integer of {_digits(value)} digits"
        text = repr(value)
        return text if len(text) <= MAX_SHOWN else f"an integer of {_digits(value)} digits"
    if isinstance(value, str | bytes):
        text = repr(value[: MAX_SHOWN + 1])
    else:
        try:
            text = _REPR.repr(value)
        except Exception:  # a broken __repr__ must not hide the error being reported
            text = f"<{type(value).__name__}>"
    text = " ".join(text.split()) if ("\n" in text or "\r" in text) else text
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."


def number(
    name: str,
    value: Any,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    what: str | None = None,
    integer: bool = False,
    above: bool = False,
) -> float:
    """``value`` as a float, checked to be a real number in ``[low, high]``.

    Parameters
    ----------
    name : str
        The parameter, named first in the message.
    value : object
        What the user passed.
    low, high : float
        Closed range of allowed values (infinite bounds admit any finite number).
    what : str, optional
        What is allowed, in words (default ``a number in [low, high]``).
    integer : bool
        Whether the value must be a whole number.
    above : bool
        Whether the value must be strictly above ``low`` (the range is then ``(low, high]``).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a real number (booleans, strings, ``None``, arrays).
    ValueError
        If it is NaN, infinite (whatever the bounds), too large for a float, not whole where
        ``integer``, or outside ``[low, high]``.

    Examples
    --------
    >>> number("weeks", 20, 14, 34)
    20.0
    """
    if what is None:
        kind = "a whole number" if integer else "a number"
        what = f"{kind} in {'(' if above else '['}{low:g}, {high:g}]"
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name}: got {shown(value)} of type {type(value).__name__}; allowed: {what}"
        )
    try:
        v = float(value)
    except OverflowError:
        raise ValueError(f"{name}: got {shown(value)}; allowed: {what}") from None
    inside = (low < v if above else low <= v) and v <= high
    if not (math.isfinite(v) and inside) or (integer and v != round(v)):
        got = "NaN" if math.isnan(v) else shown(value)
        raise ValueError(f"{name}: got {got}; allowed: {what}")
    return v


def floats(name: str, values: Any, what: str) -> np.ndarray:
    """``values`` as a float64 array (NaN allowed), or a one-line :class:`TypeError` naming
    ``name`` when they are not numbers (strings, ``None``, objects).

    Parameters
    ----------
    name : str
        The parameter.
    values : object
        A number or an array-like of numbers.
    what : str
        What is allowed, in words.

    Returns
    -------
    numpy.ndarray of float64
    """
    if getattr(getattr(values, "dtype", None), "kind", "O") in "iuf" and hasattr(
        values, "to_numpy"
    ):
        # pandas, nullable dtypes included (NA becomes NaN)
        return np.asarray(values.to_numpy(dtype=np.float64, na_value=np.nan))
    try:
        arr = None if isinstance(values, str | bytes) else np.asarray(values)
    except (TypeError, ValueError):  # ragged nested sequences
        arr = None
    if arr is not None and arr.dtype.kind in "iuf":
        return arr.astype(np.float64, copy=False)
    # objects: numbers and None (NaN) only; numpy would read "20" as 20.0
    if (
        arr is not None
        and arr.dtype.kind == "O"
        and not any(isinstance(x, str | bytes | bool) for x in arr.ravel())
    ):
        try:
            return arr.astype(np.float64)
        except OverflowError:  # numbers, too large for a float
            raise ValueError(f"{name}: got {shown(values)}; allowed: {what}") from None
        except (TypeError, ValueError):
            pass
    raise TypeError(f"{name}: got {shown(values)}; allowed: {what}")


def aligned(name: str, values: Any, index: Any) -> Any:
    """``values`` with a pandas Series or DataFrame put in the order of ``index``.

    A Series (or frame) indexed like the cohort is read by its labels, not by position: one
    with the same labels in another order is reordered; one whose labels differ is refused.
    Anything else (a scalar, a list, an array) is returned unchanged, to be read by position.

    Parameters
    ----------
    name : str
        The parameter, named in the message.
    values : object
        What the user passed.
    index : pandas.Index
        The cohort's index.

    Returns
    -------
    object
        ``values``, reordered to ``index`` if it is a Series or DataFrame.

    Raises
    ------
    ValueError
        For a Series or DataFrame whose index does not hold exactly the cohort's labels.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.Index([10, 11, 12])
    >>> aligned("ga_weeks", pd.Series([22.0, 20.0, 21.0], index=[12, 10, 11]), idx).tolist()
    [20.0, 21.0, 22.0]
    """
    import pandas as pd  # only here: cilib.params is imported without pandas

    if not isinstance(values, pd.Series | pd.DataFrame):
        return values
    if values.index.equals(index):
        return values
    same = (
        len(values) == len(index)
        and values.index.is_unique
        and index.is_unique
        and values.index.isin(index).all()
    )
    if not same:
        extra = values.index.difference(index) if values.index.is_unique else values.index
        example = f" (for example {shown(extra[0])})" if len(extra) else ""
        raise ValueError(
            f"{name}: got a {type(values).__name__} of {len(values)} rows whose index does not "
            f"match the cohort's ({len(index)} rows){example}; allowed: an index with the "
            "cohort's labels (in any order)"
        )
    return values.reindex(index)


def modelled_weeks(a: Mapping[str, float]) -> tuple[float, float]:
    """The gestations (weeks) at which the model has births, ``(start, end)``, under ``a``.

    ``start`` is ``hazard_start_weeks`` (the competing hazards begin; nothing ends a pregnancy
    earlier), ``end`` the latest planned birth (``planned_birth_latest_weeks`` of singletons,
    ``planned_birth_twin_weeks``, ``planned_birth_triplet_weeks``): every pregnancy has ended
    by then.

    Parameters
    ----------
    a : Assumptions
        The assumptions of the run.

    Returns
    -------
    tuple of float
    """
    end = max(
        a["planned_birth_latest_weeks"],
        a["planned_birth_twin_weeks"],
        a["planned_birth_triplet_weeks"],
    )
    return float(a["hazard_start_weeks"]), float(end)
