import Foundation
import LuaBridge
import Testing
@testable import Engine

/// A recipe file that crafts `widget` from ore, with `fields` replacing its defaults, one field a line.
func recipeSource(_ fields: [String: String] = [:]) -> String {
    let defaults = ["name": "'Widget'", "inputs": "{ ore = 1 }", "outputs": "{ widget = 1 }", "duration": "1000"]
    let lines = defaults.merging(fields) { $1 }.sorted { $0.key < $1.key }.map { "  \($0.key) = \($0.value)," }
    return (["recipe = {"] + lines + ["}"]).joined(separator: "\n")
}

/// Alice and a factory, with the given rules and recipes and free factories.
func factoryFloor(clock: ManualClock, rules: [String: String] = [:], recipes: [String: String]) async throws -> (Engine, String) {
    let path = scratchPath()
    let engine = try Engine(path: path, clock: clock, rules: try rulesDirectory(rules), recipes: try rulesDirectory(recipes))
    try await seed(engine, players: ["alice"], tickets: 100)
    try await admin(engine, .defineAsset(Asset(code: "ore", kind: .raw, scale: 0)))
    try await admin(engine, .mint(to: "alice", asset: "ore", amount: 10))
    try await engine.submit(Submission(actor: "alice", key: "build", command: .buildFactory(account: "alice", name: "Shed")))
    return (engine, path)
}

@Suite("Recipes and rule results within bounds")
struct RecipeBoundsTests {
    @Test("a recipe out of bounds is refused when read, with file and line", arguments: [
        (["duration": "92233720368547758"], "recipes/widget.lua:2:", "duration must be 1 to"),
        (["duration": "2592000001"], "recipes/widget.lua:2:", "30 days"),
        (["inputs": "{\n    wood = 1,\n    ore = 1000001,\n  }"], "recipes/widget.lua:5:", "inputs.ore must be a whole quantity"),
        (["outputs": "{ widget = 0 }"], "recipes/widget.lua:5:", "outputs.widget"),
        (["name": "'Wid\\nget'"], "recipes/widget.lua:4:", "recipe.name"),
        (["inputs": "{ " + (1...17).map { "i\($0) = 1" }.joined(separator: ", ") + " }"], "recipes/widget.lua:3:", "at most 16"),
        (["inputs": "{}"], "recipes/widget.lua:3:", "say faucet = true"),
        (["faucet": "true"], "recipes/widget.lua:3:", "faucet = true is for recipes without inputs"),
        (["faucet": "'yes'"], "recipes/widget.lua:3:", "faucet must be true or false"),
    ] as [([String: String], String, String)])
    func refusedWhenRead(fields: [String: String], location: String, message: String) throws {
        let directory = try rulesDirectory(["widget.lua": recipeSource(fields)])
        let entry = try #require(try RecipeBook.read(directory).first)
        let error = try #require(entry.recipe.failure)
        #expect(error.description.hasPrefix(location), "\(error)")
        #expect(error.description.contains(message), "\(error)")
    }

    @Test("a recipe with a huge duration is not loaded: crafting it is refused and the engine keeps running (it used to trap)")
    func hugeDurationAtStartUp() async throws {
        let clock = ManualClock()
        let (engine, path) = try await factoryFloor(clock: clock, recipes: [
            "huge.lua": recipeSource(["duration": "92233720368547758"]),
            "widget.lua": recipeSource(),
        ])
        defer { engine.close() }
        let before = try Snapshot(engine)
        await #expect(throws: Rejection.unknownRecipe("huge")) { try await craft(engine, "huge") }
        #expect(try Snapshot(engine) == before)
        try await craft(engine, "widget")
        try await runJobs(engine, clock, after: 1000)
        #expect(try items(engine, "alice", "widget") == 1)
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("a recipe changed out of bounds while the engine runs is rejected; the previous version stays live")
    func outOfBoundsReload() throws {
        let directory = try rulesDirectory(["widget.lua": recipeSource()])
        let recipes = ScriptDirectory.recipes(directory)
        let rules = try RuleSet()
        let loader = RuleLoader(logger: .init(label: "test"))
        let first = loader.apply(.updated(ScriptFile(name: "widget.lua", source: recipeSource())), in: recipes, to: rules)
        #expect(first == .live(name: "recipes/widget.lua", version: ScriptFile.sha256Hex(of: recipeSource())))
        let second = loader.apply(
            .updated(ScriptFile(name: "widget.lua", source: recipeSource(["duration": "92233720368547758"]))), in: recipes,
            to: rules)
        #expect(second == .kept(name: "recipes/widget.lua"))
        #expect(try rules.recipe("widget")?.0.duration == 1000)
    }

    @Test("a craft that the factory's speed would stretch past a year is refused in words")
    func craftTooLong() async throws {
        let clock = ManualClock()
        let (engine, _) = try await factoryFloor(
            clock: clock, rules: ["production.lua": "function modifiers(f) return { slots = 1, speed_pct = 1 } end"],
            recipes: ["widget.lua": recipeSource(["duration": "2592000000"])])
        defer { engine.close() }
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) { try await craft(engine, "widget") }
        #expect(error == .craftTooLong(recipe: "Widget", days: 3000, limitDays: 365))
        #expect(error?.description == "At this factory's speed Widget would take 3000 days, and a craft may take at most 365.")
        #expect(try Snapshot(engine) == before)
    }

    @Test("a faucet recipe issues from nothing only with faucet = true, and says so")
    func faucet() async throws {
        let clock = ManualClock()
        let gift = "recipe = { name = 'Gift', outputs = { gift = 1 }, duration = 1000, faucet = true }"
        let (engine, path) = try await factoryFloor(clock: clock, recipes: [
            "gift.lua": gift, "sneaky.lua": "recipe = { name = 'Sneaky', outputs = { gift = 1 }, duration = 1000 }",
        ])
        defer { engine.close() }
        await #expect(throws: Rejection.unknownRecipe("sneaky")) { try await craft(engine, "sneaky") }
        try await craft(engine, "gift")
        try await runJobs(engine, clock, after: 1000)
        #expect(try items(engine, "alice", "gift") == 1)
        #expect(try Verifier().verify(path: path).ok)
        let read = try RecipeBook.read(try rulesDirectory(["gift.lua": gift]))
        #expect(try read.first?.recipe.get().faucet == true)
    }

    @Test("the shipped recipes are all within bounds, and none is a faucet")
    func shipped() throws {
        let recipes = try RecipeBook.read(shippedRecipes).map { try $0.recipe.get() }
        #expect(recipes.count == 7)
        #expect(recipes.allSatisfy { !$0.faucet && !$0.inputs.isEmpty })
    }

    @Test("rule results out of range refuse the command, naming the rule", arguments: [
        ("production.lua", "function modifiers(f) return { slots = 0, speed_pct = 100 } end", "production.lua: modifiers() returned slots = 0"),
        ("production.lua", "function modifiers(f) return { slots = 1, speed_pct = 0 } end", "speed_pct 1 to 10000"),
        ("production.lua", "function modifiers(f) return { slots = 1000001, speed_pct = 100 } end", "slots must be 1 to 1000000"),
    ])
    func ruleResultsOutOfRange(file: String, source: String, message: String) async throws {
        let clock = ManualClock()
        let (engine, _) = try await factoryFloor(clock: clock, rules: [file: source], recipes: ["widget.lua": recipeSource()])
        defer { engine.close() }
        let before = try Snapshot(engine)
        let error = await #expect(throws: Rejection.self) { try await craft(engine, "widget") }
        #expect(error?.code == "ruleFailed")
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(try Snapshot(engine) == before)
    }

    @Test("a yield() beyond the quantity bound never issues: the craft fails at completion and its inputs return")
    func yieldOutOfRange() async throws {
        let clock = ManualClock()
        let source = recipeSource() + "\n\nfunction yield(c)\n  return { widget = 1000001 }\nend"
        let (engine, path) = try await factoryFloor(clock: clock, recipes: ["widget.lua": source])
        defer { engine.close() }
        let job = try #require(try await craft(engine, "widget").createdID)
        #expect(try items(engine, "alice", "ore") == 9)
        // The yield is decided at completion; a bad one fails the job, which is retried, then given up.
        for _ in 0..<10 {
            clock.advance(by: 86_400_000)
            _ = try? await admin(engine, .runDueJobs)
        }
        let state = try engine.reader.jobs(of: "alice", all: true).first { $0.id == job }?.state
        #expect(state == .failed)
        #expect(try items(engine, "alice", "ore") == 10, "the inputs come back")
        #expect(try engine.reader.asset(code: "widget") == nil || (try items(engine, "alice", "widget")) == 0)
        #expect(try Verifier().verify(path: path).ok)
    }

    @Test("a reward's wait as long as Int64 allows reads in words instead of trapping")
    func endlessWait() async throws {
        let engine = try Engine(path: scratchPath(), rules: try rulesDirectory([
            "rewards.lua": "function daily(c) return { amount = 0, streak = 0, wait = math.maxinteger } end",
        ]))
        defer { engine.close() }
        try await seed(engine, players: ["alice"], tickets: 0)
        let error = await #expect(throws: Rejection.self) {
            try await engine.submit(Submission(actor: "alice", key: "d", command: .claimReward(account: "alice", kind: .daily)))
        }
        #expect(error?.description == "Your daily reward is not ready yet: come back in 2562047788015 h 12 min.")
    }
}

extension Result {
    var failure: Failure? {
        guard case .failure(let error) = self else { return nil }
        return error
    }
}
