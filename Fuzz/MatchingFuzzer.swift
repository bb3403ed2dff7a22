// libFuzzer entry point for the ISO/IEC 19794-2 decoder, compiled into the Matching module
// by scripts/fuzz. Oracle: a typed error, or a template that survives encode → decode
// unchanged (the encoder writes one canonical form, so a second pass must be a fixed point).

@_cdecl("LLVMFuzzerTestOneInput")
public func matchingFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let template = try? ISO19794Template.decode(bytes) else { return 0 }
    let canonical = ISO19794Template.encode(template)
    guard let again = try? ISO19794Template.decode(canonical) else {
        preconditionFailure("the encoder wrote a record its own decoder refuses")
    }
    precondition(ISO19794Template.encode(again) == canonical, "encode → decode is not a fixed point")
    return 0
}
