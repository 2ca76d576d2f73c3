// Kernel family: refinement. The local search of KMeans/Refinement/: the rows a single-point
// transfer might improve (blocked, through the tile of Primitives.h), the rows whose transfer
// bounds leave a transfer possible, exact transfer distances, the cheapest step of a transfer
// chain, the scatter matrix times an axis (a split's power step above the matrix's limit) and
// one step of a split's 2-means.

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

// Every row is written, and the count advances only for the unresolved ones: no branch per row.
KS_ATTR static size_t KS_NAME(transfer_unresolved)(const int32_t *labels, size_t n,
                                                   const double *upper, const double *lower,
                                                   const double *ratio, const double *drift,
                                                   double largestDrift, intptr_t *rows) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    size_t a = (size_t)labels[i];
    rows[count] = (intptr_t)i;
    count += (ratio[a] > 0) & (lower[i] - largestDrift <= ratio[a] * (upper[i] + drift[a]));
  }
  return count;
}

// Swift's min(current, value): value only when it is smaller.
KS_ATTR static inline __attribute__((always_inline)) double KS_NAME(swift_min)(double current,
                                                                              double value) {
  return value < current ? value : current;
}

// Four centroids' distances at a time (ks_sqdist4: four chains, each in index order), the
// minima then taken in centroid order, as one centroid at a time would.
KS_ATTR static void KS_NAME(transfer_distances)(const double *x, size_t d, const intptr_t *rows,
                                                size_t count, const int32_t *labels,
                                                const double *means, size_t k,
                                                const double *inWeight, double *own,
                                                double *nearest, double *cheapest) {
  for (size_t q = 0; q < count; q++) {
    const double *xi = x + (size_t)rows[q] * d;
    size_t a = (size_t)labels[rows[q]];
    double near = __builtin_inf(), cheap = __builtin_inf(), squared[4];
    size_t b = 0;
    for (; b + 4 <= k; b += 4) {
      ks_sqdist4(xi, xi, xi, xi, means + b * d, means + (b + 1) * d, means + (b + 2) * d,
                 means + (b + 3) * d, d, squared);
      for (size_t r = 0; r < 4; r++) {
        if (b + r == a) continue;
        near = KS_NAME(swift_min)(near, squared[r]);
        cheap = KS_NAME(swift_min)(cheap, inWeight[b + r] * squared[r]);
      }
    }
    for (; b < k; b++) {
      if (b == a) continue;
      double value = ks_sqdist(xi, means + b * d, d);
      near = KS_NAME(swift_min)(near, value);
      cheap = KS_NAME(swift_min)(cheap, inWeight[b] * value);
    }
    own[q] = ks_sqdist(xi, means + a * d, d);
    nearest[q] = near;
    cheapest[q] = cheap;
  }
}

// The step of a transfer chain: the row whose move from A to B costs least, four rows'
// distances at a time (ks_sqdist4), the first on ties.
KS_ATTR static intptr_t KS_NAME(cheapest_transfer)(const double *x, size_t d,
                                                   const intptr_t *rows, size_t count,
                                                   const double *muA, const double *muB,
                                                   double weightA, double weightB,
                                                   double *value) {
  intptr_t pick = 0;
  double best = __builtin_inf();
  size_t q = 0;
  for (; q + 4 <= count; q += 4) {
    const double *x0 = x + (size_t)rows[q] * d, *x1 = x + (size_t)rows[q + 1] * d,
                 *x2 = x + (size_t)rows[q + 2] * d, *x3 = x + (size_t)rows[q + 3] * d;
    double toA[4], toB[4];
    ks_sqdist4(x0, x1, x2, x3, muB, muB, muB, muB, d, toB);
    ks_sqdist4(x0, x1, x2, x3, muA, muA, muA, muA, d, toA);
    for (size_t r = 0; r < 4; r++) {
      double delta = weightB * toB[r] - weightA * toA[r];
      if (delta < best) {
        best = delta;
        pick = (intptr_t)(q + r);
      }
    }
  }
  for (; q < count; q++) {
    const double *xi = x + (size_t)rows[q] * d;
    double delta = weightB * ks_sqdist(xi, muB, d) - weightA * ks_sqdist(xi, muA, d);
    if (delta < best) {
      best = delta;
      pick = (intptr_t)q;
    }
  }
  *value = best;
  return pick;
}

// The scatter matrix of the rows `rows` about `centre` times `axis`, without forming it: each
// row's projection (x_i − c) · axis summed in j order, out accumulated in row order, unfused.
KS_ATTR static void KS_NAME(scatter_product)(const double *x, size_t d, const intptr_t *rows,
                                             size_t count, const double *centre,
                                             const double *axis, double *out) {
  memset(out, 0, d * sizeof *out);
  for (size_t q = 0; q < count; q++) {
    const double *restrict xi = x + (size_t)rows[q] * d;
    double projection = 0;
    for (size_t j = 0; j < d; j++) projection += (xi[j] - centre[j]) * axis[j];
    for (size_t j = 0; j < d; j++) out[j] += (xi[j] - centre[j]) * projection;
  }
}

// The halves' update for one row of split_step.
KS_ATTR static inline __attribute__((always_inline)) int KS_NAME(split_place)(
    const double *restrict xi, size_t d, double projection, double threshold, bool *side,
    double *sums, intptr_t *counts) {
  bool second = projection > threshold;
  int changed = second != *side;
  *side = second;
  counts[second] += 1;
  double *restrict s = sums + (second ? d : 0);
  for (size_t j = 0; j < d; j++) s[j] += xi[j];
  return changed;
}

// Four rows' projections are summed side by side (each in j order, as one row's alone), so
// their dependency chains overlap; the halves are then updated in row order.
KS_ATTR static int KS_NAME(split_step)(const double *x, size_t d, const intptr_t *rows,
                                       size_t count, const double *normal, double threshold,
                                       bool *side, double *sums, intptr_t *counts) {
  memset(sums, 0, 2 * d * sizeof *sums);
  counts[0] = counts[1] = 0;
  int changed = 0;
  size_t q = 0;
  for (; q + 4 <= count; q += 4) {
    const double *x0 = x + (size_t)rows[q] * d, *x1 = x + (size_t)rows[q + 1] * d,
                 *x2 = x + (size_t)rows[q + 2] * d, *x3 = x + (size_t)rows[q + 3] * d;
    double p0 = 0, p1 = 0, p2 = 0, p3 = 0;
    for (size_t j = 0; j < d; j++) {
      p0 += x0[j] * normal[j];
      p1 += x1[j] * normal[j];
      p2 += x2[j] * normal[j];
      p3 += x3[j] * normal[j];
    }
    changed |= KS_NAME(split_place)(x0, d, p0, threshold, side + q, sums, counts);
    changed |= KS_NAME(split_place)(x1, d, p1, threshold, side + q + 1, sums, counts);
    changed |= KS_NAME(split_place)(x2, d, p2, threshold, side + q + 2, sums, counts);
    changed |= KS_NAME(split_place)(x3, d, p3, threshold, side + q + 3, sums, counts);
  }
  for (; q < count; q++) {
    const double *xi = x + (size_t)rows[q] * d;
    double projection = 0;
    for (size_t j = 0; j < d; j++) projection += xi[j] * normal[j];
    changed |= KS_NAME(split_place)(xi, d, projection, threshold, side + q, sums, counts);
  }
  return changed;
}
