import Foundation
import NNVLanguage
import Testing

/// `saliency` and `sanity` through the language: they run, write SVG, and turn every bad option
/// into a diagnostic with a hint.
@Suite struct SaliencyCommandTests {
  static let iris = """
    let flowers = iris()
    model net { input 4; dense 6 tanh; dense 3 softmax }
    train net on flowers epochs 3 lr 0.05

    """

  static let digits = """
    let images = split(digits(), test: 0.05).test
    model reader { input 64; dense 10 softmax }

    """

  @Test func saliencyRunsOnImagesAndFeatures() {
    let images = ScriptRunner.expectSuccess(
      Self.digits + "saliency reader on images count 2 method ig steps 10")
    #expect(images.contains("#0 · true"))
    #expect(images.contains("mean |attribution| over all"))
    #expect(images.contains("method: integrated gradients, 10 steps from zeros"))
    #expect(images.contains("completeness gap"))
    let bars = ScriptRunner.expectSuccess(Self.iris + "saliency net on flowers method input")
    #expect(bars.contains("mean |attribution| over all 150 inputs, ranked"))
    #expect(bars.contains("petal_length"))
    let one = ScriptRunner.expectSuccess(
      Self.iris + "saliency net on flowers index 100 target \"virginica\" width 60")
    #expect(one.contains("input #100 · true virginica"))
    #expect(one.contains("explains: class virginica for every input"))
  }

  @Test func everyMethodRuns() {
    for method in [
      "gradient", "abs", "input", "smoothgrad", "smoothgrad2", "vargrad", "ig", "occlusion",
    ] {
      let output = ScriptRunner.expectSuccess(
        Self.digits + "saliency reader on images count 1 method \(method)")
      #expect(output.contains("method: "), "\(method)")
    }
    _ = ScriptRunner.expectSuccess(
      Self.iris + "saliency net on flowers method smoothgrad samples 5 noise 0.1 seed 3")
    _ = ScriptRunner.expectSuccess(
      Self.iris + "saliency net on flowers method ig steps 5 baseline mean")
  }

  @Test func saliencyOnThePlaneDrawsArrows() {
    let output = ScriptRunner.expectSuccess(
      """
      let points = moons(n: 60)
      model m { input 2; dense 4 tanh; dense 2 softmax }
      saliency m on points method input width 120
      """)
    #expect(output.contains("arrows: each input's attribution as a vector"))
    #expect(output.contains("what x1, x2 contributed"))
  }

  @Test func viewsWriteSVG() throws {
    let output = ScriptRunner.expectSuccess(
      Self.iris + """
        saliency net on flowers to "saliency-iris-test.svg"
        sanity net on flowers to "sanity-iris-test.svg"
        """)
    #expect(output.contains("wrote saliency-iris-test.svg"))
    #expect(output.contains("wrote sanity-iris-test.svg"))
    // Written to a file, the verdict still prints.
    #expect(output.contains("rank correlation"))
    let svg = try String(
      contentsOfFile: ScriptRunner.temporaryDirectory + "/saliency-iris-test.svg", encoding: .utf8)
    #expect(svg.contains("class=\"bar\""))
  }

  @Test func sanityPrintsTheVerdictAndReturnsARecord() {
    let output = ScriptRunner.expectSuccess(
      Self.digits + """
        sanity reader on images count 1
        let check = sanity(reader, on: images, method: "input")
        print check.threshold
        print check.passed == (check.correlation < check.threshold)
        """)
    #expect(output.contains("rank correlation of the maps, trained vs randomized weights"))
    #expect(output.contains("Passed:") || output.contains("Failed:"))
    #expect(output.contains("trained") && output.contains("randomized"))
    #expect(output.contains("0.5\ntrue\n"))
  }

  /// A runtime diagnostic's message and hint for the last line of `script`.
  func failure(_ script: String) -> Diagnostic? {
    let (result, _) = ScriptRunner.runText(script)
    #expect(result.status != .success)
    return result.diagnostics.first
  }

  @Test func badOptionsAreDiagnosticsWithHints() throws {
    let cases: [(String, String, String)] = [
      (
        Self.iris + "saliency net on flowers steps 10", "`steps` applies only to `method ig`",
        "add `method ig`, or leave `steps` out"
      ),
      (
        Self.iris + "saliency net on flowers method ig steps 0",
        "`steps` must be a whole number from 1 to 10,000.",
        "50 is usual"
      ),
      (
        Self.iris + "saliency net on flowers method smoothgrad noise 3",
        "`noise` must be from 0 to 1",
        "0.1 to 0.2 works well"
      ),
      (
        Self.iris + "saliency net on flowers index 150", "There is no input 150 in iris",
        "data sets count from 0"
      ),
      (
        Self.iris + "saliency net on flowers target 3", "There is no class 3; net has 3 outputs.",
        "classes count from 0"
      ),
      (
        Self.iris + "saliency net on flowers target \"virginca\"",
        "There is no class 'virginca' in iris.", "did you mean `virginica`?"
      ),
      (
        Self.digits + "saliency reader on images count 101", "A view shows at most 100 images",
        "every input"
      ),
      (
        Self.iris + "saliency net on flowers index 1 count 2",
        "`index` and `count` cannot be used together.", "`index N`"
      ),
      (
        Self.iris + "saliency net on flowers method occlusion patch 2", "A patch of 2 does not fit",
        "leave `patch` out"
      ),
      (
        Self.digits + "saliency reader on images method occlusion patch 2 stride 3",
        "A stride of 3 is larger than the patch of 2", "`stride 1` to `stride 2`"
      ),
      (
        Self.digits + "saliency reader on images method ig stride 2",
        "`stride` applies only to `method occlusion`", "add `method occlusion`"
      ),
      (
        Self.iris + Self.digits + "saliency reader on flowers",
        "`reader` takes samples of shape [64], but `flowers` has samples of shape [4].",
        "the kind it was trained on"
      ),
      (
        Self.iris + Self.digits + "sanity net on images", "`net` takes samples of shape [4]",
        "the kind it was trained on"
      ),
    ]
    for (script, message, hint) in cases {
      let diagnostic = try #require(failure(script), "\(message)")
      #expect(diagnostic.text.contains(message), "\(diagnostic.text)")
      #expect(diagnostic.hint?.contains(hint) == true, "\(diagnostic.hint ?? "no hint")")
    }
  }

  @Test func misspelledMethodOrOptionIsCaughtBeforeRunning() {
    let marked = MarkedSource(Self.iris + "saliency net on flowers method 1️⃣igg")
    let diagnostics = Interpreter(output: CollectingOutput()).check(marked.source)
    #expect(diagnostics.first?.range.start == marked.offset("1️⃣"))
    #expect(diagnostics.first?.hint == "did you mean `ig`?")
    let option = MarkedSource(Self.iris + "saliency net on flowers 1️⃣methd ig")
    let problems = Interpreter(output: CollectingOutput()).check(option.source)
    #expect(problems.first?.range.start == option.offset("1️⃣"))
    #expect(problems.first?.hint == "did you mean `method`?")
  }
}
