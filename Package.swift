// swift-tools-version: 6.1
// enrolld: biometric enrollment kiosk daemon. The target map follows ../shared/DESIGN.md;
// every dependency here is deliberate, because CI builds them from scratch on 2 cores.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "enrolld",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "enrolld", targets: ["enrolld"]),
        .executable(name: "enrollctl", targets: ["enrollctl"]),
        .executable(name: "fingerprint-soak", targets: ["fingerprint-soak"]),
    ],
    dependencies: [
        // Hummingbird's default traits pull in swift-configuration; we configure from YAML.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Domain core: pure, no I/O, no C.
        .target(name: "EnrollCore", swiftSettings: strict),

        // The catalogued events a technician acts on, and the logging vocabulary.
        .target(
            name: "EventLog",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        // systemd integration: notify protocol, watchdog, native journal protocol.
        .target(
            name: "Systemd",
            dependencies: [
                "EventLog",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        // The local HTTP API served on the Unix socket and on loopback.
        .target(
            name: "ControlAPI",
            dependencies: [
                "EnrollCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),

        // HTTP/1.1 over the daemon's Unix socket, for enrollctl. No NIO: the CLI stays small.
        .target(name: "ControlClient", dependencies: ["EnrollCore"], swiftSettings: strict),

        // Composition root: configuration, services, start-up and shut-down.
        .target(
            name: "EnrollDaemon",
            dependencies: [
                "EnrollCore", "EventLog", "Systemd", "ControlAPI", "Fingerprint", "Imaging",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "enrolld",
            dependencies: [
                "EnrollDaemon", "EventLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "enrollctl",
            dependencies: [
                "EnrollCore", "ControlClient", "Imaging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // libfprint, GLib and libusb as Swift sees them, plus static inline helpers for the
        // macros Swift cannot import (g_signal_connect, error-domain quarks).
        .systemLibrary(
            name: "CFPrint", path: "Sources/CFPrint", pkgConfig: "libfprint-2",
            providers: [.apt(["libfprint-2-dev", "libglib2.0-dev"])]
        ),
        // zlib for PNG: Foundation on Linux has no compression API.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Gray images: PNG encode/decode, uncompressed TIFF, synthetic fingerprints for the demo.
        .target(name: "Imaging", dependencies: ["EnrollCore", "CZlib"], swiftSettings: strict),

        // The libfprint adapter: one GLib main-loop thread, one actor per reader.
        .target(
            name: "Fingerprint",
            dependencies: ["CFPrint", "EnrollCore", "EventLog", "Imaging", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        // The fingerprint soak (scripts/soak-fingerprint): many cycles on the virtual reader, RSS.
        .executableTarget(
            name: "fingerprint-soak",
            dependencies: ["Fingerprint", "EnrollCore", "Imaging", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        // Test utilities: a datagram listener standing in for systemd's sockets, process helpers.
        .target(name: "TestSupport", dependencies: ["EnrollCore"], swiftSettings: strict),

        .testTarget(name: "EventLogTests", dependencies: ["EventLog"], swiftSettings: strict),
        .testTarget(name: "EnrollCoreTests", dependencies: ["EnrollCore"], swiftSettings: strict),
        .testTarget(
            name: "SystemdTests",
            dependencies: ["Systemd", "EventLog", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "FingerprintTests",
            dependencies: [
                "Fingerprint", "EnrollCore", "EventLog", "Imaging", "TestSupport", "enrolld", "enrollctl",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ControlClientTests", dependencies: ["ControlClient"], swiftSettings: strict),
        .testTarget(
            name: "EnrollDaemonTests",
            dependencies: [
                "EnrollDaemon", "ControlClient", "TestSupport", "Systemd", "enrolld", "enrollctl",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
