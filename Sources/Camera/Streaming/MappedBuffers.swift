/// The driver's capture buffers, mmap'd into this process. Unmapped when released, on
/// every path: a failed mapping half-way unmaps the ones before it, and a stream that
/// ends by error drops this object like one that ends normally.
final class MappedBuffers {
    struct Mapping {
        let address: UnsafeMutableRawPointer
        let length: Int
    }

    private let system: any SystemCalls
    private(set) var mappings: [Mapping] = []

    /// Maps `count` buffers the driver allocated with VIDIOC_REQBUFS.
    init(device: V4L2Device, count: Int) throws(V4L2Error) {
        system = device.system
        for index in 0..<count {
            let (offset, length) = try device.queryBuffer(index)
            switch system.mmap(device.fd, length: length, offset: offset) {
            case .success(let address): mappings.append(Mapping(address: address, length: length))
            case .failure(let failure): throw V4L2Error.mmap(errno: failure.code)
            }
        }
    }

    deinit {
        for mapping in mappings { _ = system.munmap(mapping.address, length: mapping.length) }
    }

    var count: Int { mappings.count }

    /// A copy of the first `count` bytes of buffer `index`.
    func copy(_ index: Int, count: Int) -> [UInt8] {
        let mapping = mappings[index]
        return Array(UnsafeRawBufferPointer(start: mapping.address, count: min(count, mapping.length)))
    }
}
