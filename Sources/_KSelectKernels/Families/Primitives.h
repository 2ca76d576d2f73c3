// Kernel family: primitives. The lane helpers every other family builds on (loads, selects,
// lowest-index minima), the squared distance Σ_j (a_j − b_j)² in index order, and the 4 × 8 tile
// of expanded values ‖c‖² − 2x·c that the assignment, Hamerly and transfer families share.
// Written once over the variant's macro set (see Variant.h); never included on its own.

// Short names for this variant's helpers; Variant.h undefines them after the last family.
#define ks_load KS_NAME(load)
#define ks_store KS_NAME(store)
#define ks_splat KS_NAME(splat)
#define ks_select_index KS_NAME(select_index)
#define ks_select KS_NAME(select)
#define ks_keep_min KS_NAME(keep_min)
#define ks_reduce KS_NAME(reduce)
#define ks_reduce_group KS_NAME(reduce_group)
#define ks_sqdist KS_NAME(sqdist)
#define ks_sqdist4 KS_NAME(sqdist4)
#define ks_sqrt_lanes KS_NAME(sqrt_lanes)
#define ks_any_lanes KS_NAME(any_lanes)
#define ks_spread_min KS_NAME(spread_min)
#define ks_mask_lanes KS_NAME(mask_lanes)
#define ks_load_first KS_NAME(load_first)
#define ks_mask8_lanes KS_NAME(mask8_lanes)

KS_ATTR static inline __attribute__((always_inline)) v4d ks_load(const double *p) {
  v4d v;
  memcpy(&v, p, sizeof v);
  return v;
}

KS_ATTR static inline __attribute__((always_inline)) void ks_store(double *p, v4d v) {
  memcpy(p, &v, sizeof v);
}

KS_ATTR static inline __attribute__((always_inline)) v4d ks_splat(double s) { return (v4d){s, s, s, s}; }

KS_ATTR static inline __attribute__((always_inline)) v4d ks_select(v4l mask, v4d a, v4d b) {
  return (v4d)(((v4l)a & mask) | ((v4l)b & ~mask));
}

KS_ATTR static inline __attribute__((always_inline)) v4l ks_select_index(v4l mask, v4l a, v4l b) {
  return (a & mask) | (b & ~mask);
}

// Keeps, lane by lane, the smaller value; an equal later value does not replace an earlier one,
// so every lane holds its lowest-index minimum.
KS_ATTR static inline __attribute__((always_inline)) void ks_keep_min(v4d *best, v4l *index, v4d value,
                                                              v4l candidate) {
  v4l smaller = value < *best;
  *best = ks_select(smaller, value, *best);
  *index = ks_select_index(smaller, candidate, *index);
}

KS_ATTR static inline __attribute__((always_inline)) int ks_mask_lanes(v4l m) {
  return (int)((m[0] != 0) | ((m[1] != 0) << 1) | ((m[2] != 0) << 2) | ((m[3] != 0) << 3));
}

// The smallest of the eight lanes of a and b, in every lane.
KS_ATTR static inline __attribute__((always_inline)) v4d ks_spread_min(v4d a, v4d b) {
  v4d m = ks_select(b < a, b, a);
  v4d swapped = __builtin_shufflevector(m, m, 2, 3, 0, 1);
  m = ks_select(swapped < m, swapped, m);
  swapped = __builtin_shufflevector(m, m, 1, 0, 3, 2);
  return ks_select(swapped < m, swapped, m);
}

// The lowest index among the eight lanes (values b0, b1 with indices i0, i1) that hold the
// minimum value: the minimum is spread to every lane, the lanes equal to it form a bit mask, and
// the one index behind a single bit is returned directly (ties, rare, take the lowest index).
KS_ATTR static inline __attribute__((always_inline)) int32_t ks_reduce(v4d b0, v4l i0, v4d b1,
                                                                       v4l i1) {
  v4d m = ks_spread_min(b0, b1);
  unsigned bits = (unsigned)KS_MASK(b0 == m) | ((unsigned)KS_MASK(b1 == m) << 4);
  long long index[8];
  memcpy(index, &i0, sizeof i0);
  memcpy(index + 4, &i1, sizeof i1);
  long long best = index[__builtin_ctz(bits)];
  for (bits &= bits - 1; bits; bits &= bits - 1)
    if (index[__builtin_ctz(bits)] < best) best = index[__builtin_ctz(bits)];
  return (int32_t)best;
}

// ks_reduce for one lane group, where lane l holds index l: the lowest lane holding the minimum.
KS_ATTR static inline __attribute__((always_inline)) int32_t ks_reduce_group(v4d b0, v4d b1) {
  v4d m = ks_spread_min(b0, b1);
  unsigned bits = (unsigned)KS_MASK(b0 == m) | ((unsigned)KS_MASK(b1 == m) << 4);
  return (int32_t)__builtin_ctz(bits);
}

KS_ATTR static inline __attribute__((always_inline)) double ks_sqdist(const double *a, const double *b,
                                                              size_t d) {
  double sum = 0;
  for (size_t j = 0; j < d; j++) {
    double delta = a[j] - b[j];
    sum += delta * delta;
  }
  return sum;
}

// ks_sqdist for four pairs at once: four independent chains, each summed in index order exactly
// as ks_sqdist sums it, so the results are bit-identical and the adds' latency overlaps.
KS_ATTR static inline __attribute__((always_inline)) void ks_sqdist4(
    const double *a0, const double *a1, const double *a2, const double *a3, const double *b0,
    const double *b1, const double *b2, const double *b3, size_t d, double *out) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (size_t j = 0; j < d; j++) {
    double e0 = a0[j] - b0[j], e1 = a1[j] - b1[j], e2 = a2[j] - b2[j], e3 = a3[j] - b3[j];
    s0 += e0 * e0;
    s1 += e1 * e1;
    s2 += e2 * e2;
    s3 += e3 * e3;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

KS_ATTR static inline __attribute__((always_inline)) v4d ks_sqrt_lanes(v4d v) {
  return (v4d){__builtin_sqrt(v[0]), __builtin_sqrt(v[1]), __builtin_sqrt(v[2]),
               __builtin_sqrt(v[3])};
}

KS_ATTR static inline __attribute__((always_inline)) v4d ks_load_first(const double *p, size_t n) {
  v4d v = {0, 0, 0, 0};
  for (size_t l = 0; l < n; l++) v[l] = p[l];
  return v;
}

// Whether any bit of the four lanes is set (KS_ANY's portable form).
KS_ATTR static inline __attribute__((always_inline)) int ks_any_lanes(v4l m) {
  return (m[0] | m[1] | m[2] | m[3]) != 0;
}

// Lane l's bit of an 8-lane compare mask as bit l (KS_MASK8's portable form).
KS_ATTR static inline __attribute__((always_inline)) int ks_mask8_lanes(v8i m) {
  int bits = 0;
  for (int l = 0; l < 8; l++) bits |= (m[l] != 0) << l;
  return bits;
}

// The value ‖c‖² − 2x·c for one point against the 8 centroids of one lane group.
// acc = Σ_j x_j c_j is accumulated in j order with KS_FMA; the doubling is exact.
KS_ATTR static inline void KS_NAME(values_1x8)(const double *x, size_t d, const double *ct,
                                              const double *cn, size_t kpad, size_t c0,
                                              v4d *lo, v4d *hi) {
  v4d a0 = {0, 0, 0, 0}, a1 = {0, 0, 0, 0};
  const double *p = ct + c0;
  for (size_t j = 0; j < d; j++) {
    v4d b = ks_splat(x[j]);
    a0 = KS_FMA_V(b, ks_load(p + j * kpad), a0);
    a1 = KS_FMA_V(b, ks_load(p + j * kpad + 4), a1);
  }
  *lo = ks_load(cn + c0) - (a0 + a0);
  *hi = ks_load(cn + c0 + 4) - (a1 + a1);
}

// The 4 × 8 dot products of four rows with the 8 points of a transposed panel p (p[j · stride
// + lane]): a[2q] holds row q's lanes 0…3, a[2q + 1] its lanes 4…7, each accumulated in j
// order with KS_FMA_V (bit-identical to values_1x8's accumulation).
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(dots_4x8)(
    const double *x0, const double *x1, const double *x2, const double *x3, size_t d,
    const double *p, size_t stride, v4d a[8]) {
  v4d a00 = {0, 0, 0, 0}, a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00,
      a31 = a00;
  for (size_t j = 0; j < d; j++) {
    v4d lo = ks_load(p + j * stride), hi = ks_load(p + j * stride + 4);
    v4d b0 = ks_splat(x0[j]), b1 = ks_splat(x1[j]);
    a00 = KS_FMA_V(b0, lo, a00);
    a01 = KS_FMA_V(b0, hi, a01);
    a10 = KS_FMA_V(b1, lo, a10);
    a11 = KS_FMA_V(b1, hi, a11);
    v4d b2 = ks_splat(x2[j]), b3 = ks_splat(x3[j]);
    a20 = KS_FMA_V(b2, lo, a20);
    a21 = KS_FMA_V(b2, hi, a21);
    a30 = KS_FMA_V(b3, lo, a30);
    a31 = KS_FMA_V(b3, hi, a31);
  }
  a[0] = a00;
  a[1] = a01;
  a[2] = a10;
  a[3] = a11;
  a[4] = a20;
  a[5] = a21;
  a[6] = a30;
  a[7] = a31;
}

// The 4 × 8 tile: for four rows and the 8 centroids of the lane group at c0, the values
// ‖c‖² − 2x·c (bit-identical to values_1x8). v[2q] holds row q's centroids c0…c0+3, v[2q + 1]
// its c0+4…c0+7.
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(tile_4x8)(
    const double *x0, const double *x1, const double *x2, const double *x3, size_t d,
    const double *ct, const double *cn, size_t kpad, size_t c0, v4d v[8]) {
  KS_NAME(dots_4x8)(x0, x1, x2, x3, d, ct + c0, kpad, v);
  v4d nlo = ks_load(cn + c0), nhi = ks_load(cn + c0 + 4);
  for (int q = 0; q < 8; q += 2) {
    v[q] = nlo - (v[q] + v[q]);
    v[q + 1] = nhi - (v[q + 1] + v[q + 1]);
  }
}
