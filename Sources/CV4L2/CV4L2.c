// SwiftPM needs one source file in a C target; everything lives in the header.
#include "CV4L2.h"
