// The kernels' bodies, included twice by Kernels.c: once for AVX2/FMA, once portable.
// Expects KS_ATTR, KS_NAME(name), KS_FMA_V(a, b, acc), KS_FMA_S(a, b, acc), KS_SQRT_V(v),
// KS_ANY(mask), KS_MASK(mask) (lane l's sign bit as bit l) and KS_LOAD_FIRST(p, n) (p[0…n−1]
// in lanes 0…n−1 for 0 < n < 4, zeros above, nothing read past p[n − 1]) to be defined.

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

KS_ATTR static inline __attribute__((always_inline)) int ks_any_lanes(v4l m) {
  return (m[0] | m[1] | m[2] | m[3]) != 0;
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

// assign for at most four centroids (lanes 4…7 of the only lane group are padding): the same
// values in lanes 0…3 (each accumulated as tile_4x8 accumulates it), half the work. Rows
// [begin, end) with end − begin a multiple of 4 are done here; the caller does the rest.
KS_ATTR static size_t KS_NAME(assign_4)(const double *x, size_t d, size_t begin, size_t end,
                                        const double *ct, const double *cn, const double *c,
                                        int32_t *labels, double *dist) {
  size_t i = begin;
  v4d norms = ks_load(cn);
  for (; i + 4 <= end; i += 4) {
    const double *x0 = x + i * d, *x1 = x0 + d, *x2 = x1 + d, *x3 = x2 + d;
    v4d a0 = {0, 0, 0, 0}, a1 = a0, a2 = a0, a3 = a0;
    for (size_t j = 0; j < d; j++) {
      v4d lo = ks_load(ct + j * KSK_LANES);
      a0 = KS_FMA_V(ks_splat(x0[j]), lo, a0);
      a1 = KS_FMA_V(ks_splat(x1[j]), lo, a1);
      a2 = KS_FMA_V(ks_splat(x2[j]), lo, a2);
      a3 = KS_FMA_V(ks_splat(x3[j]), lo, a3);
    }
    v4d v[4] = {norms - (a0 + a0), norms - (a1 + a1), norms - (a2 + a2), norms - (a3 + a3)};
    int32_t w[4];
    for (int q = 0; q < 4; q++) {
      v4d m = ks_spread_min(v[q], v[q]);
      w[q] = (int32_t)__builtin_ctz((unsigned)KS_MASK(v[q] == m));
      labels[i + q] = w[q];
    }
    if (dist)
      ks_sqdist4(x0, x1, x2, x3, c + (size_t)w[0] * d, c + (size_t)w[1] * d,
                 c + (size_t)w[2] * d, c + (size_t)w[3] * d, d, dist + i);
  }
  return i;
}

KS_ATTR static void KS_NAME(assign)(const double *x, size_t d, size_t begin, size_t end,
                                    const double *ct, const double *cn, size_t kpad,
                                    const double *c, int32_t *labels, double *dist) {
  size_t i = begin;
  // Padding centroids have ‖c‖² = +∞; with lane 4 padding, only lanes 0…3 can win.
  if (kpad == KSK_LANES && cn[4] == __builtin_inf())
    i = KS_NAME(assign_4)(x, d, begin, end, ct, cn, c, labels, dist);
  for (; i + 4 <= end; i += 4) {
    const double *x0 = x + i * d, *x1 = x0 + d, *x2 = x1 + d, *x3 = x2 + d;
    // The first lane group initialises every lane's minimum; later groups replace it.
    v4d best[8];
    v4l index[8];
    KS_NAME(tile_4x8)(x0, x1, x2, x3, d, ct, cn, kpad, 0, best);
    for (int q = 0; q < 8; q += 2) {
      index[q] = (v4l){0, 1, 2, 3};
      index[q + 1] = (v4l){4, 5, 6, 7};
    }
    for (size_t c0 = KSK_LANES; c0 < kpad; c0 += KSK_LANES) {
      v4d v[8];
      KS_NAME(tile_4x8)(x0, x1, x2, x3, d, ct, cn, kpad, c0, v);
      long long b = (long long)c0;
      v4l ilo = {b, b + 1, b + 2, b + 3}, ihi = {b + 4, b + 5, b + 6, b + 7};
      for (int q = 0; q < 8; q += 2) {
        ks_keep_min(&best[q], &index[q], v[q], ilo);
        ks_keep_min(&best[q + 1], &index[q + 1], v[q + 1], ihi);
      }
    }
    int32_t w[4];
    for (int q = 0; q < 4; q++) {
      w[q] = kpad == KSK_LANES ? ks_reduce_group(best[2 * q], best[2 * q + 1])
                               : ks_reduce(best[2 * q], index[2 * q], best[2 * q + 1], index[2 * q + 1]);
      labels[i + q] = w[q];
    }
    if (dist)
      ks_sqdist4(x0, x1, x2, x3, c + (size_t)w[0] * d, c + (size_t)w[1] * d,
                 c + (size_t)w[2] * d, c + (size_t)w[3] * d, d, dist + i);
  }
  for (; i < end; i++) {
    const double *xi = x + i * d;
    v4d best0 = ks_splat(__builtin_inf()), best1 = best0;
    v4l index0 = {0, 0, 0, 0}, index1 = index0;
    for (size_t c0 = 0; c0 < kpad; c0 += KSK_LANES) {
      v4d lo, hi;
      KS_NAME(values_1x8)(xi, d, ct, cn, kpad, c0, &lo, &hi);
      long long b = (long long)c0;
      ks_keep_min(&best0, &index0, lo, (v4l){b, b + 1, b + 2, b + 3});
      ks_keep_min(&best1, &index1, hi, (v4l){b + 4, b + 5, b + 6, b + 7});
    }
    int32_t winner = ks_reduce(best0, index0, best1, index1);
    labels[i] = winner;
    if (dist) dist[i] = ks_sqdist(xi, c + (size_t)winner * d, d);
  }
}

KS_ATTR static void KS_NAME(point_values)(const double *x, size_t d, const double *ct,
                                          const double *cn, size_t kpad, double *out) {
  for (size_t c0 = 0; c0 < kpad; c0 += KSK_LANES) {
    v4d lo, hi;
    KS_NAME(values_1x8)(x, d, ct, cn, kpad, c0, &lo, &hi);
    ks_store(out + c0, lo);
    ks_store(out + c0 + 4, hi);
  }
}

KS_ATTR static double KS_NAME(pair_value)(const double *x, size_t d, const double *ct,
                                          const double *cn, size_t kpad, size_t c) {
  double acc = 0;
  for (size_t j = 0; j < d; j++) acc = KS_FMA_S(x[j], ct[j * kpad + c], acc);
  return cn[c] - (acc + acc);
}

// pair_value for a list of centroids, four at a time in independent chains (each chain the same
// sequence of operations as pair_value, so the values are bit-identical; the latency overlaps).
KS_ATTR static void KS_NAME(pair_values)(const double *x, size_t d, const double *ct,
                                         const double *cn, size_t kpad, const int32_t *which,
                                         size_t count, double *out) {
  size_t q = 0;
  for (; q + 4 <= count; q += 4) {
    const double *c0 = ct + which[q], *c1 = ct + which[q + 1], *c2 = ct + which[q + 2],
                 *c3 = ct + which[q + 3];
    double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (size_t j = 0; j < d; j++) {
      double xj = x[j];
      a0 = KS_FMA_S(xj, c0[j * kpad], a0);
      a1 = KS_FMA_S(xj, c1[j * kpad], a1);
      a2 = KS_FMA_S(xj, c2[j * kpad], a2);
      a3 = KS_FMA_S(xj, c3[j * kpad], a3);
    }
    out[q] = cn[which[q]] - (a0 + a0);
    out[q + 1] = cn[which[q + 1]] - (a1 + a1);
    out[q + 2] = cn[which[q + 2]] - (a2 + a2);
    out[q + 3] = cn[which[q + 3]] - (a3 + a3);
  }
  for (; q < count; q++) out[q] = KS_NAME(pair_value)(x, d, ct, cn, kpad, (size_t)which[q]);
}

// The four sums of a0's, a1's, a2's and a3's lanes, in lanes 0…3.
KS_ATTR static inline __attribute__((always_inline)) v4d KS_NAME(hsum4)(v4d a0, v4d a1, v4d a2,
                                                                       v4d a3) {
  v4d t0 = __builtin_shufflevector(a0, a1, 0, 4, 2, 6) + __builtin_shufflevector(a0, a1, 1, 5, 3, 7);
  v4d t1 = __builtin_shufflevector(a2, a3, 0, 4, 2, 6) + __builtin_shufflevector(a2, a3, 1, 5, 3, 7);
  return __builtin_shufflevector(t0, t1, 0, 1, 4, 5) + __builtin_shufflevector(t0, t1, 2, 3, 6, 7);
}

// ‖a_r − b_r‖² for four pairs of contiguous rows of length d, in lanes 0…3: four coordinates per
// FMA, the last d mod 4 through KS_LOAD_FIRST (the sums' order differs from ks_sqdist's; callers
// use them only for bounds, whose margins dwarf the rounding).
KS_ATTR static inline __attribute__((always_inline)) v4d KS_NAME(row_sqdist4)(
    const double *const a[4], const double *const b[4], size_t d) {
  v4d acc[4] = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
  size_t j = 0;
  for (; j + 4 <= d; j += 4)
    for (int r = 0; r < 4; r++) {
      v4d e = ks_load(a[r] + j) - ks_load(b[r] + j);
      acc[r] = KS_FMA_V(e, e, acc[r]);
    }
  if (j < d)
    for (int r = 0; r < 4; r++) {
      v4d e = KS_LOAD_FIRST(a[r] + j, d - j) - KS_LOAD_FIRST(b[r] + j, d - j);
      acc[r] = KS_FMA_V(e, e, acc[r]);
    }
  return KS_NAME(hsum4)(acc[0], acc[1], acc[2], acc[3]);
}

// Whether a centroid at least `bound` away cannot beat one at most `upper` away, with the
// margin of BoundedAssignment.swift.
KS_ATTR static inline __attribute__((always_inline)) int KS_NAME(hexcludes)(double bound,
                                                                           double upper,
                                                                           double margin) {
  return (bound > upper) & ((bound - upper) * (bound + upper) > margin);
}

// Merges two candidates lane by lane: (b, i) becomes the smaller value with its index (on equal
// values the lower index), s the second smallest of the four values b, s, b2, s2 (the one not
// taken and the two seconds). Associative and commutative, so any merge order gives the same.
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(merge_two)(v4d *b, v4l *i, v4d *s,
                                                                            v4d b2, v4l i2,
                                                                            v4d s2) {
  v4l take = (b2 < *b) | ((b2 == *b) & (i2 < *i));
  v4d loser = ks_select(take, *b, b2);
  v4d seconds = ks_select(s2 < *s, s2, *s);
  *s = ks_select(loser < seconds, loser, seconds);
  *b = ks_select(take, b2, *b);
  *i = ks_select_index(take, i2, *i);
}

// Transposes the 4 × 4 block whose rows are r[0…3].
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(transpose4)(v4d r[4]) {
  v4d t0 = __builtin_shufflevector(r[0], r[1], 0, 4, 2, 6);
  v4d t1 = __builtin_shufflevector(r[0], r[1], 1, 5, 3, 7);
  v4d t2 = __builtin_shufflevector(r[2], r[3], 0, 4, 2, 6);
  v4d t3 = __builtin_shufflevector(r[2], r[3], 1, 5, 3, 7);
  r[0] = __builtin_shufflevector(t0, t2, 0, 1, 4, 5);
  r[1] = __builtin_shufflevector(t1, t3, 0, 1, 4, 5);
  r[2] = __builtin_shufflevector(t0, t2, 2, 3, 6, 7);
  r[3] = __builtin_shufflevector(t1, t3, 2, 3, 6, 7);
}

// For four rows (any), in lane r for row r: the nearest centroid (lowest index on ties, as
// `assign`), and the values ‖c‖² − 2x·c of the nearest and of the runner-up (the smallest among
// the other centroids). Every lane keeps its smallest value, index and second-smallest value
// across the lane groups; each row's 8 lanes are then merged into 4, and the four rows' lanes,
// transposed, into one.
KS_ATTR static void KS_NAME(nearest_two_4)(const double *const rows[4], size_t d,
                                           const double *ct, const double *cn, size_t kpad,
                                           v4l *label, v4d *nearest, v4d *runnerUp) {
  v4d best[8], second[8];
  v4l index[8];
  KS_NAME(tile_4x8)(rows[0], rows[1], rows[2], rows[3], d, ct, cn, kpad, 0, best);
  for (int q = 0; q < 8; q += 2) {
    index[q] = (v4l){0, 1, 2, 3};
    index[q + 1] = (v4l){4, 5, 6, 7};
    second[q] = second[q + 1] = ks_splat(__builtin_inf());
  }
  for (size_t c0 = KSK_LANES; c0 < kpad; c0 += KSK_LANES) {
    v4d v[8];
    KS_NAME(tile_4x8)(rows[0], rows[1], rows[2], rows[3], d, ct, cn, kpad, c0, v);
    long long b = (long long)c0;
    v4l ilo = {b, b + 1, b + 2, b + 3}, ihi = {b + 4, b + 5, b + 6, b + 7};
    for (int q = 0; q < 8; q++) {
      v4l smaller = v[q] < best[q];
      second[q] = ks_select(smaller, best[q], ks_select(v[q] < second[q], v[q], second[q]));
      best[q] = ks_select(smaller, v[q], best[q]);
      index[q] = ks_select_index(smaller, q % 2 ? ihi : ilo, index[q]);
    }
  }
  v4d b[4], s[4], i[4];
  for (int r = 0; r < 4; r++) {
    v4l ir = index[2 * r];
    b[r] = best[2 * r];
    s[r] = second[2 * r];
    KS_NAME(merge_two)(&b[r], &ir, &s[r], best[2 * r + 1], index[2 * r + 1], second[2 * r + 1]);
    i[r] = (v4d)ir;
  }
  KS_NAME(transpose4)(b);
  KS_NAME(transpose4)(s);
  KS_NAME(transpose4)(i);
  v4l i0 = (v4l)i[0], i2 = (v4l)i[2];
  KS_NAME(merge_two)(&b[0], &i0, &s[0], b[1], (v4l)i[1], s[1]);
  KS_NAME(merge_two)(&b[2], &i2, &s[2], b[3], (v4l)i[3], s[3]);
  KS_NAME(merge_two)(&b[0], &i0, &s[0], b[2], i2, s[2]);
  *label = i0;
  *nearest = b[0];
  *runnerUp = s[0];
}

// Rows per batch of Hamerly's step.
#define KS_HAMERLY_BATCH 128

// Hamerly's exclusion test for four lanes: the bound max(2 · halfGap − u, l) on the distance to
// every other centroid excludes them all (the scalar test of `hexcludes`, lane by lane, with the
// same operations in the same order, so the same outcome).
KS_ATTR static inline __attribute__((always_inline)) v4l KS_NAME(hexcludes4)(v4d halfGap, v4d u,
                                                                            v4d l, v4d margin) {
  v4d gap = ks_splat(2) * halfGap - u;
  v4d bound = ks_select(gap >= l, gap, l);
  return (bound > u) & ((bound - u) * (bound + u) > margin);
}

// Appends rows[r] to open for every lane r whose exclusion mask is clear, in lane order, without
// a branch per lane (the lanes' bits come from one movemask, not from the vector's lanes one by
// one); returns the new count.
KS_ATTR static inline __attribute__((always_inline)) size_t KS_NAME(keep_open4)(
    v4l excluded, const size_t rows[4], size_t *open, size_t count) {
  unsigned keep = ~(unsigned)KS_MASK(excluded);
  for (int r = 0; r < 4; r++) {
    open[count] = rows[r];
    count += (keep >> r) & 1;
  }
  return count;
}

// The first pass of Hamerly's step over rows [start, stop): each row's bounds move with the
// centroids (u grows by its centroid's movement, l shrinks by the largest movement of another
// centroid), and the rows the moved bounds cannot settle are listed in open.
KS_ATTR static size_t KS_NAME(hamerly_scan)(size_t start, size_t stop, const double *xn,
                                            const double *movement, const double *halfGap,
                                            double largestMove, int64_t largestMover,
                                            double secondMove, double scale,
                                            const int32_t *labels, double *upper, double *lower,
                                            size_t *open) {
  size_t count = 0, i = start;
  v4d largest = ks_splat(largestMove), second = ks_splat(secondMove);
  v4l mover = {largestMover, largestMover, largestMover, largestMover};
  for (; i + 4 <= stop; i += 4) {
    int32_t a0 = labels[i], a1 = labels[i + 1], a2 = labels[i + 2], a3 = labels[i + 3];
    v4l a = {a0, a1, a2, a3};
    v4d u = ks_load(upper + i) +
            (v4d){movement[a0], movement[a1], movement[a2], movement[a3]};
    v4d l = ks_load(lower + i) - ks_select(a == mover, second, largest);
    v4d margin = ks_splat(1e-9) * (ks_load(xn + i) + ks_splat(scale));
    v4d gaps = {halfGap[a0], halfGap[a1], halfGap[a2], halfGap[a3]};
    ks_store(upper + i, u);
    ks_store(lower + i, l);
    size_t rows[4] = {i, i + 1, i + 2, i + 3};
    count = KS_NAME(keep_open4)(KS_NAME(hexcludes4)(gaps, u, l, margin), rows, open, count);
  }
  for (; i < stop; i++) {
    int64_t a = labels[i];
    double u = upper[i] + movement[a];
    double l = lower[i] - (a == largestMover ? secondMove : largestMove);
    double gap = 2 * halfGap[a] - u;
    upper[i] = u;
    lower[i] = l;
    open[count] = i;
    count += !KS_NAME(hexcludes)(gap >= l ? gap : l, u, 1e-9 * (xn[i] + scale));
  }
  return count;
}

// The exact upper bounds of the open rows q…q+3 (a short last group of n < 4 repeats its last
// row; its repeats count as excluded), stored, and the rows the test with them excludes.
KS_ATTR static inline __attribute__((always_inline)) v4l KS_NAME(tighten_4)(
    const double *x, size_t d, const double *c, const double *xn, const double *halfGap,
    double scale, const int32_t *labels, double *upper, const double *lower, const size_t *open,
    size_t q, size_t n, size_t rows[4]) {
  for (size_t r = 0; r < 4; r++) rows[r] = open[q + (r < n ? r : n - 1)];
  int32_t a0 = labels[rows[0]], a1 = labels[rows[1]], a2 = labels[rows[2]], a3 = labels[rows[3]];
  const double *xs[4] = {x + rows[0] * d, x + rows[1] * d, x + rows[2] * d, x + rows[3] * d};
  const double *cs[4] = {c + (size_t)a0 * d, c + (size_t)a1 * d, c + (size_t)a2 * d,
                         c + (size_t)a3 * d};
  v4d gaps = {halfGap[a0], halfGap[a1], halfGap[a2], halfGap[a3]};
  v4d ls = {lower[rows[0]], lower[rows[1]], lower[rows[2]], lower[rows[3]]};
  v4d norms = {xn[rows[0]], xn[rows[1]], xn[rows[2]], xn[rows[3]]};
  v4d u = KS_SQRT_V(KS_NAME(row_sqdist4)(xs, cs, d));
  v4d margin = ks_splat(1e-9) * (norms + ks_splat(scale));
  v4l excluded = KS_NAME(hexcludes4)(gaps, u, ls, margin);
  for (size_t r = 0; r < n; r++) upper[rows[r]] = u[r];
  return excluded | ((v4l){0, 1, 2, 3} >= (long long)n);
}

// The second pass of Hamerly's step: the open rows' upper bounds become exact (‖x − c‖ from the
// row-major centroids c, summed directly), and the rows the test still cannot settle stay in
// open (in order); returns their count. Two groups of four rows at a time, independent until
// their rows are appended, so that one group's loads and square roots overlap the other's.
KS_ATTR static size_t KS_NAME(hamerly_tighten)(const double *x, size_t d, const double *c,
                                               const double *xn, const double *halfGap,
                                               double scale, const int32_t *labels,
                                               double *upper, const double *lower, size_t *open,
                                               size_t count) {
  size_t kept = 0, q = 0;
  for (; q + 8 <= count; q += 8) {
    size_t first[4], second[4];
    v4l one = KS_NAME(tighten_4)(x, d, c, xn, halfGap, scale, labels, upper, lower, open, q, 4,
                                 first);
    v4l two = KS_NAME(tighten_4)(x, d, c, xn, halfGap, scale, labels, upper, lower, open, q + 4, 4,
                                 second);
    kept = KS_NAME(keep_open4)(one, first, open, kept);
    kept = KS_NAME(keep_open4)(two, second, open, kept);
  }
  for (; q < count; q += 4) {
    size_t rows[4];
    v4l excluded = KS_NAME(tighten_4)(x, d, c, xn, halfGap, scale, labels, upper, lower, open, q,
                                      count - q < 4 ? count - q : 4, rows);
    kept = KS_NAME(keep_open4)(excluded, rows, open, kept);
  }
  return kept;
}

// Hamerly's assignment for rows [begin, end): the tests BoundedAssignment.swift describes; the
// labels are ksk_assign's. Each batch of rows runs in passes without data-dependent branches per
// row: the bound test (`hamerly_scan`), then, with more than one lane group, the test again with
// the upper bound made exact (`hamerly_tighten`), then the full evaluation of the survivors, four
// at a time, through the tile of `assign`. With one lane group the tile costs about what the
// exact upper bounds would, so that pass is skipped.
KS_ATTR static void KS_NAME(hamerly)(const double *x, size_t d, size_t begin, size_t end,
                                     const double *xn, const double *c, const double *ct,
                                     const double *cn, size_t kpad, size_t k,
                                     const double *movement,
                                     const double *halfGap, double largestMove,
                                     int64_t largestMover, double secondMove, double scale,
                                     int first, int32_t *labels, double *upper,
                                     double *lower) {
  size_t open[KS_HAMERLY_BATCH];
  for (size_t start = begin; start < end; start += KS_HAMERLY_BATCH) {
    size_t stop = end - start < KS_HAMERLY_BATCH ? end : start + KS_HAMERLY_BATCH;
    size_t count = 0;
    if (first) {
      for (size_t i = start; i < stop; i++) open[count++] = i;
    } else {
      count = KS_NAME(hamerly_scan)(start, stop, xn, movement, halfGap, largestMove, largestMover,
                                    secondMove, scale, labels, upper, lower, open);
      if (kpad > KSK_LANES)
        count = KS_NAME(hamerly_tighten)(x, d, c, xn, halfGap, scale, labels, upper, lower, open,
                                         count);
    }
    // Four open rows at a time; a short last group repeats its last row.
    for (size_t q = 0; q < count; q += 4) {
      size_t n = count - q < 4 ? count - q : 4, index[4];
      for (size_t r = 0; r < 4; r++) index[r] = open[q + (r < n ? r : n - 1)];
      const double *rows[4] = {x + index[0] * d, x + index[1] * d, x + index[2] * d,
                               x + index[3] * d};
      v4l label;
      v4d nearest, runnerUp;
      KS_NAME(nearest_two_4)(rows, d, ct, cn, kpad, &label, &nearest, &runnerUp);
      v4d norms = {xn[index[0]], xn[index[1]], xn[index[2]], xn[index[3]]};
      // sqrt(max(0, ‖x‖² + v)) for the expanded values v, as BoundedAssignment.swift computes
      // the bounds (an infinite runner-up, k = 1, gives an infinite lower bound).
      v4d zero = {0, 0, 0, 0}, near = norms + nearest, far = norms + runnerUp;
      v4d u = KS_SQRT_V(ks_select(near >= zero, near, zero));
      v4d l = KS_SQRT_V(ks_select(far >= zero, far, zero));
      for (size_t r = 0; r < n; r++) {
        labels[index[r]] = (int32_t)label[r];
        upper[index[r]] = u[r];
        lower[index[r]] = l[r];
      }
    }
  }
}

// Rows of [begin, end) that a single-point transfer might improve: row i (label A) is flagged
// when some cluster B ≠ A has inWeight[B] · ‖x − c_B‖² ≤ outWeight[A] · ‖x − c_A‖² + margin_i,
// with margin_i = 1e-9 (‖x‖² + scale), the distances in the expanded form of `assign`. Exact
// evaluation of the flagged rows decides; the margin lies far above the expanded form's rounding,
// so every row whose exact costs favour a transfer is flagged. `inWeight` has kpad entries (1 in
// the padding), `outWeight` k. Rows are taken four at a time through the tile of `assign`.
KS_ATTR static void KS_NAME(transfer_candidates)(const double *x, size_t d, size_t begin,
                                                 size_t end, const double *xn, const double *ct,
                                                 const double *cn, size_t kpad,
                                                 const int32_t *labels, const double *inWeight,
                                                 const double *outWeight, double scale,
                                                 uint8_t *flags, double *own2, double *other2,
                                                 int32_t *second) {
  v4d inf = ks_splat(__builtin_inf()), zero = {0, 0, 0, 0};
  for (size_t i = begin; i < end; i += 4) {
    size_t n = end - i < 4 ? end - i : 4;
    const double *rows[4];
    v4l own[4];
    v4d norm[4], other[8], mine[8], nearest[8];
    v4l nearestId[8];
    for (size_t r = 0; r < 4; r++) {
      size_t row = i + (r < n ? r : n - 1);
      rows[r] = x + row * d;
      long long a = labels[row];
      own[r] = (v4l){a, a, a, a};
      norm[r] = ks_splat(xn[row]);
      other[2 * r] = other[2 * r + 1] = mine[2 * r] = mine[2 * r + 1] = inf;
      nearest[2 * r] = nearest[2 * r + 1] = inf;
      nearestId[2 * r] = nearestId[2 * r + 1] = (v4l){0, 0, 0, 0};
    }
    for (size_t c0 = 0; c0 < kpad; c0 += KSK_LANES) {
      v4d v[8];
      KS_NAME(tile_4x8)(rows[0], rows[1], rows[2], rows[3], d, ct, cn, kpad, c0, v);
      long long b = (long long)c0;
      v4l ids[2] = {{b, b + 1, b + 2, b + 3}, {b + 4, b + 5, b + 6, b + 7}};
      v4d weight[2] = {ks_load(inWeight + c0), ks_load(inWeight + c0 + 4)};
      for (int q = 0; q < 8; q++) {
        v4d squared = norm[q / 2] + v[q];
        squared = ks_select(squared > zero, squared, zero);
        v4l isOwn = ids[q % 2] == own[q / 2];
        mine[q] = ks_select(isOwn, squared, mine[q]);
        v4d cost = ks_select(isOwn, inf, weight[q % 2] * squared);
        other[q] = ks_select(cost < other[q], cost, other[q]);
        ks_keep_min(&nearest[q], &nearestId[q], ks_select(isOwn, inf, squared), ids[q % 2]);
      }
    }
    for (size_t r = 0; r < n; r++) {
      size_t row = i + r;
      double mineSquared = ks_spread_min(mine[2 * r], mine[2 * r + 1])[0];
      double removal = outWeight[labels[row]] * mineSquared;
      double best = ks_spread_min(other[2 * r], other[2 * r + 1])[0];
      flags[row] = best <= removal + 1e-9 * (xn[row] + scale);
      own2[row] = mineSquared;
      other2[row] = ks_spread_min(nearest[2 * r], nearest[2 * r + 1])[0];
      if (second)
        second[row] = ks_reduce(nearest[2 * r], nearestId[2 * r], nearest[2 * r + 1],
                                nearestId[2 * r + 1]);
    }
  }
}

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

// ==== Greedy k-means++ seeding (Seeder.swift) ====
// Every squared distance here is Σ_j (x_j − c_j)², summed in j order without fusion in both
// variants, so it equals AssignmentKernel.squaredDistance (and ks_sqdist) bit for bit; a
// minimum is taken as Swift's min(current, value) takes it: value only when value < current.

// Lane by lane, Swift's min(current, value).
KS_ATTR static inline __attribute__((always_inline)) v4d KS_NAME(seed_min)(v4d current,
                                                                           v4d value) {
  return ks_select(value < current, value, current);
}

// The squared distances of four rows to the four candidates of one lane group of a transposed
// candidate panel p (candidate lane l's coordinate j at p[j · tpad + l]): out[q] is row q's.
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(seed_tile_4x4)(
    const double *x0, const double *x1, const double *x2, const double *x3, size_t d,
    const double *p, size_t tpad, v4d out[4]) {
  v4d a0 = {0, 0, 0, 0}, a1 = a0, a2 = a0, a3 = a0;
  for (size_t j = 0; j < d; j++) {
    v4d c = ks_load(p + j * tpad);
    v4d e0 = ks_splat(x0[j]) - c, e1 = ks_splat(x1[j]) - c;
    v4d e2 = ks_splat(x2[j]) - c, e3 = ks_splat(x3[j]) - c;
    a0 = a0 + e0 * e0;
    a1 = a1 + e1 * e1;
    a2 = a2 + e2 * e2;
    a3 = a3 + e3 * e3;
  }
  out[0] = a0;
  out[1] = a1;
  out[2] = a2;
  out[3] = a3;
}

// The squared distances of one row to the four candidates of one lane group of p.
KS_ATTR static inline __attribute__((always_inline)) v4d KS_NAME(seed_row)(const double *xi,
                                                                           size_t d,
                                                                           const double *p,
                                                                           size_t tpad) {
  v4d a = {0, 0, 0, 0};
  for (size_t j = 0; j < d; j++) {
    v4d e = ks_splat(xi[j]) - ks_load(p + j * tpad);
    a = a + e * e;
  }
  return a;
}

// The squared distances of four rows to the point c (coordinate j at c[j · stride]), rows as
// lanes: the rows' coordinates are transposed four columns at a time, each lane summed in j
// order.
KS_ATTR static inline __attribute__((always_inline)) v4d KS_NAME(seed_rows4)(
    const double *x0, const double *x1, const double *x2, const double *x3, size_t d,
    const double *c, size_t stride) {
  v4d a = {0, 0, 0, 0};
  size_t j = 0;
  for (; j + 4 <= d; j += 4) {
    v4d r0 = ks_load(x0 + j), r1 = ks_load(x1 + j), r2 = ks_load(x2 + j), r3 = ks_load(x3 + j);
    v4d t0 = __builtin_shufflevector(r0, r1, 0, 4, 2, 6);
    v4d t1 = __builtin_shufflevector(r0, r1, 1, 5, 3, 7);
    v4d t2 = __builtin_shufflevector(r2, r3, 0, 4, 2, 6);
    v4d t3 = __builtin_shufflevector(r2, r3, 1, 5, 3, 7);
    v4d e0 = __builtin_shufflevector(t0, t2, 0, 1, 4, 5) - ks_splat(c[j * stride]);
    v4d e1 = __builtin_shufflevector(t1, t3, 0, 1, 4, 5) - ks_splat(c[(j + 1) * stride]);
    v4d e2 = __builtin_shufflevector(t0, t2, 2, 3, 6, 7) - ks_splat(c[(j + 2) * stride]);
    v4d e3 = __builtin_shufflevector(t1, t3, 2, 3, 6, 7) - ks_splat(c[(j + 3) * stride]);
    a = a + e0 * e0;
    a = a + e1 * e1;
    a = a + e2 * e2;
    a = a + e3 * e3;
  }
  for (; j < d; j++) {
    v4d e = (v4d){x0[j], x1[j], x2[j], x3[j]} - ks_splat(c[j * stride]);
    a = a + e * e;
  }
  return a;
}

// ks_sqdist with the point c's coordinate j at c[j · stride].
KS_ATTR static inline __attribute__((always_inline)) double KS_NAME(seed_sqdist)(
    const double *xi, size_t d, const double *c, size_t stride) {
  double sum = 0;
  for (size_t j = 0; j < d; j++) {
    double delta = xi[j] - c[j * stride];
    sum += delta * delta;
  }
  return sum;
}

// Records one improvement in a candidate's list: row offset `row` (from the chunk's first row)
// and its squared distance `value`. Every improvement is counted in *length; only the first
// `capacity` are stored, so a count above `capacity` tells the caller the list is incomplete.
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(seed_record)(
    int32_t row, double value, size_t capacity, int32_t *rows, double *values, int64_t *length) {
  size_t e = (size_t)(*length)++;
  if (e < capacity) {
    rows[e] = row;
    values[e] = value;
  }
}

// Records, for each lane l whose bit is set in `bits`, row offset `row` with lane l's value in
// the list of lane l's candidate (lists `capacity` apart).
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(seed_record_lanes)(
    unsigned bits, int32_t row, v4d value, size_t capacity, int32_t *rows, double *values,
    int64_t *lengths) {
  for (; bits; bits &= bits - 1) {
    unsigned l = (unsigned)__builtin_ctz(bits);
    KS_NAME(seed_record)(row, value[l], capacity, rows + l * capacity, values + l * capacity,
                         lengths + l);
  }
}

// The potentials of the four candidate lanes at p (a lane group of the panel), candidates as
// lanes: rows four at a time through the 4 × 4 tile, added in row order. With `record` (a
// constant at each call, so the loop without it has no trace of it) every row a candidate
// brings closer is recorded in that candidate's list (see seed_potentials).
KS_ATTR static inline __attribute__((always_inline)) v4d KS_NAME(seed_group_sums)(
    const double *x, size_t d, size_t begin, size_t end, const double *closest, const double *p,
    size_t tpad, int record, size_t capacity, int32_t *rows, double *values, int64_t *lengths) {
  v4d s = {0, 0, 0, 0};
  size_t i = begin;
  for (; i + 4 <= end; i += 4) {
    const double *x0 = x + i * d, *x1 = x0 + d, *x2 = x1 + d, *x3 = x2 + d;
    v4d t[4];
    KS_NAME(seed_tile_4x4)(x0, x1, x2, x3, d, p, tpad, t);
    // One mask for the tile (bit 4q + l: row q closer to lane l's candidate), so that the
    // rows brought closer are recorded in one loop with one hard-to-predict exit per tile.
    unsigned bits = 0;
    for (int q = 0; q < 4; q++) {
      v4d current = ks_splat(closest[i + q]);
      v4l closer = t[q] < current;
      s = s + ks_select(closer, t[q], current);
      bits |= (unsigned)KS_MASK(closer) << (4 * q);
    }
    for (bits = record ? bits : 0; bits; bits &= bits - 1) {
      unsigned q = (unsigned)__builtin_ctz(bits) >> 2, l = (unsigned)__builtin_ctz(bits) & 3;
      KS_NAME(seed_record)((int32_t)(i + q - begin), t[q][l], capacity, rows + l * capacity,
                           values + l * capacity, lengths + l);
    }
  }
  for (; i < end; i++) {
    v4d value = KS_NAME(seed_row)(x + i * d, d, p, tpad);
    v4d current = ks_splat(closest[i]);
    v4l closer = value < current;
    s = s + ks_select(closer, value, current);
    if (record)
      KS_NAME(seed_record_lanes)((unsigned)KS_MASK(closer), (int32_t)(i - begin), value, capacity,
                                 rows, values, lengths);
  }
  return s;
}

// The potential of the one candidate in lane p of the panel, rows as lanes: four rows at a
// time through seed_rows4, their four terms added to the sum in row order. With `record` (a
// constant at each call) every row the candidate brings closer is recorded in its list (see
// seed_potentials).
KS_ATTR static inline __attribute__((always_inline)) double KS_NAME(seed_single_sum)(
    const double *x, size_t d, size_t begin, size_t end, const double *closest, const double *p,
    size_t tpad, int record, size_t capacity, int32_t *rows, double *values, int64_t *length) {
  double s = 0;
  size_t i = begin;
  for (; i + 4 <= end; i += 4) {
    const double *x0 = x + i * d, *x1 = x0 + d, *x2 = x1 + d, *x3 = x2 + d;
    v4d value = KS_NAME(seed_rows4)(x0, x1, x2, x3, d, p, tpad);
    v4d current = ks_load(closest + i);
    v4l closer = value < current;
    v4d m = ks_select(closer, value, current);
    s = s + m[0];
    s = s + m[1];
    s = s + m[2];
    s = s + m[3];
    for (unsigned bits = record ? (unsigned)KS_MASK(closer) : 0; bits; bits &= bits - 1) {
      unsigned q = (unsigned)__builtin_ctz(bits);
      KS_NAME(seed_record)((int32_t)(i + q - begin), value[q], capacity, rows, values, length);
    }
  }
  for (; i < end; i++) {
    double value = KS_NAME(seed_sqdist)(x + i * d, d, p, tpad);
    int closer = value < closest[i];
    s = s + (closer ? value : closest[i]);
    if (record && closer) KS_NAME(seed_record)((int32_t)(i - begin), value, capacity, rows, values, length);
  }
  return s;
}

// For the `count` candidates of the panel, sums[t] = Σ min(closest[i], ‖x_i − c_t‖²) over rows
// [begin, end), added in row order from 0: whole groups of four candidates as lanes, the last
// count mod 4 candidates one at a time with the rows as lanes (so no padding lane is computed).
// Each pass after the first reads the chunk's rows from L2. With `record`, also lists the rows
// each candidate brings closer (see seed_potentials).
KS_ATTR static inline __attribute__((always_inline)) void KS_NAME(seed_candidate_sums)(
    const double *x, size_t d, size_t begin, size_t end, const double *closest,
    const double *panel, size_t count, size_t tpad, double *sums, int record, size_t capacity,
    int32_t *rows, double *values, int64_t *lengths) {
  size_t t = 0;
  for (; t + 4 <= count; t += 4)
    ks_store(sums + t, KS_NAME(seed_group_sums)(x, d, begin, end, closest, panel + t, tpad,
                                                record, capacity, rows + t * capacity,
                                                values + t * capacity, lengths + t));
  for (; t < count; t++)
    sums[t] = KS_NAME(seed_single_sum)(x, d, begin, end, closest, panel + t, tpad, record,
                                       capacity, rows + t * capacity, values + t * capacity,
                                       lengths + t);
}

// seed_candidate_sums, recording the rows each candidate brings closer unless `rows` is NULL:
// candidate t's list holds the offsets i − begin (in row order) at rows[t · capacity + e] and
// the distances at values[t · capacity + e]; lengths[t] counts them, of which only the first
// `capacity` are stored.
KS_ATTR static void KS_NAME(seed_potentials)(const double *x, size_t d, size_t begin,
                                             size_t end, const double *closest,
                                             const double *panel, size_t count, size_t tpad,
                                             double *sums, size_t capacity, int32_t *rows,
                                             double *values, int64_t *lengths) {
  if (!rows) {
    KS_NAME(seed_candidate_sums)(x, d, begin, end, closest, panel, count, tpad, sums, 0, 0, NULL,
                                 NULL, NULL);
    return;
  }
  for (size_t t = 0; t < count; t++) lengths[t] = 0;
  KS_NAME(seed_candidate_sums)(x, d, begin, end, closest, panel, count, tpad, sums, 1, capacity,
                               rows, values, lengths);
}

// closest[i] = min(closest[i], ‖x_i − c‖²) for rows [begin, end); with `replace`,
// closest[i] = ‖x_i − c‖².
KS_ATTR static void KS_NAME(seed_update)(const double *x, size_t d, size_t begin, size_t end,
                                         const double *c, int replace, double *closest) {
  size_t i = begin;
  for (; i + 4 <= end; i += 4) {
    const double *x0 = x + i * d, *x1 = x0 + d, *x2 = x1 + d, *x3 = x2 + d;
    v4d value = KS_NAME(seed_rows4)(x0, x1, x2, x3, d, c, 1);
    ks_store(closest + i, replace ? value : KS_NAME(seed_min)(ks_load(closest + i), value));
  }
  for (; i < end; i++) {
    double value = ks_sqdist(x + i * d, c, d);
    closest[i] = replace || value < closest[i] ? value : closest[i];
  }
}

#undef ks_load
#undef ks_store
#undef ks_splat
#undef ks_select_index
#undef ks_select
#undef ks_keep_min
#undef ks_reduce
#undef ks_sqdist
#undef ks_sqdist4
#undef ks_sqrt_lanes
#undef ks_any_lanes
#undef ks_spread_min
#undef ks_mask_lanes
#undef ks_load_first
#undef ks_reduce_group
