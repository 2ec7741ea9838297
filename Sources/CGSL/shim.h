// Includes of GNU GSL used by SimCore, and the accessors Swift 6 needs.
#ifndef LIVESIM_CGSL_SHIM_H
#define LIVESIM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>

#endif
