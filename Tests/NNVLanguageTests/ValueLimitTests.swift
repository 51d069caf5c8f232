import NNVLanguage
import Testing

/// Values and runs that could outgrow memory or the stack end in errors naming the limit.
/// (More cases are scripts in `Tests/Scripts/values` and `Tests/Scripts/functions`.)
@Suite struct ValueLimitTests {
  /// A function that calls itself inside `depth` nested blocks.
  static func recursionInBlocks(_ depth: Int) -> String {
    var body = "return f(n + 1)"
    for _ in 0..<depth { body = "if true { \(body) }" }
    return "fn f(n) {\n  \(body)\n}\nprint f(0)\n"
  }

  @Test func aRunThatOutgrowsItsStackBudgetEndsInATooDeepError() {
    let interpreter = Interpreter(output: CollectingOutput())
    // 250 nested blocks take a few hundred kilobytes of stack for each call; with a budget of
    // 1 MiB the stack check, not the 200-call limit, has to stop this.
    interpreter.stackLimit = 1 << 20
    let result = interpreter.run(
      SourceFile(name: "deep.nnv", text: Self.recursionInBlocks(250)))
    #expect(result.status == .software)
    #expect(result.diagnostics.first?.text.hasPrefix("Too deep to run") == true)
    // The session goes on.
    #expect(interpreter.run(SourceFile(name: "next", text: "1 + 1")).value?.description == "2")
  }

  @Test(arguments: [16, 100, 250])
  func recursionInsideNestedBlocksReachesTheCallLimit(depth: Int) {
    let (result, _) = ScriptRunner.run(Self.recursionInBlocks(depth))
    #expect(result.status == .software)
    #expect(result.diagnostics.first?.text.contains("more than 200 levels") == true)
  }

  @Test func recursionInsideDeepExpressionsReachesTheCallLimit() {
    // Each parenthesis and operator is a level of the parser's 256.
    let expression =
      String(repeating: "(1 + ", count: 120) + "f(n + 1)"
      + String(repeating: ")", count: 120)
    let (result, _) = ScriptRunner.run("fn f(n) { return \(expression) }\nprint f(0)")
    #expect(result.status == .software)
    #expect(result.diagnostics.first?.text.contains("more than 200 levels") == true)
  }

  @Test func listsAtTheDepthLimitPrintCompareAndAreFreed() {
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output)
    let built = interpreter.run(
      SourceFile(
        name: "deep", text: "let x = []\nfor i in range(999) { x = [x] }\nprint x == x, len(str(x))"
      ))
    #expect(built.status == .success)
    #expect(output.lines == ["true 2000"])
    // Replacing the only reference frees the 1000-deep list.
    #expect(interpreter.run(SourceFile(name: "free", text: "x = 0")).status == .success)
    let deeper = interpreter.run(
      SourceFile(name: "deeper", text: "let y = []\nfor i in range(100000) { y = [y] }"))
    #expect(deeper.diagnostics.first?.text.contains("more than 1000 levels deep") == true)
  }

  @Test func aValueHasItsDepthAndSize() {
    let flat = Value.list([.number(1), .number(2)])
    #expect(flat.depth == 1 && flat.size == 3)
    let nested = Value.list([flat, flat, .string("a")])
    #expect(nested.depth == 2 && nested.size == 8)
    #expect(Value.number(1).depth == 0 && Value.number(1).size == 1)
  }

  @Test func printingAWideSharedListIsCut() {
    // 20 strings of 50 letters, then 3 levels of 20 copies: 160,000 strings, 8 MB of text,
    // shown in about 1 MiB.
    let (result, output) = ScriptRunner.run(
      """
      let s = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx"
      let x = [s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s]
      for i in range(3) { x = [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x] }
      print str(x)
      """)
    #expect(result.status == .success)
    let length = output.text.utf8.count
    #expect(length > 1 << 20 && length < (1 << 20) + 1000)
    let end = String(output.text.suffix(20))
    #expect(end.contains("…"), "\(end)")
  }

  @Test func rangesAreComparedWithoutListingThem() {
    let (result, output) = ScriptRunner.run(
      "print range(1e12) == range(1e12), range(5, 5) == range(9, 2), 0..<3 == 0...2")
    #expect(result.status == .success)
    #expect(output.lines == ["true true true"])
  }
}
