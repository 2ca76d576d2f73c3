// Kernel family: silhouette. Sums of the distances from 8 rows to every point, per cluster and
// for several labellings at once (Silhouette.swift).

// The Euclidean distances from one point y (‖y‖² = yn) to the 8 rows of a transposed panel rp
// (rp[j · 8 + lane], squared norms rn0 | rn1), given the dot products a0 | a1:
// sqrt(max(0, ‖x‖² + ‖y‖² − 2x·y)), or Σ_j (x_j − y_j)² summed directly for the lanes where
// the expanded form falls below 10⁻⁴ (‖x‖² + ‖y‖²) and would cancel (the row itself among them).
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(sil_distances)(
    const double *y, double yn, size_t d, const double *rp, v4d rn0, v4d rn1, v4d a0, v4d a1,
    v4d *d0, v4d *d1) {
  v4d n = ks_splat(yn);
  v4d s0 = (rn0 + n) - (a0 + a0);
  v4d s1 = (rn1 + n) - (a1 + a1);
  v4d scale = ks_splat(1e-4);
  v4l m0 = s0 < scale * (rn0 + n);
  v4l m1 = s1 < scale * (rn1 + n);
  if (KS_ANY(m0 | m1)) {
    double fixed[8];
    ks_store(fixed, s0);
    ks_store(fixed + 4, s1);
    for (int lane = 0; lane < 8; lane++) {
      double sum = 0;
      for (size_t j = 0; j < d; j++) {
        double delta = rp[j * KSK_LANES + lane] - y[j];
        sum += delta * delta;
      }
      fixed[lane] = sum;
    }
    s0 = ks_load(fixed);
    s1 = ks_load(fixed + 4);
  }
  v4d zero = {0, 0, 0, 0};
  *d0 = KS_SQRT_V(ks_select(s0 > zero, s0, zero));
  *d1 = KS_SQRT_V(ks_select(s1 > zero, s1, zero));
}

// Adds the distances d0 | d1 of point j to the 8 rows into the slots offsets[j · L + t] of
// every labelling t; points of even and odd index use separate copies of the slots, so that
// neighbouring points of one cluster do not wait on each other's sums.
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(sil_accumulate)(
    size_t j, const int32_t *offsets, size_t L, size_t S, v4d d0, v4d d1, double *sums) {
  const int32_t *o = offsets + j * L;
  double *copy = sums + (j & 1) * S * KSK_LANES;
  for (size_t t = 0; t < L; t++) {
    double *slot = copy + (size_t)o[t] * KSK_LANES;
    ks_store(slot, ks_load(slot) + d0);
    ks_store(slot + 4, ks_load(slot + 4) + d1);
  }
}

KS_ATTR static void KS_NAME(silhouette_rows8)(const double *rp, const double *rn, const double *x,
                                              const double *xn, size_t n, size_t d,
                                              const int32_t *offsets, size_t L, size_t S,
                                              double *sums) {
  v4d rn0 = ks_load(rn), rn1 = ks_load(rn + 4);
  size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    const double *y0 = x + j * d, *y1 = y0 + d, *y2 = y1 + d, *y3 = y2 + d;
    v4d a[8];
    KS_NAME(dots_4x8)(y0, y1, y2, y3, d, rp, KSK_LANES, a);
    const double *ys[4] = {y0, y1, y2, y3};
    for (size_t q = 0; q < 4; q++) {
      v4d d0, d1;
      KS_NAME(sil_distances)(ys[q], xn[j + q], d, rp, rn0, rn1, a[2 * q], a[2 * q + 1], &d0, &d1);
      KS_NAME(sil_accumulate)(j + q, offsets, L, S, d0, d1, sums);
    }
  }
  for (; j < n; j++) {
    const double *y = x + j * d;
    v4d a0 = {0, 0, 0, 0}, a1 = a0;
    for (size_t c = 0; c < d; c++) {
      v4d b = ks_splat(y[c]);
      a0 = KS_FMA_V(b, ks_load(rp + c * KSK_LANES), a0);
      a1 = KS_FMA_V(b, ks_load(rp + c * KSK_LANES + 4), a1);
    }
    v4d d0, d1;
    KS_NAME(sil_distances)(y, xn[j], d, rp, rn0, rn1, a0, a1, &d0, &d1);
    KS_NAME(sil_accumulate)(j, offsets, L, S, d0, d1, sums);
  }
}
