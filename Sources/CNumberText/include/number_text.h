#ifndef LIVESIM_NUMBER_TEXT_H
#define LIVESIM_NUMBER_TEXT_H

/// Writes the shortest of "%.15g", "%.16g" and "%.17g" that reads back as
/// `value` (a finite double) into `buffer` (32 bytes suffice) and returns the
/// byte count, without allocating after the first call. Always the C locale's
/// decimal point (the thread switches to it for the call), whatever locale
/// the process has set.
int livesim_format_double(char *buffer, int capacity, double value);

/// The same for a finite float: the shortest of "%.6g" … "%.9g" that reads
/// back as `value`.
int livesim_format_float(char *buffer, int capacity, float value);

#endif
