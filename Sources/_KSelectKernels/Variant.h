// One kernel variant: every family of Families/, compiled under the macro set that the
// including file (Kernels.c, once per variant) defines just before:
//   KS_ATTR               attributes of every function (the target's instruction set, alignment)
//   KS_NAME(name)         the variant's name for a function: ks_portable_name, ks_avx2_name
//   KS_FMA_V(a, b, acc)   a · b + acc on v4d lanes: fused in AVX2, unfused in portable
//   KS_FMA_S(a, b, acc)   the same on doubles
//   KS_SQRT_V(v)          the square root of every lane
//   KS_ANY(mask)          whether any lane of a v4l compare mask is set
//   KS_MASK(mask)         lane l's sign bit of a v4l mask as bit l
//   KS_MASK8(mask)        lane l of a v8i compare mask as bit l
//   KS_LOAD_FIRST(p, n)   p[0…n−1] in lanes 0…n−1 for 0 < n < 4, zeros above, nothing read
//                         past p[n − 1]
// A kernel is written once, in its family, over these macros and the helpers of
// Primitives.h; the macros are the only place where the variants differ. Everything is
// undefined again at the end, so the next variant starts clean.

#include "Families/Primitives.h"
#include "Families/Assignment.h"
#include "Families/Hamerly.h"
#include "Families/Refinement.h"
#include "Families/Silhouette.h"
#include "Families/Seeding.h"

#undef ks_load
#undef ks_store
#undef ks_splat
#undef ks_select_index
#undef ks_select
#undef ks_keep_min
#undef ks_reduce
#undef ks_reduce_group
#undef ks_sqdist
#undef ks_sqdist4
#undef ks_sqrt_lanes
#undef ks_any_lanes
#undef ks_spread_min
#undef ks_mask_lanes
#undef ks_load_first
#undef ks_mask8_lanes

#undef KS_ATTR
#undef KS_NAME
#undef KS_FMA_V
#undef KS_FMA_S
#undef KS_SQRT_V
#undef KS_ANY
#undef KS_MASK
#undef KS_MASK8
#undef KS_LOAD_FIRST
