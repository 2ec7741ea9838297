import CGSL

/// One-time process set-up for GNU GSL.
///
/// GSL's default error handler calls `abort()` on any domain error (a t quantile
/// with zero degrees of freedom, say). SimCore validates arguments in Swift and
/// reads GSL's return values instead, so the handler is switched off once, before
/// the first GSL call. Every SimCore entry point that reaches GSL calls
/// ``ensureConfigured()``; calling it again is free.
public enum GSLSetup {
    private static let configured: Bool = {
        gsl_set_error_handler_off()
        return true
    }()

    /// Switches GSL's aborting error handler off (idempotent, thread-safe).
    @inline(__always)
    public static func ensureConfigured() {
        _ = configured
    }
}
