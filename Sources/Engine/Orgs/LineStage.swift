/// One stage of an assembly line: a recipe crafted in one of the org's factories.
public struct LineStage: Codable, Sendable, Hashable {
    public var factory: Int64
    public var recipe: String

    enum CodingKeys: String, CodingKey { case factory = "factory", recipe = "recipe" }

    public init(factory: Int64, recipe: String) {
        self.factory = factory
        self.recipe = recipe
    }
}
