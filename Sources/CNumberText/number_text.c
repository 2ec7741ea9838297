#include "number_text.h"

#include <stdio.h>
#include <stdlib.h>

int livesim_format_double(char *buffer, int capacity, double value) {
    static const char *const formats[] = {"%.15g", "%.16g", "%.17g"};
    int length = 0;
    for (int i = 0; i < 3; i++) {
        length = snprintf(buffer, (size_t)capacity, formats[i], value);
        if (strtod(buffer, NULL) == value) break;
    }
    return length;
}
