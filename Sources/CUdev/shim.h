// libudev, imported as it is (Debian: libudev-dev).
#include <libudev.h>
