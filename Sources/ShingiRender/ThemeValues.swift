import Mustache

// swift-mustache renders a value that is not `MustacheCustomRenderable` by trying it as
// a lambda, as an optional and then through `String(describing:)`, each a dynamic cast;
// text and numbers are most of what the templates show, so they render themselves.

extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
