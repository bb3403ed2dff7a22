extension PrintTemplate {
    /// The largest print accepted: real NBIS prints are a few kilobytes; this bounds what
    /// foreign input can make the parser allocate.
    public static let maximumBytes = 1 << 20

    /// Reads libfprint's serialized print (`fp_print_serialize`): `FP3`, then the GVariant
    /// `(issbymsmsia{sv}v)`. For NBIS prints the variant holds `(a(aiaiai))`, one
    /// (x[], y[], theta[]) triple per enroll stage.
    public init(serialized data: [UInt8]) throws(PrintParseError) {
        guard data.count <= Self.maximumBytes else { throw .tooLarge("a print of \(data.count) bytes (at most \(Self.maximumBytes))") }
        guard data.count >= 3, data[0] == 0x46, data[1] == 0x50, data[2] == 0x33 else { throw .badMagic() }
        // The GVariant starts after the 3-byte header; offsets inside are relative to it.
        let root = GVariantSlice(bytes: data, start: 3, end: data.count)
        let variable: (alignment: Int, fixedSize: Int?) = (1, nil)
        let members = try root.tuple([
            (4, 4),        // i   print type
            variable,      // s   driver
            variable,      // s   device id
            (1, 1),        // b   device stored
            (1, 1),        // y   finger
            variable,      // ms  user name: never read
            variable,      // ms  description: never read
            (4, 4),        // i   enroll date (Julian day)
            (8, nil),      // a{sv} reserved
            (8, nil),      // v   the print's data
        ], "the print")
        let type = try members[0].int32()
        let driver = try members[1].string("the driver name")
        let deviceID = try members[2].string("the device id")
        let stored = try members[3].byte()
        guard stored <= 1 else { throw .malformed("the device-stored flag is \(stored)") }
        let finger = try members[4].byte()
        // Checked for shape only: these may carry a person's name, which is not ours to read.
        _ = try members[5].maybeString("the user name")
        _ = try members[6].maybeString("the description")
        let julian = try members[7].int32()
        let (payload, payloadType) = try members[9].variant("the print data")

        var sets: [[Minutia]] = []
        let kind: Kind
        switch type {
        case 1: kind = .raw
        case 2:
            kind = .nbis
            sets = try Self.minutiaeSets(payload, type: payloadType)
        default: kind = .other(type)
        }
        self.init(kind: kind, driver: driver, deviceID: deviceID, deviceStored: stored == 1, libfprintFinger: finger,
                  enrollJulianDay: julian > 0 ? julian : nil, minutiaeSets: sets)
    }

    private static func minutiaeSets(_ payload: GVariantSlice, type: String) throws(PrintParseError) -> [[Minutia]] {
        let expected = "(a(aiaiai))"
        guard type == expected else { throw .unexpectedType(type, expected: expected) }
        let outer = try payload.tuple([(4, nil)], "the NBIS data")
        var sets: [[Minutia]] = []
        for stage in try outer[0].variableArray(alignment: 4, "the minutiae sets") {
            let columns = try stage.tuple([(4, nil), (4, nil), (4, nil)], "a minutiae set")
            let xs = try columns[0].int32Array("x coordinates")
            let ys = try columns[1].int32Array("y coordinates")
            let angles = try columns[2].int32Array("angles")
            guard xs.count == ys.count, ys.count == angles.count else {
                throw .malformed("a minutiae set has \(xs.count) x, \(ys.count) y and \(angles.count) angles")
            }
            sets.append(xs.indices.map { Minutia(x: Int(xs[$0]), y: Int(ys[$0]), angle: Int(angles[$0])) })
        }
        return sets
    }
}
