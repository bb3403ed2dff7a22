// libjpeg-turbo's TurboJPEG API, imported as it is (Debian: libturbojpeg0-dev).
#include <turbojpeg.h>
