// swift-tools-version: 6.1
// enrolld: biometric enrollment kiosk daemon. The target map follows ../shared/DESIGN.md;
// every dependency here is deliberate, because CI builds them from scratch on 2 cores.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

#if arch(x86_64)
let popcount: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "nehalem"])]
#else
let popcount: [SwiftSetting] = []
#endif

/// Products many targets use, named once.
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let serviceLifecycle: Target.Dependency = .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")
let httpTypes: Target.Dependency = .product(name: "HTTPTypes", package: "swift-http-types")
let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let prometheus: Target.Dependency = .product(name: "Prometheus", package: "swift-prometheus")
let nioSSL: Target.Dependency = .product(name: "NIOSSL", package: "swift-nio-ssl")
let metrics: Target.Dependency = .product(name: "Metrics", package: "swift-metrics")

let package = Package(
    name: "enrolld",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "enrolld", targets: ["enrolld"]),
        .executable(name: "enrollctl", targets: ["enrollctl"]),
        .executable(name: "enroll-bench-store", targets: ["enroll-bench-store"]),
        .executable(name: "enroll-camera-selftest", targets: ["enroll-camera-selftest"]),
        .executable(name: "enroll-bench-imaging", targets: ["enroll-bench-imaging"]),
        .executable(name: "fingerprint-soak", targets: ["fingerprint-soak"]),
        .executable(name: "enroll-quality-eval", targets: ["enroll-quality-eval"]),
        .executable(name: "enroll-ingest", targets: ["enroll-ingest"]),
        .executable(name: "enroll-bench-sync", targets: ["enroll-bench-sync"]),
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
        // Ed25519 device signatures and HPKE sealing of records (Trust).
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // Mutual TLS for enroll-ingest (HummingbirdTLS) and the uploader; already in the
        // graph through Hummingbird.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The uploader's HTTPS client (mutual TLS, time-outs); see README, "Sync".
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // enroll-ingest's optional PostgreSQL storage, for a central site.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Domain core: pure, no I/O, no C.
        .target(name: "EnrollCore", swiftSettings: strict),

        // Debian's libsqlite3 (3.40.1) through its C API: the Store owns exactly one writer
        // connection and sets every pragma itself, so no wrapper can silently change them.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Device keys, record signatures, HPKE sealing, hash chain, verification.
        .target(
            name: "Trust",
            dependencies: ["EnrollCore", crypto],
            swiftSettings: strict
        ),

        // The SQLite outbox, receipts, gallery, operators and audit log; the only writer.
        .target(
            name: "Store",
            dependencies: [
                "EnrollCore", "CSQLite",
                // SHA-256 only, for the audit log's hash chain.
                crypto,
                logging,
            ],
            swiftSettings: strict
        ),

        // The catalogued events a technician acts on, and the logging vocabulary.
        .target(
            name: "EventLog",
            dependencies: [logging],
            swiftSettings: strict
        ),

        // systemd integration: notify protocol, watchdog, native journal protocol.
        .target(
            name: "Systemd",
            dependencies: [
                "EventLog",
                logging,
                serviceLifecycle,
            ],
            swiftSettings: strict
        ),

        // Roles, PIN hashes (PBKDF2 from swift-crypto's HMAC), lockout, logins, socket peers.
        .target(
            name: "Access",
            dependencies: ["EnrollCore", crypto],
            swiftSettings: strict
        ),

        // The local HTTP API served on the Unix socket and on loopback.
        .target(
            name: "ControlAPI",
            dependencies: [
                "EnrollCore", "Access",
                hummingbird,
                httpTypes,
                nioCore,
                logging,
                serviceLifecycle,
                metrics,
                prometheus,
            ],
            swiftSettings: strict
        ),

        // HTTP/1.1 over the daemon's Unix socket, for enrollctl. No NIO: the CLI stays small.
        .target(name: "ControlClient", swiftSettings: strict),

        // Composition root: configuration, services, start-up and shut-down.
        .target(
            name: "EnrollDaemon",
            dependencies: [
                "EnrollCore", "EventLog", "Systemd", "ControlAPI", "Store", "Trust", "Camera", "Devices", "Imaging", "Fingerprint",
                "FingerprintQuality", "FaceAnalysis",
                "Matching",
                // Ed25519 verification of gallery bundles from the central server.
                crypto,
                "Access",
                httpTypes,
                "Sync",
                .product(name: "Yams", package: "Yams"),
                logging,
                metrics,
                prometheus,
                serviceLifecycle,
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "enrolld",
            dependencies: [
                "EnrollDaemon", "EventLog",
                argumentParser,
                logging,
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "enrollctl",
            dependencies: [
                "EnrollCore", "ControlClient", "Imaging", "FingerprintQuality", "FaceAnalysis",
                // `enrollctl eval match`: libfprint's own minutiae detector and the matcher, offline.
                "Fingerprint", "Matching",
                argumentParser,
            ],
            swiftSettings: strict
        ),

        // Fingerprint templates, the MCC matcher and the 1:N gallery index. Pure Swift.
        // Nehalem (x86-64-v2: every x86-64 CPU since 2008) has POPCNT, which the cylinder comparison
        // spends most of its time on; the baseline target computes it in a dozen instructions.
        // EnrollCore only for libfprint's NBIS prints (PrintTemplate) as matcher templates.
        .target(name: "Matching", dependencies: ["EnrollCore"], swiftSettings: strict + popcount),
        // Accuracy and speed of the matcher on a folder of templates (FVC protocol).
        .executableTarget(name: "enroll-match-eval", dependencies: ["EnrollCore", "Matching"], swiftSettings: strict),
        // Release-mode benchmark: outbox commit rate and sign + seal throughput.
        .executableTarget(
            name: "enroll-bench-store",
            dependencies: ["EnrollCore", "Trust", "Store", "TestSupport", "CSQLite"],
            swiftSettings: strict
        ),
        // Test-only writer process for the crash harness: commits records and prints each
        // acknowledged sequence number, until it is killed with SIGKILL.
        .executableTarget(
            name: "enroll-crashwriter",
            dependencies: ["EnrollCore", "Trust", "Store", "TestSupport"],
            swiftSettings: strict
        ),
        // Cameras (issue 4). C shims: only what Swift cannot import.
        .target(name: "CV4L2"),
        .systemLibrary(name: "CUdev", pkgConfig: "libudev"),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg"),
        // Pixel conversion (YUYV, MJPEG, gray, RGB) and JPEG encoding.
        // Optimised in debug builds too: at -Onone every SIMD lane operation is a generic call;
        // a 1280x720 YUYV conversion took 2 s (0.5 frames/s) natively and half a minute in the
        // VM test's emulation, where the debug daemon runs `enrollctl camera test`.
        // zlib for PNG: Foundation on Linux has no compression API.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Images: gray and RGB buffers, YUYV and MJPEG conversion, JPEG and PNG encoding,
        // uncompressed TIFF, synthetic fingerprints for the demo.
        .target(name: "Imaging", dependencies: ["EnrollCore", "CTurboJPEG", "CZlib"], swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // The V4L2 adapter: typed ioctls, mmap streaming, frames as an AsyncSequence.
        .target(
            name: "Camera",
            dependencies: ["CV4L2", "EnrollCore", "Imaging", logging],
            swiftSettings: strict
        ),
        // udev discovery and hot-plug of cameras, feeding the daemon's device registry.
        .target(
            name: "Devices",
            dependencies: ["CUdev", "EnrollCore", logging],
            swiftSettings: strict
        ),
        // Runs inside the vivid VM (Tests/vm/run-vivid) and on a kiosk: the camera path end to end.
        .executableTarget(name: "enroll-camera-selftest", dependencies: ["Camera", "EnrollCore", "Imaging"], swiftSettings: strict),
        // Release-mode figures for the README: YUYV and MJPEG conversion of a 1280x720 frame.
        .executableTarget(name: "enroll-bench-imaging", dependencies: ["Imaging"], swiftSettings: strict),
        // libfprint, GLib and libusb as Swift sees them, plus static inline helpers for the
        // macros Swift cannot import (g_signal_connect, error-domain quarks).
        .systemLibrary(
            name: "CFPrint", path: "Sources/CFPrint", pkgConfig: "libfprint-2",
            providers: [.apt(["libfprint-2-dev", "libglib2.0-dev"])]
        ),
        // libusb-1.0: a reader that keeps failing is reset at USB level before it is given up.
        .systemLibrary(name: "CLibusb", pkgConfig: "libusb-1.0", providers: [.apt(["libusb-1.0-0-dev"])]),

        // The libfprint adapter: one GLib main-loop thread, one actor per reader.
        .target(
            name: "Fingerprint",
            dependencies: ["CFPrint", "CLibusb", "EnrollCore", "EventLog", "Imaging", logging],
            swiftSettings: strict
        ),

        // The fingerprint soak (scripts/soak-fingerprint): many cycles on the virtual reader, RSS.
        .executableTarget(
            name: "fingerprint-soak",
            dependencies: ["Fingerprint", "EnrollCore", "Imaging", logging],
            swiftSettings: strict
        ),

        // Fingerprint quality (issue 8): an NFIQ 2-meaning score and feedback from the gray
        // image. Optimised in debug builds too, like Imaging: the tests score the FVC sets.
        .target(
            name: "FingerprintQuality",
            dependencies: ["EnrollCore", "Imaging"],
            swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // dlib's HOG face detector and 68-landmark predictor behind a C API (issue 8).
        // Optimised even in debug builds: dlib is templates compiled here, and at -O0 one
        // detection takes seconds. BLAS and LAPACK are named because libdlib.so needs them
        // and plain -ldlib leaves them off (see ../shared/notes/dlib-faces.md).
        .target(
            name: "CDlibShim",
            cxxSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("dlib"), .linkedLibrary("blas"), .linkedLibrary("lapack")]
        ),
        // Face detection, landmarks and the ICAO / ISO 19794-5 checks; the token image.
        .target(
            name: "FaceAnalysis",
            dependencies: ["CDlibShim", "EnrollCore", "Imaging"],
            swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .testTarget(
            name: "FaceAnalysisTests",
            dependencies: ["FaceAnalysis", "EnrollCore", "Imaging", "TestSupport"],
            swiftSettings: strict
        ),
        // Correlation with NIST NFIQ 2 on the FVC sets (and a refit), and the speed figures.
        .executableTarget(
            name: "enroll-quality-eval",
            dependencies: ["EnrollCore", "Imaging", "FingerprintQuality", "FaceAnalysis"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FingerprintQualityTests",
            // enrollctl: `enrollctl quality` is run as a process on files.
            dependencies: ["FingerprintQuality", "EnrollCore", "Imaging", "TestSupport", "enrollctl"],
            swiftSettings: strict
        ),

        // Test utilities: a datagram listener standing in for systemd's sockets, process helpers.
        .target(name: "TestSupport", dependencies: ["EnrollCore", "Camera", logging], swiftSettings: strict),

        // The reference central receiver's acceptance logic and storage (issue 6).
        .target(
            name: "Ingest",
            dependencies: ["EnrollCore", "Trust", "CSQLite", crypto],
            swiftSettings: strict
        ),
        // The receiver's storage on a PostgreSQL server (postgres-nio).
        .target(
            name: "IngestPostgres",
            dependencies: [
                "Ingest", "EnrollCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                nioCore,
                logging,
                // TLS to the server, verified against the operator's CA (already in the graph).
                nioSSL,
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "enroll-ingest",
            dependencies: [
                "Ingest", "IngestPostgres", "EnrollCore", "CSQLite",
                serviceLifecycle,
                hummingbird,
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                httpTypes,
                nioCore,
                nioSSL,
                crypto,
                logging,
                argumentParser,
            ],
            swiftSettings: strict
        ),

        // The uploader: batches, receipts, back-off (issue 6).
        .target(
            name: "Sync",
            dependencies: [
                "EnrollCore", "Store", "Trust", "EventLog",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                nioCore,
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                nioSSL,
                logging,
                serviceLifecycle,
            ],
            swiftSettings: strict
        ),
        // Release-mode benchmark: draining the outbox to enroll-ingest vs. curl posting the same bytes.
        .executableTarget(
            name: "enroll-bench-sync",
            dependencies: [
                "Sync", "Store", "Trust", "EnrollCore", "TestSupport",
                crypto,
                logging,
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: [
                "Ingest", "IngestPostgres", "Trust", "EnrollCore", "TestSupport",
                crypto,
                logging,
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "Sync", "Ingest", "IngestPostgres", "Store", "Trust", "EnrollCore", "EventLog", "TestSupport", "enroll-ingest",
                crypto,
                logging,
                // The shutdown test runs the uploader in a ServiceGroup; the problem-text
                // tests build the libraries' own errors.
                serviceLifecycle,
                nioCore,
                nioSSL,
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "EventLogTests", dependencies: ["EventLog"], swiftSettings: strict),
        .testTarget(
            name: "EnrollCoreTests",
            dependencies: ["EnrollCore", "TestSupport"],
            // The vectors are read from the source tree (#filePath), so they stay plain files.
            exclude: ["vectors"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TrustTests",
            dependencies: ["Trust", "EnrollCore", "TestSupport", crypto],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "Trust", "EnrollCore", "TestSupport", "CSQLite", "enroll-crashwriter",
                crypto,
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SystemdTests",
            dependencies: ["Systemd", "EventLog", "TestSupport", logging],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ControlAPITests",
            dependencies: [
                "ControlAPI", "Access", "EnrollCore", httpTypes,
                hummingbird,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                nioCore,
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "CTurboJPEG", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CameraTests", dependencies: ["Camera", "CV4L2", "EnrollCore", "Imaging", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DevicesTests", dependencies: ["Devices", "EnrollCore"], swiftSettings: strict),
        .testTarget(
            name: "FingerprintTests",
            dependencies: [
                "Fingerprint", "EnrollCore", "EventLog", "Imaging", "TestSupport", "enrolld", "enrollctl",
                logging,
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ControlClientTests", dependencies: ["ControlClient"], swiftSettings: strict),
        .testTarget(name: "AccessTests", dependencies: ["Access"], swiftSettings: strict),
        .testTarget(
            name: "EnrollDaemonTests",
            dependencies: [
                "EnrollDaemon", "ControlClient", "TestSupport", "Systemd", "enrolld", "enrollctl",
                "EnrollCore", "Trust", "Store", "EventLog", "CSQLite", "Camera", "FaceAnalysis", "FingerprintQuality", "Matching",
                "Access", "ControlAPI",
                // The uploader's settings the configuration builds (central.head_check_minutes).
                "Sync",
                logging,
                crypto,
            ],
            swiftSettings: strict
        ),
    ]
)
