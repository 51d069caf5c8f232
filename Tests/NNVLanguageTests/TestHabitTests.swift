import Foundation
import Testing

/// The tests themselves keep two habits: every test asserts something, and no test compares
/// how long something took with a threshold (a loaded machine would fail it, a fast one would
/// hide a slowdown). Both are checked by reading every Swift file under Tests/.
@Suite struct TestHabitTests {
  /// What asserts in a test body: the testing macros and calls.
  static let assertions = ["#expect", "#require", "XCT", "Issue.record", "withKnownIssue"]

  /// Helpers that assert for the test that calls them, by the file whose tests call them
  /// (`*` for every file). Each is checked to be defined in Tests/ with an assertion in its
  /// body (or a call to another helper listed for the same file).
  static let assertingHelpers: [String: [String]] = [
    // Compare text with a golden file in Snapshots/, recording any difference as an issue; a
    // script runs without error (its diagnostics recorded otherwise).
    "*": ["Snapshot.assert", "ViewSnapshot.expect", "ScriptRunner.expectSuccess"],
    // Gradients against finite differences (the shared check in NNVTestSupport).
    "AutodiffTests.swift": ["expectGradients"],
    // Convolution gradients against finite differences and the direct reference.
    "ConvolutionTests.swift": ["expectConvolutionGradients", "expectReferenceGradients"],
    // A model file is refused with a message containing a fragment.
    "ArchiveValidationTests.swift": ["expectInvalid"],
    "PersistenceTests.swift": ["expectInvalid"],
    // Work that polls the cancellation token stops partway, after a minimum of polls.
    "CancellationTests.swift": ["expectStopsHalfway"],
    // A CSV error names its line, column and problem.
    "DataTests.swift": ["expectError"],
    // A bad IDX file or gzip stream is refused with a message containing a fragment.
    "IDXTests.swift": ["expectFailure"],
    "InflateTests.swift": ["expectFailure"],
    // A product compared element by element with a Double-precision reference.
    "MatrixMultiplyTests.swift": ["check", "checkAllLayouts"],
    // Diagnostics at the marked places with the expected messages.
    "DiagnosticTests.swift": ["expect"],
  ]

  /// The helpers a test in `path` may call instead of asserting itself.
  static func helpers(for path: String) -> [String] {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return (assertingHelpers["*"] ?? []) + (assertingHelpers[file] ?? [])
  }

  /// Whether `body` calls `name` (`helper(...)`, or `Type.helper(...)` when so named), not as
  /// a member of something else or as a macro.
  static func calls(_ name: String, in body: String) -> Bool {
    var rest = body[...]
    while let found = rest.range(of: name) {
      let before =
        found.lowerBound > body.startIndex ? body[body.index(before: found.lowerBound)] : " "
      let after = body[found.upperBound...].first { $0 != " " }
      let isWord = before.isLetter || before.isNumber || before == "_"
      if !isWord, before != ".", before != "#", after == "(" || after == "{" { return true }
      rest = body[found.upperBound...]
    }
    return false
  }

  /// Whether a body asserts, directly or through one of `helpers`.
  static func asserts(_ body: String, helpers: [String]) -> Bool {
    assertions.contains { body.contains($0) } || helpers.contains { calls($0, in: body) }
  }

  /// The test sources, read once for all the checks.
  static let testFiles = (try? swiftFiles(under: "Tests")) ?? []

  static func swiftFiles(under folder: String) throws -> [(path: String, code: SwiftCode)] {
    let root = ScriptRunner.repositoryRoot
    let base = root.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
    var files: [(String, SwiftCode)] = []
    for case let relative as String in walker where relative.hasSuffix(".swift") {
      let text = try String(
        contentsOf: base.appendingPathComponent(relative), encoding: .utf8)
      files.append(("\(folder)/\(relative)", SwiftCode(text)))
    }
    return files.sorted { $0.0 < $1.0 }
  }

  /// The tests in `code` whose bodies call nothing that asserts, as `path:line name`.
  static func testsWithoutAssertions(in code: SwiftCode, path: String) -> [String] {
    code.tests.compactMap { test in
      let asserting = asserts(code.body(test).text, helpers: helpers(for: path))
      return asserting ? nil : "\(path):\(code.line(of: test.keyword)) \(test.name)"
    }
  }

  @Test func everyTestAssertsSomething() throws {
    let files = Self.testFiles
    #expect(files.count > 40, "found only \(files.count) test files")
    let tests = files.reduce(0) { $0 + $1.code.tests.count }
    #expect(tests > 300, "found only \(tests) tests")
    for file in files {
      // Each `@Test` is read as its own function: none is skipped or counted twice.
      let found = Set(file.code.tests.map(\.keyword))
      #expect(found.count == file.code.testMarks.count, "\(file.path): tests misread")
    }
    let silent = files.flatMap { Self.testsWithoutAssertions(in: $0.code, path: $0.path) }
    #expect(
      silent.isEmpty,
      """
      these tests assert nothing: give each an #expect or #require that could fail, or remove \
      it (a helper that asserts for its caller can be listed in TestHabitTests.assertingHelpers):
      \(silent.joined(separator: "\n"))
      """)
  }

  @Test func everyListedHelperAsserts() throws {
    let files = Self.testFiles
    for (file, names) in Self.assertingHelpers {
      let scope = files.filter { file == "*" || $0.path.hasSuffix("/" + file) }
      #expect(!scope.isEmpty, "no file \(file) under Tests/")
      for name in names {
        let parts = name.split(separator: ".").map(String.init)
        let simple = parts.last ?? name
        // `Type.helper` is looked for in the files that declare `Type`.
        let owners = scope.filter { source in
          parts.count < 2
            || ["enum", "struct", "extension"].contains { kind in
              source.code.code.contains("\(kind) \(parts[0]) ")
            }
        }
        let definitions = owners.flatMap { source in
          source.code.functions.filter { $0.name == simple }.map { source.code.body($0).text }
        }
        let others = Self.helpers(for: file).filter { $0 != name }
        #expect(!definitions.isEmpty, "\(name) is not defined in \(file)")
        #expect(
          definitions.allSatisfy { Self.asserts($0, helpers: others) },
          "\(name) in \(file) does not assert: remove it from TestHabitTests.assertingHelpers")
      }
    }
  }

  @Test func noTestAssertsOnTime() throws {
    let files = Self.testFiles
    let timed = files.flatMap { TimingScan.assertions(in: $0.code, path: $0.path) }
    #expect(
      timed.isEmpty,
      """
      these assertions compare a duration or a clock reading with a threshold; a test may \
      print how long something took, but must not assert on it:
      \(timed.joined(separator: "\n"))
      """)
  }

  @Test func theScansFindWhatTheyLookFor() {
    let sample = SwiftCode(
      """
      @Test func silent() {
        let x = "#expect(true)"  // #expect(x)
        _ = x
      }
      @Test(arguments: [1, 2]) func checked(n: Int) { #expect(n > 0) }
      @Test func viaHelper() { Snapshot.assert("a", named: "b") }
      @Test func timed() {
        let clock = ContinuousClock()
        let start = clock.now
        let spent = clock.now - start
        #expect(spent < .seconds(1), "slow: \\(spent)")
      }
      @Test func dated() { let t0 = Date(); work(); #expect(Date().timeIntervalSince(t0) < 2) }
      @Test func guarded() {
        let elapsed = ContinuousClock().measure { work() }
        if elapsed > .milliseconds(100) { Issue.record("too slow") }
      }
      @Test func printed() {
        let elapsed = ContinuousClock().measure { work() }
        print(elapsed)
        #expect(result == 4, "took \\(elapsed)")
      }
      """)
    #expect(Self.testsWithoutAssertions(in: sample, path: "s") == ["s:1 silent"])
    #expect(
      sample.tests.map(\.name) == [
        "silent", "checked", "viaHelper", "timed", "dated", "guarded", "printed",
      ])
    #expect(
      TimingScan.assertions(in: sample, path: "s").map { $0.prefix(4) } == [
        "s:11", "s:13", "s:16",
      ])
  }
}
