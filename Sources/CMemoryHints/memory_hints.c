// The hints are inline functions in include/memory_hints.h; SwiftPM needs a
// source file to build the target.
#include "memory_hints.h"
