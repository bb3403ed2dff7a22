import Hummingbird
import Prometheus

/// Renders `/metrics` in the Prometheus text format: everything recorded through
/// swift-metrics into `registry`, followed by the process figures read at scrape time.
public struct MetricsEndpoint: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let process: ProcessMetrics

    public init(registry: PrometheusCollectorRegistry, process: ProcessMetrics = ProcessMetrics()) {
        self.registry = registry
        self.process = process
    }

    /// The exposition text, as a scraper receives it.
    public func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self) + process.render()
    }

    func response() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: render()))
        )
    }
}
