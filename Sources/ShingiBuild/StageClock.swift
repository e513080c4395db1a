import Foundation

/// Stage timings printed to standard error when `SHINGI_PROFILE=1`: where a build
/// spends its time, for benchmarks and for finding regressions. Each stage shows its
/// wall time and how many cores it kept busy on average (this process's CPU time over
/// the wall time; Markdown worker processes are not counted).
struct StageClock {
    private var last = DispatchTime.now()
    private var lastCPU = StageClock.cpuSeconds()
    private var laps: [(name: String, milliseconds: Double, cores: Double)] = []
    private let enabled = ProcessInfo.processInfo.environment["SHINGI_PROFILE"] == "1"

    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let cpu = Self.cpuSeconds()
        let milliseconds = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        laps.append((name, milliseconds, milliseconds > 0 ? (cpu - lastCPU) * 1000 / milliseconds : 0))
        last = now
        lastCPU = cpu
    }

    func report() {
        guard enabled else { return }
        let line = laps.map { "\($0.name) \(String(format: "%.0f", $0.milliseconds)) ms (\(String(format: "%.1f", $0.cores)) cores)" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("profile: \(line)\n".utf8))
    }

    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }
}
