/// Crafts completed per day, one column per recipe.
struct CraftSeries: Series {
    let name = "crafts"
    let title = "Crafts completed per recipe"
    let summary = "Crafts that finished each day, by recipe."
    let chart = ChartKind.lines

    func table(in context: SeriesContext) throws -> Table {
        let recipes = context.keys { Array($0.crafts.keys) }
        return context.daily(recipes) { _, day in recipes.map { .int(day.crafts[$0] ?? 0) } }
    }
}
