// Distance kernels for KSelect. Internal: the Swift library is the only client (README.md in
// this folder says how the kernels are built and how to add one).
//
// Every kernel exists twice, an AVX2/FMA variant and a portable one, both produced from one
// body; the caller passes the variant, normally the one `ksk_best_variant` detected once from
// CPUID, so the binary runs on any x86-64 (and builds on other CPUs, where only the portable
// variant exists). The variants give bit-identical results; within one variant a value is
// computed by the same sequence of operations whichever kernel computes it, so the tile kernel,
// the one-point kernel and the pair kernel agree bit for bit.
#ifndef KSELECT_KERNELS_H
#define KSELECT_KERNELS_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Centroids per lane group of the transposed panels.
#define KSK_LANES 8

/// The variants every kernel exists in (a closed enum: Swift imports it as `ksk_variant` with
/// the cases `.portable` and `.avx2`).
typedef enum __attribute__((enum_extensibility(closed))) ksk_variant {
  /// Plain vector extensions, no fused operations: runs on any CPU.
  ksk_variant_portable = 0,
  /// 256-bit AVX2 registers with fused multiply-adds where a kernel asks for them.
  ksk_variant_avx2 = 1,
} ksk_variant;

/// The variant this CPU and OS support best: `ksk_variant_avx2` when CPUID reports AVX2 and
/// FMA and the OS saves the YMM state, `ksk_variant_portable` otherwise (checked once). Every
/// kernel takes the variant to run, so tests can compare both side by side.
ksk_variant ksk_best_variant(void);

/// Nearest centroid of rows [begin, end): labels (lowest index on ties of the value
/// ‖c‖² − 2x·c) and the exact squared distance Σ (x − c)² to the winner.
/// `ct` is the d × kpad transposed centroid panel, `cn` the kpad squared norms (+inf in padding),
/// `c` the k × d row-major centroids. With `dist` NULL only the labels are written.
void ksk_assign(ksk_variant variant, const double *x, size_t d, size_t begin, size_t end,
                const double *ct, const double *cn, size_t kpad, const double *c, int32_t *labels,
                double *dist);

/// The values ‖c‖² − 2x·c of one point against all kpad centroids, computed exactly as
/// `ksk_assign` computes them.
void ksk_point_values(ksk_variant variant, const double *x, size_t d, const double *ct,
                      const double *cn, size_t kpad, double *out);

/// The value ‖c_j‖² − 2x·c_j for one centroid, computed exactly as `ksk_assign` computes it.
double ksk_pair_value(ksk_variant variant, const double *x, size_t d, const double *ct,
                      const double *cn, size_t kpad, size_t j);

/// `ksk_pair_value` for the `count` centroids listed in `which`, into `out`; bit-identical to it.
void ksk_pair_values(ksk_variant variant, const double *x, size_t d, const double *ct,
                     const double *cn, size_t kpad, const int32_t *which, size_t count,
                     double *out);

/// Hamerly's assignment step for rows [begin, end) (see BoundedAssignment.swift): `xn` holds
/// ‖x‖², `c` the k centroids row-major (`ct`, `cn` their padded panel as `ksk_assign` takes it),
/// `movement` and `halfGap` the k per-centroid movements and half-distances to the nearest
/// other centroid, `largestMove`/`largestMover`/`secondMove` the two largest movements; `first`
/// computes every value. Updates `labels`, `upper` and `lower` (one bound per row) in place.
/// The labels are exactly `ksk_assign`'s.
void ksk_hamerly(ksk_variant variant, const double *x, size_t d, size_t begin, size_t end,
                 const double *xn, const double *c, const double *ct, const double *cn, size_t kpad,
                 size_t k, const double *movement, const double *halfGap, double largestMove,
                 int64_t largestMover, double secondMove, double scale, int first, int32_t *labels,
                 double *upper, double *lower);

/// Flags (1/0) the rows of [begin, end) for which a single-point transfer might lower W_k:
/// row i of cluster A when some B ≠ A has inWeight[B]·‖x − c_B‖² ≤ outWeight[A]·‖x − c_A‖²
/// + 1e-9 (‖x‖² + scale), distances in `ksk_assign`'s expanded form. `inWeight` holds kpad values
/// (1 in the padding), `outWeight` k; `xn` holds ‖x‖². Also writes every row's squared distance
/// to its own centroid (`own2`) and to the nearest other one (`other2`), in the same form, and,
/// when `second` is not NULL, that other centroid's index (the lowest on ties).
void ksk_transfer_candidates(ksk_variant variant, const double *x, size_t d, size_t begin,
                             size_t end, const double *xn, const double *ct, const double *cn,
                             size_t kpad, const int32_t *labels, const double *inWeight,
                             const double *outWeight, double scale, uint8_t *flags, double *own2,
                             double *other2, int32_t *second);

/// The rows i < n where old[i] ≠ current[i], in order, written to rows (room for limit + 64
/// entries); returns their count, or −1 once there are more than `limit` of them.
intptr_t ksk_changed_rows(ksk_variant variant, const int32_t *old, const int32_t *current, size_t n,
                          intptr_t *rows, size_t limit);

/// Per-cluster coordinate sums (k × d, zeroed first) and counts of rows [begin, end), each sum
/// accumulated in row order.
void ksk_cluster_sums(ksk_variant variant, const double *x, size_t d, size_t begin, size_t end,
                      const int32_t *labels, size_t k, double *sums, int64_t *counts);

/// The scatter matrix of the rows `rows` of x about `centre` times `axis`, without forming the
/// matrix: out = Σ_q (x_i − c)((x_i − c) · axis) for i = rows[q], each projection summed in j
/// order and out accumulated in row order (out is overwritten).
void ksk_scatter_product(ksk_variant variant, const double *x, size_t d, const intptr_t *rows,
                         size_t count, const double *centre, const double *axis, double *out);

/// One step of a split's 2-means over the rows `rows` of x: row i goes to the second half when
/// Σ_j x_j · normal_j (in j order, unfused) > threshold. Sets side[q] for rows[q], writes both
/// halves' coordinate sums (2 × d, first half first) and sizes, each accumulated in row order,
/// and returns whether any side changed.
int ksk_split_step(ksk_variant variant, const double *x, size_t d, const intptr_t *rows,
                   size_t count, const double *normal, double threshold, bool *side, double *sums,
                   intptr_t *counts);

/// The rows i < n, in order, whose transfer bounds leave a transfer possible: ratio[a] > 0 and
/// lower[i] − largestDrift ≤ ratio[a] · (upper[i] + drift[a]) for a = labels[i] (the test of
/// TransferBounds.swift, unfused). Writes them to rows (room for n + 1 entries) and returns
/// their count.
size_t ksk_transfer_unresolved(ksk_variant variant, const int32_t *labels, size_t n,
                               const double *upper, const double *lower, const double *ratio,
                               const double *drift, double largestDrift, intptr_t *rows);

/// For each row rows[q] of x, with a = labels[rows[q]] and the k row-major means: own[q] =
/// ‖x − μ_a‖², nearest[q] = min over b ≠ a of ‖x − μ_b‖² and cheapest[q] = min over b ≠ a of
/// inWeight[b] · ‖x − μ_b‖², each distance Σ_j (x_j − μ_j)² in index order and the minima
/// taken in centroid order as Swift's min takes them.
void ksk_transfer_distances(ksk_variant variant, const double *x, size_t d, const intptr_t *rows,
                            size_t count, const int32_t *labels, const double *means, size_t k,
                            const double *inWeight, double *own, double *nearest, double *cheapest);

/// The position q in rows of the smallest weightB · ‖x − μB‖² − weightA · ‖x − μA‖² (the first
/// on ties; distances Σ_j (x_j − μ_j)² in index order), with that value in *value
/// (+∞ and position 0 when count is 0).
intptr_t ksk_cheapest_transfer(ksk_variant variant, const double *x, size_t d, const intptr_t *rows,
                               size_t count, const double *muA, const double *muB, double weightA,
                               double weightB, double *value);

/// Silhouette sums for 8 rows, for several labellings of the same points at once. The rows are a
/// panel rp, transposed (d × KSK_LANES), with squared norms rn; the points are the row-major
/// n × d `x` with squared norms xn. The distance from every row to point j is
/// sqrt(max(0, ‖x‖² − 2x·y + ‖y‖²)), recomputed directly when that expanded form is too close to
/// cancellation, and is added, for every labelling t < L, into slot offsets[j · L + t] (the
/// point's cluster in labelling t, numbered across all labellings, < S). `sums` holds two copies
/// of the S slots × KSK_LANES lanes (points of even and of odd index), zeroed by the caller; a
/// row's sum for a slot is copy 0 + copy 1. Each copy adds its points in index order.
void ksk_silhouette_rows8(ksk_variant variant, const double *rp, const double *rn, const double *x,
                          const double *xn, size_t n, size_t d, const int32_t *offsets, size_t L,
                          size_t S, double *sums);

// ==== Greedy k-means++ seeding (Seeder.swift) ====
// Squared distances are Σ_j (x_j − c_j)² in j order without fused operations in both variants
// (bit-identical to Swift's `squaredDistance`); min(a, b) is b when b < a, else a, as Swift's min.

/// For rows [begin, end) and each of the `count` candidates, sums[t] =
/// Σ_i min(closest[i], ‖x_i − c_t‖²), added in row order starting from 0. The candidates are
/// the d × tpad transposed `panel` (c_t's coordinate j at panel[j · tpad + t]; tpad ≥ count, a
/// multiple of 4); `sums` has room for tpad values, of which the first `count` are written.
/// Also lists, for each candidate t, the rows it brings closer (‖x_i − c_t‖² < closest[i]), in
/// row order: lengths[t] is their number, and the first min(lengths[t], capacity) of them are
/// stored as offsets i − begin at rows[t · capacity + e] with ‖x_i − c_t‖² at
/// values[t · capacity + e]. When lengths[t] ≤ capacity, writing the list into `closest` gives
/// exactly what `ksk_seed_update` would give for c_t. With `rows` NULL nothing is listed (and
/// `values` and `lengths` are not read).
void ksk_seed_potentials(ksk_variant variant, const double *x, size_t d, size_t begin, size_t end,
                         const double *closest, const double *panel, size_t count, size_t tpad,
                         double *sums, size_t capacity, int32_t *rows, double *values,
                         int64_t *lengths);

/// For rows [begin, end), closest[i] = min(closest[i], ‖x_i − c‖²), or ‖x_i − c‖² when
/// `replace` is non-zero; `c` is one point of dimension d.
void ksk_seed_update(ksk_variant variant, const double *x, size_t d, size_t begin, size_t end,
                     const double *c, int replace, double *closest);

#ifdef __cplusplus
}
#endif

#endif
