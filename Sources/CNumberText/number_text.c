#define _GNU_SOURCE
#include "number_text.h"

#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void) { c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0); }

int livesim_format_double(char *buffer, int capacity, double value) {
    static const char *const formats[] = {"%.15g", "%.16g", "%.17g"};
    // Always a decimal point, whatever locale the process has set.
    pthread_once(&c_locale_once, make_c_locale);
    locale_t previous = c_locale ? uselocale(c_locale) : (locale_t)0;
    int length = 0;
    for (int i = 0; i < 3; i++) {
        length = snprintf(buffer, (size_t)capacity, formats[i], value);
        if (strtod(buffer, NULL) == value) break;
    }
    if (previous) uselocale(previous);
    return length;
}

int livesim_format_float(char *buffer, int capacity, float value) {
    static const char *const formats[] = {"%.6g", "%.7g", "%.8g", "%.9g"};
    pthread_once(&c_locale_once, make_c_locale);
    locale_t previous = c_locale ? uselocale(c_locale) : (locale_t)0;
    int length = 0;
    for (int i = 0; i < 4; i++) {
        length = snprintf(buffer, (size_t)capacity, formats[i], (double)value);
        if (strtof(buffer, NULL) == value) break;
    }
    if (previous) uselocale(previous);
    return length;
}
