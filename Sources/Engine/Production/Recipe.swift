import LuaBridge

/// A crafting recipe as `recipes/<id>.lua` declares it:
///
/// ```lua
/// recipe = { name = "Iron ingot", inputs = { ore = 2 }, outputs = { iron_ingot = 1 },
///            duration = 60000, components = { "forge" } }
/// ```
/// and optionally `function yield(c)` returning the outputs of one craft (seeded `math.random`).
///
/// Every field is bounded when the file is read, so no later arithmetic on a recipe can overflow: a
/// duration of at most 30 days (times a speed of 1 % stays far inside `Int64`), 1 to 1,000,000 of each
/// item, at most 16 inputs, outputs and components. A recipe without inputs issues items from nothing,
/// so it must say `faucet = true`: a designer's explicit decision, shown by `tix recipes`.
public struct Recipe: Codable, Sendable, Hashable {
    public static let maxDuration: Int64 = 30 * 86_400_000
    public static let maxQuantity: Int64 = 1_000_000
    public static let maxItems = 16
    public static let maxNameLength = 64
    /// The longest a craft may take after the factory's speed: a year.
    public static let maxCraftDuration: Int64 = 365 * 86_400_000

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
    /// No inputs: each craft issues its outputs from nothing, as the file declares with `faucet = true`.
    public var faucet: Bool

    /// The sandbox name recipe files are loaded under, apart from the rules.
    public static func script(_ id: String) -> String { "recipes/\(id).lua" }

    /// Reads and checks the `recipe` table; every problem is named with the file, and with the line of
    /// the field at fault when `source` is given.
    init(id: String, table: LuaValue, variableYield: Bool, source: String?) throws(RecipeError) {
        let file = RecipeFile(name: Self.script(id), source: source)
        guard case .table = table else { throw file.error("defines no `recipe` table") }
        guard let name = table["name"].stringValue, (1...Self.maxNameLength).contains(name.count), PlainText.isPlain(name) else {
            throw file.error("recipe.name must be 1 to \(Self.maxNameLength) characters of plain text on one line", at: ["name"])
        }
        guard let duration = table["duration"].integerValue, (1...Self.maxDuration).contains(duration) else {
            throw file.error("recipe.duration must be 1 to \(Self.maxDuration) milliseconds (30 days)", at: ["duration"])
        }
        self.id = id
        self.name = name
        self.duration = duration
        self.inputs = try Self.items(table["inputs"], "inputs", file)
        self.outputs = try Self.items(table["outputs"], "outputs", file)
        guard !outputs.isEmpty else { throw file.error("recipe.outputs must name at least one item", at: ["outputs"]) }
        switch table["faucet"] {
        case .nil: faucet = false
        case .bool(let value): faucet = value
        default: throw file.error("recipe.faucet must be true or false", at: ["faucet"])
        }
        guard inputs.isEmpty == faucet else {
            throw faucet
                ? file.error("recipe.faucet = true is for recipes without inputs, and this one has some", at: ["faucet"])
                : file.error(
                    "recipe.inputs is empty, so every craft would issue items from nothing: "
                        + "add inputs, or say faucet = true if that is the design", at: ["inputs"])
        }
        switch table["components"] {
        case .nil: components = []
        case .array(let values) where values.count <= Self.maxItems:
            components = try values.map { value throws(RecipeError) in
                guard let code = value.stringValue, Asset.isValidCode(code) else {
                    throw file.error("recipe.components must be item codes", at: ["components"])
                }
                return code
            }.sorted()
        case .table(let fields) where fields.isEmpty: components = []
        default: throw file.error("recipe.components must be a list of at most \(Self.maxItems) item codes", at: ["components"])
        }
        switch table["makes"] {
        case .nil: makes = .product
        case .string("component"): makes = .component
        case .string("product"): makes = .product
        default: throw file.error("recipe.makes must be \"product\" or \"component\"", at: ["makes"])
        }
        self.variableYield = variableYield
    }

    /// `{ ore = 2, wood = 1 }` as amounts sorted by code, so encodings are canonical.
    static func items(_ value: LuaValue, _ field: String, _ file: RecipeFile) throws(RecipeError) -> [ItemAmount] {
        let fields: [String: LuaValue]
        switch value {
        case .table(let table): fields = table
        case .nil: fields = [:]
        case .array(let array) where array.isEmpty: fields = [:]
        default: throw file.error("recipe.\(field) must be a table of item = quantity", at: [field])
        }
        guard fields.count <= maxItems else { throw file.error("recipe.\(field) may name at most \(maxItems) items", at: [field]) }
        return try fields.keys.sorted().map { code throws(RecipeError) in
            guard Asset.isValidCode(code), code != Asset.ticket.code,
                let quantity = fields[code]?.integerValue, (1...maxQuantity).contains(quantity)
            else {
                throw file.error(
                    "recipe.\(field).\(code) must be a whole quantity of an item from 1 to \(maxQuantity)", at: [field, code])
            }
            return ItemAmount(asset: code, amount: quantity)
        }
    }

    /// Milliseconds a craft takes at `speedPercent` (100 is normal), at least 1; refused past
    /// ``maxCraftDuration``, which also keeps its due time far from overflowing.
    func craftDuration(atSpeed speedPercent: Int64) throws -> Int64 {
        let (scaled, overflow) = duration.multipliedReportingOverflow(by: 100)
        let craft = overflow ? Int64.max : max(1, scaled / speedPercent)
        guard craft <= Self.maxCraftDuration else {
            let day: Int64 = 86_400_000
            throw Rejection.craftTooLong(
                recipe: name, days: craft / day + (craft % day > 0 ? 1 : 0), limitDays: Self.maxCraftDuration / day)
        }
        return craft
    }
}

/// A quantity of one item.
public struct ItemAmount: Codable, Sendable, Hashable {
    public var asset: String
    public var amount: Int64

    /// Journal keys, fixed apart from the property names.
    enum CodingKeys: String, CodingKey { case asset = "asset", amount = "amount" }
}
