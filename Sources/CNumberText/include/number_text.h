#ifndef LIVESIM_NUMBER_TEXT_H
#define LIVESIM_NUMBER_TEXT_H

/// Writes the shortest of "%.15g", "%.16g" and "%.17g" that reads back as
/// `value` (a finite double) into `buffer` (32 bytes suffice) and returns the
/// byte count, without allocating. Uses the C locale's decimal point, which
/// is the locale of a process that never calls setlocale.
int livesim_format_double(char *buffer, int capacity, double value);

#endif
