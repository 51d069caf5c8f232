/// Session settings: the seed.
extension Builtins {
  static let session: [Builtin] = [seed, set]

  static let seed = Builtin(
    "seed", .command,
    summary: "Sets the session seed, so new weights and data sets are reproducible.",
    parameters: [
      Parameter(
        "value", .integer, positional: true, default: nil, "the new seed",
        bounds: .atLeast(0))
    ],
    example: "seed 123\nmodel m { input 2; dense 1 }",
    body: .function { call in
      call.interpreter.setSeed(try call.seed("value"))
      return .none
    })

  static let set = Builtin(
    "set", .command,
    summary: "Changes a session setting (for now, the seed: `set seed 123`).",
    parameters: [
      Parameter(
        "seed", .integer, default: "unchanged", "the new session seed",
        bounds: .atLeast(0))
    ],
    example: "set seed 7",
    body: .function { call in
      if call.has("seed") { call.interpreter.setSeed(try call.seed("seed")) }
      return .none
    })
}
