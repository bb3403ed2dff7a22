"""A umockdev testbed driven over stdin, for hot-plug tests: the parent test starts this
under LD_PRELOAD=libumockdev-preload.so.0 (umockdev's uevent sender reads the testbed's
sysfs through libudev, so it must be preloaded too), reads the testbed's root from the
first line, starts the program under test with UMOCKDEV_DIR set to it, then sends

    add FILE.umockdev      add the devices described in FILE (umockdev emits "add")
    uevent ACTION SYSPATH  emit ACTION ("add", "change") for SYSPATH
    remove SYSPATH         emit "remove" for SYSPATH and delete it
    ioctl DEVNAME FILE     replay FILE (a umockdev ioctl recording) on the device node DEVNAME

and gets "ok" or "error ..." back for each line. ctypes, because umockdev's GObject
introspection data is not installed for the Python the tests run with.
"""

import ctypes
import sys

lib = ctypes.CDLL("libumockdev.so.0")
lib.umockdev_testbed_new.restype = ctypes.c_void_p
lib.umockdev_testbed_get_root_dir.restype = ctypes.c_char_p
lib.umockdev_testbed_get_root_dir.argtypes = [ctypes.c_void_p]
lib.umockdev_testbed_add_from_string.restype = ctypes.c_int
lib.umockdev_testbed_add_from_string.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
lib.umockdev_testbed_uevent.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
lib.umockdev_testbed_remove_device.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
lib.umockdev_testbed_load_ioctl.restype = ctypes.c_int
lib.umockdev_testbed_load_ioctl.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p]

testbed = lib.umockdev_testbed_new()
print(lib.umockdev_testbed_get_root_dir(testbed).decode(), flush=True)
for line in sys.stdin:
    command, _, argument = line.strip().partition(" ")
    if command == "add":
        with open(argument, "rb") as description:
            ok = lib.umockdev_testbed_add_from_string(testbed, description.read(), None)
        print("ok" if ok else "error: umockdev rejected " + argument, flush=True)
    elif command == "uevent":
        action, _, syspath = argument.partition(" ")
        lib.umockdev_testbed_uevent(testbed, syspath.encode(), action.encode())
        print("ok", flush=True)
    elif command == "remove":
        lib.umockdev_testbed_uevent(testbed, argument.encode(), b"remove")
        lib.umockdev_testbed_remove_device(testbed, argument.encode())
        print("ok", flush=True)
    elif command == "ioctl":
        devname, _, recording = argument.partition(" ")
        ok = lib.umockdev_testbed_load_ioctl(testbed, devname.encode(), recording.encode(), None)
        print("ok" if ok else "error: umockdev could not load " + recording, flush=True)
    else:
        print("error: unknown command " + command, flush=True)
