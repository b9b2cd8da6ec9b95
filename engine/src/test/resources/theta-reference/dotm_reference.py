#!/usr/bin/env python3
"""Reference values of the dynamic optimised Theta model (DOTM, Fiorucci et al. 2016, IJF 32(4) 1151-1161) for
DynamicOptimisedThetaTest, computed with numpy and scipy from the paper's state space equations, independently of
the Java code. Run from the repository root:

    python3 engine/src/test/resources/theta-reference/dotm_reference.py > engine/src/test/resources/theta-reference/dotm-reference.csv

Reads the series of r-reference/arima-series.csv (unique_id,season,horizon,y). For each, two rows:
  fixed:  the model at l_init = y_0, alpha = 0.3, theta = 2.5 on the raw values: the sum of squared one-step
          errors from the fourth value on, and the next `horizon` forecasts;
  fitted: scipy's bounded Nelder-Mead from l_init = y_0/2, alpha = 0.5, theta = 2 (0.1 <= alpha <= 0.99,
          theta >= 1), on the series divided by its classical multiplicative seasonal indices when it passes the
          90% seasonality test: the parameters, that sum and the forecasts with the season restored."""
import csv, math, os, sys
import numpy as np
from scipy.optimize import minimize

def run(y, l_init, alpha, theta, h=0):
    """Sum of squared one-step errors from index 3 on, and h forecasts (equations 3.2-3.5 of the paper, t from 0)."""
    n = len(y)
    level = alpha * y[0] + (1 - alpha) * l_init
    ybar, a, b = y[0], y[0], 0.0
    sse, f = 0.0, []
    for t in range(1, n + h):
        mu = level + (1 - 1 / theta) * (a * (1 - alpha) ** t + b * (1 - (1 - alpha) ** (t + 1)) / alpha)
        if t < n:
            v = y[t]
            if t >= 3:
                sse += (v - mu) ** 2
        else:
            v = mu
            f.append(mu)
        level = alpha * v + (1 - alpha) * level
        ybar_next = (t * ybar + v) / (t + 1)
        b = ((t - 1) * b + 6 * (v - ybar) / (t + 1)) / (t + 2)
        a = ybar_next - b * (t + 2) / 2
        ybar = ybar_next
    return sse, f

def acf(y, k):
    d = y - y.mean()
    return (d[k:] * d[:len(y) - k]).sum() / (d * d).sum()

def indices(y, m):
    """R's decompose(type = "multiplicative") figure, or None when the 90% test finds no season."""
    n = len(y)
    if m <= 1 or n < 3 * m or (y < 0).any():
        return None
    if abs(acf(y, m)) <= 1.645 * math.sqrt((1 + 2 * sum(acf(y, i) ** 2 for i in range(1, m))) / n):
        return None
    filt = np.r_[0.5, np.ones(m - 1), 0.5] / m if m % 2 == 0 else np.ones(m) / m
    ma = np.convolve(y, filt, mode='valid')
    half = m // 2
    ratio = y[half:half + len(ma)] / ma
    si = np.array([ratio[[i for i in range(len(ratio)) if (i + half) % m == j]].mean() for j in range(m)])
    return si * m / si.sum()

def fit(x):
    def obj(p):
        return run(x, p[0], p[1], p[2])[0] if 0.1 <= p[1] <= 0.99 and p[2] >= 1 else math.inf
    r = minimize(obj, [x[0] / 2, 0.5, 2.0], method='Nelder-Mead', bounds=[(None, None), (0.1, 0.99), (1, None)],
                 options=dict(maxiter=4000, xatol=1e-10, fatol=1e-12))
    return r.x

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rows = list(csv.DictReader(open(os.path.join(here, '..', 'r-reference', 'arima-series.csv'))))
    print('unique_id;kind;l_init;alpha;theta;sse;forecast')
    for r in rows:
        y, m, h = np.array([float(v) for v in r['y'].split()]), int(r['season']), int(r['horizon'])
        sse, f = run(y, y[0], 0.3, 2.5, h)
        print('%s;fixed;%.17g;0.3;2.5;%.17g;%s' % (r['unique_id'], y[0], sse, ' '.join('%.17g' % v for v in f)))
        si = indices(y, m)
        x = y if si is None else y / si[np.arange(len(y)) % m]
        p = fit(x)
        sse, f = run(x, p[0], p[1], p[2], h)
        if si is not None:
            f = [v * si[(len(y) + j) % m] for j, v in enumerate(f)]
        print('%s;fitted;%.17g;%.17g;%.17g;%.17g;%s' % (r['unique_id'], p[0], p[1], p[2], sse,
                                                      ' '.join('%.17g' % v for v in f)))

if __name__ == '__main__':
    main()
