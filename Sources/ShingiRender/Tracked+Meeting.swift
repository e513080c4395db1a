import ShingiLoad

extension Sequence where Element == Tracked<Meeting> {
    /// The order every list of meetings is shown in: by date, then by id.
    func chronological() -> [Tracked<Meeting>] {
        sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}
