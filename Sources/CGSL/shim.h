// Includes of GNU GSL used by SimCore, and the accessors Swift 6 needs.
#ifndef LIVESIM_CGSL_SHIM_H
#define LIVESIM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_multimin.h>

/* GSL's generator and minimiser types are global variables, which Swift 6
   refuses to read (shared mutable state); these accessors return them. */
static inline const gsl_qrng_type *livesim_qrng_sobol(void) { return gsl_qrng_sobol; }
static inline const gsl_qrng_type *livesim_qrng_halton(void) { return gsl_qrng_halton; }
static inline const gsl_multimin_fminimizer_type *livesim_multimin_nmsimplex2(void) { return gsl_multimin_fminimizer_nmsimplex2; }

#endif
