"""Seeded test data for the sweep's sampled passes: Gaussian blobs or a uniform null, as CSV.

    python blobs.py N D K SEED OUT [--spread S] [--null]

Blobs: K centres uniform in [0, 10]^D, each blob N(centre, S² I) (S = 1 by default), sizes
multinomial with equal shares. --null: N points uniform in [0, 1]^D (K ignored).
"""
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("n", type=int)
parser.add_argument("d", type=int)
parser.add_argument("k", type=int)
parser.add_argument("seed", type=int)
parser.add_argument("out")
parser.add_argument("--spread", type=float, default=1.0)
parser.add_argument("--null", action="store_true")
args = parser.parse_args()
rng = np.random.default_rng(args.seed)
if args.null:
    x = rng.uniform(0.0, 1.0, size=(args.n, args.d))
else:
    centres = rng.uniform(0.0, 10.0, size=(args.k, args.d))
    labels = rng.integers(0, args.k, size=args.n)
    x = centres[labels] + args.spread * rng.standard_normal((args.n, args.d))
header = ",".join(f"x{j + 1}" for j in range(args.d))
np.savetxt(args.out, x, delimiter=",", header=header, comments="", fmt="%.10g")
