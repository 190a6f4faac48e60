"""Gompertz hazards ``h(s) = exp(log_h0 + rate * s)``: the cumulative hazard and its inverse.

The building blocks of every competing process (:mod:`cilib.model.hazards`) and of the birth
after a rupture of the membranes (:mod:`cilib.model.failure`), in closed form.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["cumulative", "gompertz_time"]

#: A rate below this is treated as zero (constant hazard).
_FLAT = 1e-9


def cumulative(s, log_h0, rate):
    """Cumulative Gompertz hazard from 0 to ``s``: ``exp(log_h0) (exp(rate s) - 1) / rate``.

    ``s`` may be ``inf``; with ``rate`` near zero the hazard is constant (``exp(log_h0) s``).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        base = np.exp(log_h0)
        rising = rate > _FLAT
        if np.all(rising):  # the usual case: the same operations, in place on one array
            x = np.multiply(rate, s)
            if isinstance(x, np.ndarray) and x.dtype == np.result_type(x, base, rate):
                np.expm1(x, out=x)
                x *= base
                x /= rate
                return x
        safe = np.where(rising, rate, 1.0)
        return np.where(rising, base * np.expm1(rate * s) / safe, base * s)


def gompertz_time(e: np.ndarray, log_h0: np.ndarray | float, rate: np.ndarray | float):
    """Time (weeks after the origin) at which a Gompertz cumulative hazard reaches ``e``.

    Solves ``exp(log_h0) * (exp(rate * s) - 1) / rate = e`` for ``s``; with ``rate`` near zero
    the hazard is constant and ``s = e * exp(-log_h0)``. Returns ``inf`` where the hazard is
    zero.
    """
    log_h0 = np.asarray(log_h0)
    if log_h0.ndim == 0:  # a Python float keeps float32 draws in float32
        x = e * math.exp(-float(log_h0))
    else:  # a new array; the steps below work in place on it
        x = np.negative(log_h0)
        np.exp(x, out=x)
        x *= e
    rate = np.asarray(rate)
    if rate.ndim == 0:
        if rate > _FLAT:
            x *= rate
            np.log1p(x, out=x)
            x /= rate
        return x
    positive = rate > _FLAT
    if positive.all():  # the usual case: in place, no temporaries
        x *= rate
        np.log1p(x, out=x)
        x /= rate
        return x
    safe = np.where(positive, rate, 1.0)
    return np.where(positive, np.log1p(x * safe) / safe, x)
