#ifndef LIVESIM_ZIGGURAT_TABLES_H
#define LIVESIM_ZIGGURAT_TABLES_H

/// The layer tables of a 256-layer ziggurat (SimCore's `Ziggurat`): x[0] is
/// the base strip's width (tail included as area), x[1] = r (where the tail
/// begins), …, x[256] = 0, decreasing; f[i] is the density at x[i].
struct livesim_ziggurat_tables {
    double x[257];
    double f[257];
    double r;
};

/// Filled once, when the program (or library) is loaded, before any Swift
/// code runs: a draw reads them with no lazy-initialisation check (a Swift
/// `static let` costs an accessor call and a `swift_once` test per draw).
extern struct livesim_ziggurat_tables livesim_ziggurat_exponential_storage;
extern struct livesim_ziggurat_tables livesim_ziggurat_normal_storage;

/// The unit exponential's tables: f(x) = e^{−x}.
static inline const struct livesim_ziggurat_tables *livesim_ziggurat_exponential(void) {
    return &livesim_ziggurat_exponential_storage;
}

/// The standard normal's tables, one side: f(x) = e^{−x²/2}.
static inline const struct livesim_ziggurat_tables *livesim_ziggurat_normal(void) {
    return &livesim_ziggurat_normal_storage;
}

#endif
