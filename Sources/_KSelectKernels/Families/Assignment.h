// Kernel family: assignment. Lloyd's assignment step (the nearest centroid of every row, from
// the tile of Primitives.h), the values one point has against the centroids (for the bounded
// steps), and the update that follows an assignment: the rows whose label changed and fresh
// per-cluster sums (RunningClusterSums.swift).

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

// ---- The update after an assignment (RunningClusterSums.swift) ----

// The rows i < n where old[i] ≠ current[i], in order (rows has room for limit + 64 entries);
// −1 once there are more than `limit`. A block of 64 rows without a change is passed over after
// an OR of XORs; a block with one lists its changed rows from a 64-bit mask of equal lanes
// (eight 8-lane compares), so the cost follows the changed rows. The last, partial block goes
// row by row, without a branch per row.
KS_ATTR static intptr_t KS_NAME(changed_rows)(const int32_t *old, const int32_t *current,
                                              size_t n, intptr_t *rows, size_t limit) {
  size_t count = 0, start = 0;
  for (; start + 64 <= n; start += 64) {
    v8i a[8], b[8], differs = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int q = 0; q < 8; q++) {
      memcpy(&a[q], old + start + 8 * q, sizeof a[q]);
      memcpy(&b[q], current + start + 8 * q, sizeof b[q]);
      differs |= a[q] ^ b[q];
    }
    if (!ks_any_lanes((v4l)differs)) continue;
    uint64_t same = 0;
    for (int q = 0; q < 8; q++) same |= (uint64_t)(unsigned)KS_MASK8(a[q] == b[q]) << (8 * q);
    for (uint64_t bits = ~same; bits; bits &= bits - 1)
      rows[count++] = (intptr_t)(start + (size_t)__builtin_ctzll(bits));
    if (count > limit) return -1;
  }
  for (size_t i = start; i < n; i++) {
    rows[count] = (intptr_t)i;
    count += old[i] != current[i];
  }
  return count > limit ? -1 : (intptr_t)count;
}

// Per-cluster coordinate sums (k × d, zeroed first) and counts of rows [begin, end). Each s[j]
// is its own accumulator, so the unrolled loop adds the rows in order as written.
KS_ATTR static void KS_NAME(cluster_sums)(const double *x, size_t d, size_t begin, size_t end,
                                          const int32_t *labels, size_t k, double *sums,
                                          int64_t *counts) {
  memset(sums, 0, k * d * sizeof *sums);
  memset(counts, 0, k * sizeof *counts);
  for (size_t i = begin; i < end; i++) {
    size_t r = (size_t)labels[i];
    const double *restrict xi = x + i * d;
    double *restrict s = sums + r * d;
    counts[r] += 1;
    size_t j = 0;
    for (; j + 4 <= d; j += 4) {
      s[j] += xi[j];
      s[j + 1] += xi[j + 1];
      s[j + 2] += xi[j + 2];
      s[j + 3] += xi[j + 3];
    }
    for (; j < d; j++) s[j] += xi[j];
  }
}
