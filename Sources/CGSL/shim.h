// Accessors that Swift 6 cannot reach directly in GSL's headers. No logic lives here.
#ifndef KSELECT_CGSL_SHIM_H
#define KSELECT_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_cdf.h>

/// The Mersenne Twister generator type (GSL's global is not concurrency-safe in Swift 6).
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }

#endif
