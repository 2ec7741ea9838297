#include "ziggurat_tables.h"

#include <math.h>

// The same operations, in the same order, as the recurrence written out in
// Marsaglia & Tsang (2000): no fused multiply-adds, so the tables are the
// same bit for bit on every machine with IEEE doubles and this libm.
#pragma STDC FP_CONTRACT OFF

struct livesim_ziggurat_tables livesim_ziggurat_exponential_storage;
struct livesim_ziggurat_tables livesim_ziggurat_normal_storage;

static double exponential_density(double x) { return exp(-x); }
static double exponential_inverse(double y) { return -log(y); }
static double normal_density(double x) { return exp(-0.5 * x * x); }
static double normal_inverse(double y) { return sqrt(-2 * log(y)); }

/// The tables of an unnormalised decreasing density on x ≥ 0 from its tail
/// start `r` and layer area `v`, by the method's recurrence: each layer's
/// top edge is where a rectangle of area v on the one below it ends.
static void fill(struct livesim_ziggurat_tables *t, double r, double v,
                 double (*density)(double), double (*inverse)(double)) {
    t->r = r;
    t->x[0] = v / density(r);
    t->x[1] = r;
    for (int i = 1; i < 255; i++) t->x[i + 1] = inverse(v / t->x[i] + density(t->x[i]));
    t->x[256] = 0;
    for (int i = 0; i <= 256; i++) t->f[i] = density(t->x[i]);
}

__attribute__((constructor)) static void livesim_ziggurat_fill(void) {
    // r and v: Marsaglia & Tsang's 256-layer exponential table; Doornik's
    // (2005) 256-layer symmetric normal table.
    fill(&livesim_ziggurat_exponential_storage, 7.69711747013104972, 3.949659822581572e-3,
         exponential_density, exponential_inverse);
    fill(&livesim_ziggurat_normal_storage, 3.6541528853610088, 0.00492867323399,
         normal_density, normal_inverse);
}
