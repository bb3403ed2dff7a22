// libusb-1.0, for one thing libfprint cannot do: reset a reader at USB level.
#pragma once
#include <libusb.h>
