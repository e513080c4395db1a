import Foundation

/// Stage timings printed to standard error when `SHINGI_PROFILE=1`: where a build
/// spends its time, for benchmarks and for finding regressions.
struct StageClock {
    private var last = DispatchTime.now()
    private var laps: [(String, Double)] = []
    private let enabled = ProcessInfo.processInfo.environment["SHINGI_PROFILE"] == "1"

    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        laps.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6))
        last = now
    }

    func report() {
        guard enabled else { return }
        let line = laps.map { "\($0.0) \(String(format: "%.0f", $0.1)) ms" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("profile: \(line)\n".utf8))
    }
}
