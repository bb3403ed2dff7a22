// Only what Swift cannot import from libfprint and GLib: function-like macros and
// callbacks that need a cast to GCallback. Everything else is used directly.
#pragma once
#include <fprint.h>
#include <gio/gio.h>

/// "device-added" / "device-removed" on an FpContext.
typedef void (*CFPrint_ContextDeviceSignal)(FpContext *context, FpDevice *device, gpointer user_data);
/// "notify::…" on any GObject.
typedef void (*CFPrint_NotifySignal)(GObject *object, GParamSpec *pspec, gpointer user_data);

static inline gulong CFPrint_connect_context_device(FpContext *context, const char *signal,
                                                    CFPrint_ContextDeviceSignal callback, gpointer user_data) {
    return g_signal_connect(context, signal, G_CALLBACK(callback), user_data);
}

static inline gulong CFPrint_connect_notify(gpointer object, const char *signal,
                                            CFPrint_NotifySignal callback, gpointer user_data) {
    return g_signal_connect(object, signal, G_CALLBACK(callback), user_data);
}

static inline gpointer CFPrint_ptr_array_index(GPtrArray *array, guint index) {
    return g_ptr_array_index(array, index);
}

static inline gboolean CFPrint_is_device_error(const GError *error) {
    return error != NULL && error->domain == FP_DEVICE_ERROR;
}
static inline gboolean CFPrint_is_retry(const GError *error) {
    return error != NULL && error->domain == FP_DEVICE_RETRY;
}
static inline gboolean CFPrint_is_io_error(const GError *error, GIOErrorEnum code) {
    return g_error_matches(error, G_IO_ERROR, code);
}

/// FpDevice's "removed" property (no public getter in libfprint 1.94).
static inline gboolean CFPrint_device_is_removed(FpDevice *device) {
    gboolean removed = FALSE;
    g_object_get(device, "removed", &removed, NULL);
    return removed;
}

/// The libusb device under a USB reader, or NULL (virtual and SPI readers). libfprint 1.94
/// has no getter: its GUsbDevice is the "fpi-usb-device" property, and GUsbDevice exposes
/// its libusb device as "libusb-device". The pointer is borrowed: it lives as long as the
/// FpDevice does.
static inline void *CFPrint_libusb_device(FpDevice *device) {
    GObject *usb = NULL;
    void *libusb_device = NULL;
    if (g_object_class_find_property(G_OBJECT_GET_CLASS(device), "fpi-usb-device") == NULL) return NULL;
    g_object_get(device, "fpi-usb-device", &usb, NULL);
    if (usb == NULL) return NULL;
    if (g_object_class_find_property(G_OBJECT_GET_CLASS(usb), "libusb-device") != NULL)
        g_object_get(usb, "libusb-device", &libusb_device, NULL);
    g_object_unref(usb);
    return libusb_device;
}
