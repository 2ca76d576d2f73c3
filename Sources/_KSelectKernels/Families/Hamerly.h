// Kernel family: Hamerly. The bounded assignment step of BoundedAssignment.swift: bounds moved
// with the centroids, made exact where they cannot settle a row, and the survivors evaluated
// through the tile of Primitives.h; the labels are the assignment family's.

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
