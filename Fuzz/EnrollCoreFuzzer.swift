// libFuzzer entry point for EnrollCore's decoders. scripts/fuzz compiles this file into the
// EnrollCore module itself (swiftc -sanitize=fuzzer,address), so no SwiftPM target carries
// sanitizer flags and the product build stays untouched.
//
// The first input byte picks the decoder; the rest is its input. Oracle, per decoder:
// either a typed error (the decoders throw only their own error type, by signature), or a
// value that re-encodes to exactly the input bytes — one byte string, one reading.

@_cdecl("LLVMFuzzerTestOneInput")
public func enrollCoreFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    // 6 since the chain witness; the seeds' selectors 0…4 keep their decoders.
    switch selector % 6 {
    case 0: roundTrip(bytes, { try RecordManifest(decoding: $0) }, { $0.encoded() })
    case 1: roundTrip(bytes, { try RecordPayload(decoding: $0) }, { $0.encoded() })
    case 2: roundTrip(bytes, { try RecordEnvelope(decoding: $0) }, { $0.encoded() })
    case 3: roundTrip(bytes, { try Receipt(decoding: $0) }, { $0.encoded() })
    case 5: roundTrip(bytes, { try ChainWitness(decoding: $0) }, { $0.encoded() })
    default:
        // libfprint's serialized prints have no encoder here: a typed error or a template
        // whose minutiae count matches its sets is all that can be asked.
        if let template = try? PrintTemplate(serialized: bytes) {
            precondition(template.minutiaeCount == template.minutiaeSets.map(\.count).reduce(0, +))
        }
    }
    return 0
}

private func roundTrip<T>(_ bytes: [UInt8], _ decode: ([UInt8]) throws -> T, _ encode: (T) -> [UInt8]) {
    guard let value = try? decode(bytes) else { return }
    precondition(encode(value) == bytes, "a decoded value re-encodes to different bytes")
}
