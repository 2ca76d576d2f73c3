// Run-time dispatch between the AVX2/FMA and portable variants of the kernels in KernelBody.h.
#include "KSelectKernels.h"

#include <stdlib.h>
#include <string.h>

// No implicit fused multiply-adds: the variants fuse exactly where KS_FMA says so, which keeps
// every kernel of one variant bit-identical to the others and ks_sqdist identical to Swift's.
#pragma clang fp contract(off)
// 256-bit vectors pass between always-inlined helpers only, so the ABI note does not apply.
#pragma clang diagnostic ignored "-Wpsabi"

typedef double v4d __attribute__((vector_size(32)));
typedef long long v4l __attribute__((vector_size(32)));

// ---- Portable variant: plain vector extensions (SSE2 pairs on x86-64), no fusion. ----
#define KS_ATTR
#define KS_NAME(name) ks_portable_##name
#define KS_FMA_V(a, b, acc) ((acc) + (a) * (b))
#define KS_FMA_S(a, b, acc) ((acc) + (a) * (b))
#define KS_SQRT_V(v) ks_sqrt_lanes(v)
#define KS_ANY(m) ks_any_lanes(m)
#define KS_MASK(m) ks_mask_lanes(m)
#define KS_LOAD_FIRST(p, n) ks_load_first(p, n)
#include "KernelBody.h"
#undef KS_ATTR
#undef KS_NAME
#undef KS_FMA_V
#undef KS_FMA_S
#undef KS_SQRT_V
#undef KS_ANY
#undef KS_MASK
#undef KS_LOAD_FIRST

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

// ---- AVX2/FMA variant: the same bodies with fused multiply-adds on 256-bit registers. ----
// Aligned to 64 bytes so that a kernel's hot loops keep their alignment when unrelated code
// before it changes size (one such shift made Hamerly's step 6–11 % slower, same instructions).
#define KS_ATTR __attribute__((target("avx2,fma"), aligned(64)))
#define KS_NAME(name) ks_avx2_##name
#define KS_FMA_V(a, b, acc) ((v4d)_mm256_fmadd_pd((a), (b), (acc)))
#define KS_FMA_S(a, b, acc) __builtin_fma((a), (b), (acc))
#define KS_SQRT_V(v) ((v4d)_mm256_sqrt_pd(v))
#define KS_ANY(m) (_mm256_movemask_pd((__m256d)(m)) != 0)
#define KS_MASK(m) _mm256_movemask_pd((__m256d)(m))
#define KS_LOAD_FIRST(p, n) \
  ((v4d)_mm256_maskload_pd((p), (__m256i)((v4l){0, 1, 2, 3} < (long long)(n))))
#include "KernelBody.h"

static int ks_detect(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
  if (!(fma && osxsave && avx)) return 0;
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  if ((lo & 6) != 6) return 0;  // the OS saves XMM and YMM state
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return (b >> 5) & 1;  // AVX2
}
#define KS_HAVE_AVX2 1
#else
static int ks_detect(void) { return 0; }
#define KS_HAVE_AVX2 0
#endif

int ksk_best_variant(void) {
  static int cached = -1;  // benign race: every thread computes the same value
  int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (value < 0) {
    value = ks_detect();
    __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
  }
  return value;
}

#if KS_HAVE_AVX2
#define KS_DISPATCH(variant, call) \
  do {                             \
    if (variant) {                 \
      ks_avx2_##call;              \
    } else {                       \
      ks_portable_##call;          \
    }                              \
  } while (0)
#define KS_DISPATCH_RETURN(variant, call) return (variant) ? ks_avx2_##call : ks_portable_##call
#else
#define KS_DISPATCH(variant, call) ks_portable_##call
#define KS_DISPATCH_RETURN(variant, call) return ks_portable_##call
#endif

void ksk_assign(int variant, const double *x, size_t d, size_t begin, size_t end, const double *ct,
                const double *cn, size_t kpad, const double *c, int32_t *labels, double *dist) {
  KS_DISPATCH(variant, assign(x, d, begin, end, ct, cn, kpad, c, labels, dist));
}

void ksk_point_values(int variant, const double *x, size_t d, const double *ct, const double *cn,
                      size_t kpad, double *out) {
  KS_DISPATCH(variant, point_values(x, d, ct, cn, kpad, out));
}

double ksk_pair_value(int variant, const double *x, size_t d, const double *ct, const double *cn,
                      size_t kpad, size_t j) {
  KS_DISPATCH_RETURN(variant, pair_value(x, d, ct, cn, kpad, j));
}

void ksk_pair_values(int variant, const double *x, size_t d, const double *ct, const double *cn,
                     size_t kpad, const int32_t *which, size_t count, double *out) {
  KS_DISPATCH(variant, pair_values(x, d, ct, cn, kpad, which, count, out));
}

void ksk_hamerly(int variant, const double *x, size_t d, size_t begin, size_t end,
                 const double *xn, const double *c, const double *ct, const double *cn,
                 size_t kpad, size_t k, const double *movement, const double *halfGap,
                 double largestMove, int64_t largestMover, double secondMove, double scale,
                 int first, int32_t *labels, double *upper, double *lower) {
  KS_DISPATCH(variant, hamerly(x, d, begin, end, xn, c, ct, cn, kpad, k, movement, halfGap,
                               largestMove, largestMover, secondMove, scale, first, labels, upper,
                               lower));
}

void ksk_transfer_candidates(int variant, const double *x, size_t d, size_t begin, size_t end,
                             const double *xn, const double *ct, const double *cn, size_t kpad,
                             const int32_t *labels, const double *inWeight,
                             const double *outWeight, double scale, uint8_t *flags,
                             double *own2, double *other2, int32_t *second) {
  KS_DISPATCH(variant, transfer_candidates(x, d, begin, end, xn, ct, cn, kpad, labels, inWeight,
                                           outWeight, scale, flags, own2, other2, second));
}

// Blocks of 64 labels are compared by an OR of XORs (vectorised); a block that differs lists
// its changed rows without a branch per row (rows needs room for limit + 64 entries).
static intptr_t ks_portable_changed_rows(const int32_t *old, const int32_t *current, size_t n,
                                         intptr_t *rows, size_t limit) {
  size_t count = 0;
  for (size_t start = 0; start < n; start += 64) {
    size_t end = n - start < 64 ? n : start + 64;
    int32_t differs = 0;
    for (size_t i = start; i < end; i++) differs |= old[i] ^ current[i];
    if (!differs) continue;
    for (size_t i = start; i < end; i++) {
      rows[count] = (intptr_t)i;
      count += old[i] != current[i];
    }
    if (count > limit) return -1;
  }
  return (intptr_t)count;
}

#if KS_HAVE_AVX2
// ks_portable_changed_rows with a 64-bit mask per block of 64 rows (eight 8-lane compares), whose
// set bits list the block's changed rows in order: the cost follows the changed rows, not the
// blocks that hold one. The last, partial block goes row by row.
__attribute__((target("avx2"))) static intptr_t ks_avx2_changed_rows(const int32_t *old,
                                                                    const int32_t *current,
                                                                    size_t n, intptr_t *rows,
                                                                    size_t limit) {
  size_t count = 0, start = 0;
  for (; start + 64 <= n; start += 64) {
    uint64_t same = 0;
    for (int q = 0; q < 8; q++) {
      __m256i a = _mm256_loadu_si256((const __m256i *)(old + start + 8 * q));
      __m256i b = _mm256_loadu_si256((const __m256i *)(current + start + 8 * q));
      same |= (uint64_t)(unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(a, b)))
              << (8 * q);
    }
    for (uint64_t bits = ~same; bits; bits &= bits - 1)
      rows[count++] = (intptr_t)(start + (size_t)__builtin_ctzll(bits));
    if (count > limit) return -1;
  }
  // Here count ≤ limit, so the tail has the rest of the limit and of the room.
  intptr_t tail = ks_portable_changed_rows(old + start, current + start, n - start, rows + count,
                                           limit - count);
  if (tail < 0) return -1;
  for (intptr_t q = 0; q < tail; q++) rows[count + (size_t)q] += (intptr_t)start;
  return (intptr_t)(count + (size_t)tail);
}
#endif

intptr_t ksk_changed_rows(int variant, const int32_t *old, const int32_t *current, size_t n,
                          intptr_t *rows, size_t limit) {
  KS_DISPATCH_RETURN(variant, changed_rows(old, current, n, rows, limit));
}

// Every row is written, and the count advances only for the unresolved ones: no branch per row.
size_t ksk_transfer_unresolved(const int32_t *labels, size_t n, const double *upper,
                               const double *lower, const double *ratio, const double *drift,
                               double largestDrift, intptr_t *rows) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    size_t a = (size_t)labels[i];
    rows[count] = (intptr_t)i;
    count += (ratio[a] > 0) & (lower[i] - largestDrift <= ratio[a] * (upper[i] + drift[a]));
  }
  return count;
}

// Each s[j] is its own accumulator, so the unrolled loop adds the rows in order as written.
void ksk_cluster_sums(const double *x, size_t d, size_t begin, size_t end, const int32_t *labels,
                      size_t k, double *sums, int64_t *counts) {
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

void ksk_scatter_product(const double *x, size_t d, const intptr_t *rows, size_t count,
                         const double *centre, const double *axis, double *out) {
  memset(out, 0, d * sizeof *out);
  for (size_t q = 0; q < count; q++) {
    const double *restrict xi = x + (size_t)rows[q] * d;
    double projection = 0;
    for (size_t j = 0; j < d; j++) projection += (xi[j] - centre[j]) * axis[j];
    for (size_t j = 0; j < d; j++) out[j] += (xi[j] - centre[j]) * projection;
  }
}

// The halves' update for one row of ksk_split_step.
static inline int ks_split_place(const double *restrict xi, size_t d, double projection,
                                 double threshold, bool *side, double *sums, intptr_t *counts) {
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
int ksk_split_step(const double *x, size_t d, const intptr_t *rows, size_t count,
                   const double *normal, double threshold, bool *side, double *sums,
                   intptr_t *counts) {
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
    changed |= ks_split_place(x0, d, p0, threshold, side + q, sums, counts);
    changed |= ks_split_place(x1, d, p1, threshold, side + q + 1, sums, counts);
    changed |= ks_split_place(x2, d, p2, threshold, side + q + 2, sums, counts);
    changed |= ks_split_place(x3, d, p3, threshold, side + q + 3, sums, counts);
  }
  for (; q < count; q++) {
    const double *xi = x + (size_t)rows[q] * d;
    double projection = 0;
    for (size_t j = 0; j < d; j++) projection += xi[j] * normal[j];
    changed |= ks_split_place(xi, d, projection, threshold, side + q, sums, counts);
  }
  return changed;
}

// Swift's min(current, value): value only when it is smaller.
static inline double ks_swift_min(double current, double value) {
  return value < current ? value : current;
}

// Four centroids' distances at a time (ks_sqdist4: four chains, each in index order), the
// minima then taken in centroid order, as one centroid at a time would.
void ksk_transfer_distances(const double *x, size_t d, const intptr_t *rows, size_t count,
                            const int32_t *labels, const double *means, size_t k,
                            const double *inWeight, double *own, double *nearest,
                            double *cheapest) {
  for (size_t q = 0; q < count; q++) {
    const double *xi = x + (size_t)rows[q] * d;
    size_t a = (size_t)labels[rows[q]];
    double near = __builtin_inf(), cheap = __builtin_inf(), squared[4];
    size_t b = 0;
    for (; b + 4 <= k; b += 4) {
      ks_portable_sqdist4(xi, xi, xi, xi, means + b * d, means + (b + 1) * d, means + (b + 2) * d,
                          means + (b + 3) * d, d, squared);
      for (size_t r = 0; r < 4; r++) {
        if (b + r == a) continue;
        near = ks_swift_min(near, squared[r]);
        cheap = ks_swift_min(cheap, inWeight[b + r] * squared[r]);
      }
    }
    for (; b < k; b++) {
      if (b == a) continue;
      double value = ks_portable_sqdist(xi, means + b * d, d);
      near = ks_swift_min(near, value);
      cheap = ks_swift_min(cheap, inWeight[b] * value);
    }
    own[q] = ks_portable_sqdist(xi, means + a * d, d);
    nearest[q] = near;
    cheapest[q] = cheap;
  }
}

intptr_t ksk_cheapest_transfer(const double *x, size_t d, const intptr_t *rows, size_t count,
                               const double *muA, const double *muB, double weightA,
                               double weightB, double *value) {
  intptr_t pick = 0;
  double best = __builtin_inf();
  size_t q = 0;
  for (; q + 4 <= count; q += 4) {
    const double *x0 = x + (size_t)rows[q] * d, *x1 = x + (size_t)rows[q + 1] * d,
                 *x2 = x + (size_t)rows[q + 2] * d, *x3 = x + (size_t)rows[q + 3] * d;
    double toA[4], toB[4];
    ks_portable_sqdist4(x0, x1, x2, x3, muB, muB, muB, muB, d, toB);
    ks_portable_sqdist4(x0, x1, x2, x3, muA, muA, muA, muA, d, toA);
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
    double delta = weightB * ks_portable_sqdist(xi, muB, d) - weightA * ks_portable_sqdist(xi, muA, d);
    if (delta < best) {
      best = delta;
      pick = (intptr_t)q;
    }
  }
  *value = best;
  return pick;
}

double ksk_squared_distance(const double *a, const double *b, size_t d) {
  return ks_portable_sqdist(a, b, d);
}

void ksk_silhouette_rows8(int variant, const double *rp, const double *rn, const double *x,
                          const double *xn, size_t n, size_t d, const int32_t *offsets, size_t L,
                          size_t S, double *sums) {
  KS_DISPATCH(variant, silhouette_rows8(rp, rn, x, xn, n, d, offsets, L, S, sums));
}

// ==== Greedy k-means++ seeding (Seeder.swift) ====

void ksk_seed_potentials(int variant, const double *x, size_t d, size_t begin, size_t end,
                         const double *closest, const double *panel, size_t count,
                         size_t tpad, double *sums, size_t capacity, int32_t *rows,
                         double *values, int64_t *lengths) {
  KS_DISPATCH(variant, seed_potentials(x, d, begin, end, closest, panel, count, tpad, sums,
                                       capacity, rows, values, lengths));
}

void ksk_seed_update(int variant, const double *x, size_t d, size_t begin, size_t end,
                     const double *c, int replace, double *closest) {
  KS_DISPATCH(variant, seed_update(x, d, begin, end, c, replace, closest));
}
