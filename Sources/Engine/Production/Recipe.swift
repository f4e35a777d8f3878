import LuaBridge

/// A crafting recipe as `recipes/<id>.lua` declares it:
///
/// ```lua
/// recipe = { name = "Iron ingot", inputs = { ore = 2 }, outputs = { iron_ingot = 1 },
///            duration = 60000, components = { "forge" } }
/// ```
/// and optionally `function yield(c)` returning the outputs of one craft (seeded `math.random`).
public struct Recipe: Codable, Sendable, Hashable {
    /// The file name without `.lua`.
    public var id: String
    public var name: String
    public var inputs: [ItemAmount]
    public var outputs: [ItemAmount]
    /// Milliseconds at normal factory speed.
    public var duration: Int64
    /// Component kinds a factory must have fitted.
    public var components: [String]
    /// The kind outputs get when they are new to the ledger: products, or components (`makes = "component"`).
    public var makes: Asset.Kind
    /// Whether `yield(c)` decides the outputs of each craft.
    public var variableYield: Bool

    /// The sandbox name recipe files are loaded under, apart from the rules.
    static func script(_ id: String) -> String { "recipes/\(id).lua" }

    /// Reads and checks the `recipe` table; every problem is named with the file.
    init(id: String, table: LuaValue, variableYield: Bool) throws(RecipeError) {
        let file = Self.script(id)
        func fail(_ message: String) -> RecipeError { RecipeError(file: file, message: message) }
        guard case .table = table else { throw fail("defines no `recipe` table") }
        guard let name = table["name"].stringValue, !name.isEmpty else { throw fail("recipe.name must be a non-empty string") }
        guard let duration = table["duration"].integerValue, duration > 0 else {
            throw fail("recipe.duration must be a positive number of milliseconds")
        }
        self.id = id
        self.name = name
        self.duration = duration
        self.inputs = try Self.items(table["inputs"], "inputs", file)
        self.outputs = try Self.items(table["outputs"], "outputs", file)
        guard !outputs.isEmpty else { throw fail("recipe.outputs must name at least one item") }
        switch table["components"] {
        case .nil: components = []
        case .array(let values):
            components = try values.map { value throws(RecipeError) in
                guard let code = value.stringValue, Asset.isValidCode(code) else { throw fail("recipe.components must be item codes") }
                return code
            }.sorted()
        case .table(let fields) where fields.isEmpty: components = []
        default: throw fail("recipe.components must be a list of item codes")
        }
        switch table["makes"] {
        case .nil: makes = .product
        case .string("component"): makes = .component
        case .string("product"): makes = .product
        default: throw fail("recipe.makes must be \"product\" or \"component\"")
        }
        self.variableYield = variableYield
    }

    /// `{ ore = 2, wood = 1 }` as amounts sorted by code, so encodings are canonical.
    static func items(_ value: LuaValue, _ field: String, _ file: String) throws(RecipeError) -> [ItemAmount] {
        let fields: [String: LuaValue]
        switch value {
        case .table(let table): fields = table
        case .nil: fields = [:]
        case .array(let array) where array.isEmpty: fields = [:]
        default: throw RecipeError(file: file, message: "recipe.\(field) must be a table of item = quantity")
        }
        return try fields.keys.sorted().map { code throws(RecipeError) in
            guard Asset.isValidCode(code), code != Asset.ticket.code,
                let quantity = fields[code]?.integerValue, quantity > 0
            else { throw RecipeError(file: file, message: "recipe.\(field).\(code) must be a positive whole quantity of an item") }
            return ItemAmount(asset: code, amount: quantity)
        }
    }
}

/// A quantity of one item.
public struct ItemAmount: Codable, Sendable, Hashable {
    public var asset: String
    public var amount: Int64

    /// Journal keys, fixed apart from the property names.
    enum CodingKeys: String, CodingKey { case asset = "asset", amount = "amount" }
}

/// Why a recipe file cannot be used.
public struct RecipeError: Error, CustomStringConvertible, Hashable, Sendable {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
