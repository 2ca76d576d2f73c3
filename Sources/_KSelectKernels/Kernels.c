// The kernels' two variants, and the run-time dispatch between them. Every kernel is written
// once, in its family under Families/; Variant.h compiles all of them under a macro set, and
// this file includes it twice: portable, then AVX2/FMA. The public entry points (declared in
// include/KSelectKernels.h) call the variant they are asked for.
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
typedef int32_t v8i __attribute__((vector_size(32)));

// ---- Portable variant: plain vector extensions (SSE2 pairs on x86-64), no fusion. ----
#define KS_ATTR
#define KS_NAME(name) ks_portable_##name
#define KS_FMA_V(a, b, acc) ((acc) + (a) * (b))
#define KS_FMA_S(a, b, acc) ((acc) + (a) * (b))
#define KS_SQRT_V(v) ks_sqrt_lanes(v)
#define KS_ANY(m) ks_any_lanes(m)
#define KS_MASK(m) ks_mask_lanes(m)
#define KS_MASK8(m) ks_mask8_lanes(m)
#define KS_LOAD_FIRST(p, n) ks_load_first(p, n)
#include "Variant.h"

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
#define KS_MASK8(m) _mm256_movemask_ps((__m256)(m))
#define KS_LOAD_FIRST(p, n) \
  ((v4d)_mm256_maskload_pd((p), (__m256i)((v4l){0, 1, 2, 3} < (long long)(n))))
#include "Variant.h"

static ksk_variant ks_detect(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return ksk_variant_portable;
  int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
  if (!(fma && osxsave && avx)) return ksk_variant_portable;
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  if ((lo & 6) != 6) return ksk_variant_portable;  // the OS saves XMM and YMM state
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return ksk_variant_portable;
  return (b >> 5) & 1 ? ksk_variant_avx2 : ksk_variant_portable;  // AVX2
}
#define KS_HAVE_AVX2 1
#else
static ksk_variant ks_detect(void) { return ksk_variant_portable; }
#define KS_HAVE_AVX2 0
#endif

ksk_variant ksk_best_variant(void) {
  static int cached = -1;  // benign race: every thread computes the same value
  int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (value < 0) {
    value = (int)ks_detect();
    __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
  }
  return (ksk_variant)value;
}

// `call` in the variant asked for; the portable one where AVX2 is not compiled in.
#if KS_HAVE_AVX2
#define KS_DISPATCH(variant, call)       \
  do {                                   \
    if ((variant) == ksk_variant_avx2) { \
      ks_avx2_##call;                    \
    } else {                             \
      ks_portable_##call;                \
    }                                    \
  } while (0)
#define KS_DISPATCH_RETURN(variant, call) \
  return (variant) == ksk_variant_avx2 ? ks_avx2_##call : ks_portable_##call
#else
#define KS_DISPATCH(variant, call) ks_portable_##call
#define KS_DISPATCH_RETURN(variant, call) return ks_portable_##call
#endif

// ---- Primitives and assignment ----

void ksk_assign(ksk_variant variant, const double *x, size_t d, size_t begin, size_t end,
                const double *ct, const double *cn, size_t kpad, const double *c,
                int32_t *labels, double *dist) {
  KS_DISPATCH(variant, assign(x, d, begin, end, ct, cn, kpad, c, labels, dist));
}

void ksk_point_values(ksk_variant variant, const double *x, size_t d, const double *ct,
                      const double *cn, size_t kpad, double *out) {
  KS_DISPATCH(variant, point_values(x, d, ct, cn, kpad, out));
}

double ksk_pair_value(ksk_variant variant, const double *x, size_t d, const double *ct,
                      const double *cn, size_t kpad, size_t j) {
  KS_DISPATCH_RETURN(variant, pair_value(x, d, ct, cn, kpad, j));
}

void ksk_pair_values(ksk_variant variant, const double *x, size_t d, const double *ct,
                     const double *cn, size_t kpad, const int32_t *which, size_t count,
                     double *out) {
  KS_DISPATCH(variant, pair_values(x, d, ct, cn, kpad, which, count, out));
}

intptr_t ksk_changed_rows(ksk_variant variant, const int32_t *old, const int32_t *current,
                          size_t n, intptr_t *rows, size_t limit) {
  KS_DISPATCH_RETURN(variant, changed_rows(old, current, n, rows, limit));
}

void ksk_cluster_sums(ksk_variant variant, const double *x, size_t d, size_t begin, size_t end,
                      const int32_t *labels, size_t k, double *sums, int64_t *counts) {
  KS_DISPATCH(variant, cluster_sums(x, d, begin, end, labels, k, sums, counts));
}

// ---- Hamerly ----

void ksk_hamerly(ksk_variant variant, const double *x, size_t d, size_t begin, size_t end,
                 const double *xn, const double *c, const double *ct, const double *cn,
                 size_t kpad, size_t k, const double *movement, const double *halfGap,
                 double largestMove, int64_t largestMover, double secondMove, double scale,
                 int first, int32_t *labels, double *upper, double *lower) {
  KS_DISPATCH(variant, hamerly(x, d, begin, end, xn, c, ct, cn, kpad, k, movement, halfGap,
                               largestMove, largestMover, secondMove, scale, first, labels, upper,
                               lower));
}

// ---- Refinement ----

void ksk_transfer_candidates(ksk_variant variant, const double *x, size_t d, size_t begin,
                             size_t end, const double *xn, const double *ct, const double *cn,
                             size_t kpad, const int32_t *labels, const double *inWeight,
                             const double *outWeight, double scale, uint8_t *flags,
                             double *own2, double *other2, int32_t *second) {
  KS_DISPATCH(variant, transfer_candidates(x, d, begin, end, xn, ct, cn, kpad, labels, inWeight,
                                           outWeight, scale, flags, own2, other2, second));
}

size_t ksk_transfer_unresolved(ksk_variant variant, const int32_t *labels, size_t n,
                               const double *upper, const double *lower, const double *ratio,
                               const double *drift, double largestDrift, intptr_t *rows) {
  KS_DISPATCH_RETURN(variant,
                     transfer_unresolved(labels, n, upper, lower, ratio, drift, largestDrift, rows));
}

void ksk_transfer_distances(ksk_variant variant, const double *x, size_t d, const intptr_t *rows,
                            size_t count, const int32_t *labels, const double *means, size_t k,
                            const double *inWeight, double *own, double *nearest,
                            double *cheapest) {
  KS_DISPATCH(variant, transfer_distances(x, d, rows, count, labels, means, k, inWeight, own,
                                          nearest, cheapest));
}

intptr_t ksk_cheapest_transfer(ksk_variant variant, const double *x, size_t d,
                               const intptr_t *rows, size_t count, const double *muA,
                               const double *muB, double weightA, double weightB,
                               double *value) {
  KS_DISPATCH_RETURN(variant,
                     cheapest_transfer(x, d, rows, count, muA, muB, weightA, weightB, value));
}

void ksk_scatter_product(ksk_variant variant, const double *x, size_t d, const intptr_t *rows,
                         size_t count, const double *centre, const double *axis, double *out) {
  KS_DISPATCH(variant, scatter_product(x, d, rows, count, centre, axis, out));
}

int ksk_split_step(ksk_variant variant, const double *x, size_t d, const intptr_t *rows,
                   size_t count, const double *normal, double threshold, bool *side,
                   double *sums, intptr_t *counts) {
  KS_DISPATCH_RETURN(variant, split_step(x, d, rows, count, normal, threshold, side, sums, counts));
}

// ---- Silhouette ----

void ksk_silhouette_rows8(ksk_variant variant, const double *rp, const double *rn,
                          const double *x, const double *xn, size_t n, size_t d,
                          const int32_t *offsets, size_t L, size_t S, double *sums) {
  KS_DISPATCH(variant, silhouette_rows8(rp, rn, x, xn, n, d, offsets, L, S, sums));
}

// ---- Seeding ----

void ksk_seed_potentials(ksk_variant variant, const double *x, size_t d, size_t begin,
                         size_t end, const double *closest, const double *panel, size_t count,
                         size_t tpad, double *sums, size_t capacity, int32_t *rows,
                         double *values, int64_t *lengths) {
  KS_DISPATCH(variant, seed_potentials(x, d, begin, end, closest, panel, count, tpad, sums,
                                       capacity, rows, values, lengths));
}

void ksk_seed_update(ksk_variant variant, const double *x, size_t d, size_t begin, size_t end,
                     const double *c, int replace, double *closest) {
  KS_DISPATCH(variant, seed_update(x, d, begin, end, c, replace, closest));
}
