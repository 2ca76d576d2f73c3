// Kernel family: seeding. Greedy k-means++ (Seeder.swift): the potential of every candidate,
// the rows it brings closer, and the closest distances after a centre is chosen.


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
