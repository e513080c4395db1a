extension RandomAccessCollection where Index == Int {
    /// In a collection sorted by `key`, the index of the first element whose key is not
    /// below `value` (where it is, or would be inserted): a binary search, for the lists
    /// kept in path order (a loaded site's files of one kind, the files a build produced).
    public func lowerBound(of value: String, by key: (Element) -> String) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if key(self[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
