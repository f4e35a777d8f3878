extension Table.Cell {
    /// The cell as plain text: ints whole, ratios as the data files write them.
    public var text: String {
        switch self {
        case .text(let text): text
        case .int(let value): String(value)
        case .ratio(let value): Table.decimal(value)
        case .none: ""
        }
    }
}
