import ShingiMarkdown

/// A worker pool seen with the memory limit of one site (`limits: max_parser_memory:`):
/// each request carries the limit, so `diff` can read two revisions with different
/// limits through the same workers.
struct MemoryLimitedPool: MarkdownParsing {
    let pool: MarkdownWorkerPool
    let memoryLimit: Int

    func parse(_ markdown: String) -> RenderedFragment {
        pool.parse(markdown, memoryLimit: memoryLimit)
    }

    var blockingCallers: Int? { pool.blockingCallers }

    func releaseIdleResources() { pool.releaseIdleResources() }

    func limitingMemory(to bytes: Int) -> any MarkdownParsing {
        MemoryLimitedPool(pool: pool, memoryLimit: bytes)
    }
}
