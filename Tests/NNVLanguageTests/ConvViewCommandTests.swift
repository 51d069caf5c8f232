import Foundation
import NNVLanguage
import Testing

/// `features` and `filters` through the language: they draw, write files, and turn every
/// model, layer, index or data set they cannot show into a diagnostic with a hint.
@Suite struct ConvViewCommandTests {
  static let cnn = """
    let pictures = split(digits(), test: 0.05, seed: 1).test
    model cnn {
      input [1, 8, 8]
      conv 4 size 3 relu
      maxpool 2
      conv 3 size 2
      flatten
      dense 10 softmax
    }

    """

  static let dense = """
    model flat { input 64; dense 8 relu; dense 10 softmax }

    """

  @Test func featuresShowsTheInputAndEveryLayerWithMaps() {
    let output = ScriptRunner.expectSuccess(Self.cnn + "features cnn on pictures index 4 width 80")
    #expect(output.contains("feature maps · cnn on digits #4 · true "))
    #expect(output.contains("input: 1 channel of 8×8"))
    #expect(output.contains("layer 1: conv_1 (conv 4 filters 3×3, relu), 4 channels of 6×6"))
    #expect(output.contains("layer 2: maxpool_1 (maxpool 2×2), 4 channels of 3×3"))
    #expect(output.contains("layer 3: conv_2 (conv 3 filters 2×2), 3 channels of 2×2"))
    #expect(!output.contains("flatten"))
    let one = ScriptRunner.expectSuccess(Self.cnn + "features cnn on pictures layer 2 width 80")
    #expect(one.contains("input: 1 channel") && one.contains("layer 2: maxpool_1"))
    #expect(!one.contains("layer 1:") && !one.contains("layer 3:"))
  }

  @Test func filtersShowsTheFirstLayerOrADeeperGrid() {
    let first = ScriptRunner.expectSuccess(Self.cnn + "filters cnn width 80")
    #expect(first.contains("filters of cnn · layer 1: conv_1, 4 filters 3×3 over 1 input channel"))
    #expect(first.contains("one scale for the layer, ±"))
    let grid = ScriptRunner.expectSuccess(Self.cnn + "filters cnn layer 2 width 80")
    #expect(grid.contains("layer 2: conv_2, 3 filters 2×2 over 4 channels"))
    #expect(grid.contains("a row per filter, a column per input channel"))
  }

  @Test func bothWriteSVGAndText() throws {
    let names = ["features-\(UUID()).svg", "filters-\(UUID()).svg", "features-\(UUID()).txt"]
    defer {
      for name in names {
        try? FileManager.default.removeItem(atPath: ScriptRunner.temporaryDirectory + "/" + name)
      }
    }
    let output = ScriptRunner.expectSuccess(
      Self.cnn + """
        features cnn on pictures to "\(names[0])"
        filters cnn layer 2 to "\(names[1])"
        features cnn on pictures ascii true to "\(names[2])"
        """)
    for name in names { #expect(output.contains("wrote \(name)")) }
    let features = try String(
      contentsOfFile: ScriptRunner.temporaryDirectory + "/" + names[0], encoding: .utf8)
    #expect(features.contains("<svg") && features.contains("class=\"tile\""))
    let filters = try String(
      contentsOfFile: ScriptRunner.temporaryDirectory + "/" + names[1], encoding: .utf8)
    #expect(filters.contains("data-filter=\"3\" data-channel=\"4\""))
    let text = try String(
      contentsOfFile: ScriptRunner.temporaryDirectory + "/" + names[2], encoding: .utf8)
    #expect(text.contains("layer 3: conv_2") && text.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func theFunctionFormsReturnTheText() {
    let output = ScriptRunner.expectSuccess(
      Self.cnn + """
        let maps = features(cnn, on: pictures, index: 2)
        let kernels = filters(cnn)
        print len(maps) > 100, len(kernels) > 100
        """)
    #expect(output == "true true\n")
  }

  /// The first diagnostic of a script that fails.
  func failure(_ script: String) -> Diagnostic? {
    let (result, _) = ScriptRunner.runText(script)
    #expect(result.status != .success)
    return result.diagnostics.first
  }

  @Test func whatCannotBeShownIsADiagnosticWithAHint() throws {
    let cases: [(String, String, String)] = [
      (
        Self.dense + "filters flat", "`filters` needs a conv layer; `flat` has none.",
        "add `conv 8 size 3`"
      ),
      (
        Self.dense + "features flat on digits()", "`features` needs a conv layer; `flat` has none.",
        "input [1, 8, 8]"
      ),
      (
        Self.cnn + "filters cnn layer 3",
        "There is no conv layer 3; the model has 2: 1 conv_1, 2 conv_2.", "counted from 1"
      ),
      (
        Self.cnn + "features cnn on pictures layer 4",
        "There is no layer 4 with feature maps; the model has 3: 1 conv_1, 2 maxpool_1, 3 conv_2.",
        "conv and pool layers"
      ),
      (
        Self.cnn + "features cnn on pictures index 1000", "There is no input 1000 in",
        "data sets count from 0"
      ),
      (
        Self.cnn + "fn other() { return iris() }\nfeatures cnn on other()",
        "cnn takes inputs of shape [1, 8, 8], but iris has samples of shape [4].",
        "show the feature maps of data the model takes"
      ),
      (
        Self.cnn + "features cnn on iris()",
        "`cnn` takes samples of shape [1, 8, 8], but `iris()` has samples of shape [4].",
        "the kind it was trained on"
      ),
      (
        Self.cnn + "features cnn on pictures index -1", "There is no input -1 in",
        "data sets count from 0"
      ),
      (Self.cnn + "filters cnn layer 0", "`layer` of `filters` must be", ""),
    ]
    for (script, message, hint) in cases {
      let diagnostic = try #require(failure(script), "\(message)")
      #expect(diagnostic.text.contains(message), "\(diagnostic.text)")
      #expect(
        hint.isEmpty || diagnostic.hint?.contains(hint) == true,
        "\(diagnostic.hint ?? "no hint")")
    }
  }
}
