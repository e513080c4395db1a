/// What the live-reload stream tells the open pages: reload (the site was rebuilt), or
/// how the preview's search index stands (only a search page acts on it).
enum LiveEvent: Sendable, Equatable {
    case reload(generation: Int)
    case search(SearchIndexState)

    /// The Server-Sent Event.
    var message: String {
        switch self {
        case .reload(let generation): "event: reload\ndata: \(generation)\n\n"
        case .search(let state): "event: search\ndata: \(state.data)\n\n"
        }
    }
}

/// The preview's search index: being built for the latest rebuild, ready (the count of
/// indexes made, so a page reloads once for each) or failed (the terminal says why).
enum SearchIndexState: Sendable, Equatable {
    case building
    case ready(Int)
    case failed

    var data: String {
        switch self {
        case .building: "building"
        case .ready(let count): "ready \(count)"
        case .failed: "failed"
        }
    }
}
