import Foundation
import NNVLanguage
import Testing

/// The views made for dense networks on a convolutional one: `weights` shows a conv layer's
/// kernel values, `activations` its channels, `diagram` its feature maps as stacks, and
/// `saliency` (every method, occlusion with `patch` and `stride`), `sanity` and `confusion`
/// run on image inputs.
@Suite struct ConvModelViewTests {
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
    train cnn on pictures epochs 2 batch 16 lr 0.01 seed 2

    """

  @Test func weightsOfAConvLayerAreItsKernelValues() {
    let output = ScriptRunner.expectSuccess(Self.cnn + "weights cnn width 80 color none")
    #expect(output.contains("conv_1 kernels: 4 filters 3×3 over 1 channel, 36 weights"))
    #expect(output.contains("filter  "))
    #expect(output.contains("the kernels as pictures: filters cnn layer 1"))
    // Every layer's histograms: the kernels and biases of both conv layers, the dense layer.
    for title in ["conv_1 kernel weights", "conv_2 biases", "dense_1 weights", "dense_1 biases"] {
      #expect(output.contains(title), "\(title)")
    }
    let second = ScriptRunner.expectSuccess(Self.cnn + "weights cnn layer 2 width 80 color none")
    #expect(second.contains("conv_2 kernels: 3 filters 2×2 over 4 channels, 48 weights"))
    #expect(second.contains("filters cnn layer 2"))
    let dense = ScriptRunner.expectSuccess(Self.cnn + "weights cnn layer 3 width 80 color none")
    #expect(dense.contains("dense_1 weights (12 inputs × 10 units)"))
  }

  @Test func weightsOverEpochsNamesTheKernels() {
    let output = ScriptRunner.expectSuccess(
      Self.cnn + "weights cnn over epochs width 80 color none")
    #expect(output.contains("conv_1 kernel weights over epochs"))
    #expect(output.contains("conv_2 kernel weights over epochs"))
    #expect(output.contains("dense_1 weights over epochs"))
  }

  @Test func activationsOfMapsAreChannels() {
    let output = ScriptRunner.expectSuccess(
      Self.cnn + "activations cnn on pictures samples 5 width 80")
    #expect(
      output.contains("conv_1 (relu): 5 samples × 4 channels of 6×6, each cell a map's mean"))
    #expect(output.contains("maxpool_1 (linear): 5 samples × 4 channels of 3×3"))
    #expect(output.contains("conv_2 (linear): 5 samples × 3 channels of 2×2"))
    #expect(output.contains("flatten_1 (linear): 5 samples × 12 units"))
    #expect(!output.contains("dead units"))
  }

  @Test func filtersThatNeverFireAreDeadChannels() {
    // Zero kernels and biases: relu(0) everywhere, so both channels are dead.
    let output = ScriptRunner.expectSuccess(
      """
      model cnn { input [1, 4, 4]; conv 2 size 3 relu init zeros; flatten; dense 2 softmax }
      activations cnn on bars(n: 8, size: 4) samples 8 width 80
      """)
    #expect(output.contains("conv_1 (relu): 8 samples × 2 channels of 2×2"))
    #expect(output.contains("dead channels: 1, 2"))
    #expect(output.contains("dead units: 1, 2, 3, 4, 5, 6, 7, 8"))
  }

  @Test func sanityConfusionAndEverySaliencyMethodRunOnImages() {
    let sanity = ScriptRunner.expectSuccess(Self.cnn + "sanity cnn on pictures count 2 width 80")
    #expect(sanity.contains("rank correlation of the maps"))
    #expect(sanity.contains("#0 · true") && sanity.contains("trained"))
    let confusion = ScriptRunner.expectSuccess(Self.cnn + "confusion cnn on pictures width 80")
    #expect(confusion.contains("precision") && confusion.contains("recall"))
    let name = "saliency-\(UUID()).svg"
    let path = ScriptRunner.temporaryDirectory + "/" + name
    defer { try? FileManager.default.removeItem(atPath: path) }
    for method in [
      "gradient", "abs", "input", "smoothgrad samples 4", "smoothgrad2 samples 4",
      "vargrad samples 4", "ig steps 8", "occlusion", "occlusion patch 3 stride 1",
    ] {
      let output = ScriptRunner.expectSuccess(
        Self.cnn + """
          saliency cnn on pictures count 1 method \(method) width 80
          saliency cnn on pictures count 1 method \(method) to "\(name)"
          """)
      // Shown as images: the input, the map and the overlay of each row, and the mean map.
      #expect(output.contains("#0 · true"), "\(method)")
      #expect(output.contains("mean |attribution| over all"), "\(method)")
      let svg = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      // 64 pixel cells in each of the map and the overlay of the row, and in the mean map.
      #expect(svg.components(separatedBy: "class=\"cell\"").count - 1 >= 3 * 64, "\(method)")
      #expect(svg.contains("data-kind=\"overlay\""), "\(method)")
    }
    let occlusion = ScriptRunner.expectSuccess(
      Self.cnn + "saliency cnn on pictures index 0 method occlusion patch 3 width 80")
    #expect(occlusion.contains("method: occlusion, patch 3, stride 3"))
  }

  @Test func theDiagramDrawsStacksOfFeatureMaps() throws {
    let name = "cnn-\(UUID()).svg"
    defer {
      try? FileManager.default.removeItem(atPath: ScriptRunner.temporaryDirectory + "/" + name)
    }
    let output = ScriptRunner.expectSuccess(
      Self.cnn + "diagram cnn width 80\ndiagram cnn to \"\(name)\"")
    #expect(output.contains("conv_1: conv (relu)") && output.contains("[4, 6, 6], 40 params"))
    let svg = try String(
      contentsOfFile: ScriptRunner.temporaryDirectory + "/" + name, encoding: .utf8)
    // The input, conv_1, maxpool_1 and conv_2 as stacks; flatten and dense as neurons.
    #expect(svg.components(separatedBy: "class=\"map front\"").count - 1 == 4)
    #expect(svg.contains("1×8×8") && svg.contains("4×6×6") && svg.contains("3×2×2"))
    #expect(svg.components(separatedBy: "class=\"window\"").count - 1 == 3)
    #expect(svg.components(separatedBy: "class=\"neuron\"").count - 1 == 9 + 10)
    #expect(svg.contains("class=\"edge\""))
  }

  @Test(arguments: [
    "train cnn on pictures epochs 2 batch 16", "saliency cnn on pictures method occlusion",
    "activations cnn on pictures samples 90", "weights cnn",
  ])
  func aConvolutionalCommandStopsWhereItIsInterrupted(_ command: String) throws {
    let setup = Self.cnn.replacingOccurrences(of: "train cnn", with: "# train cnn")
    let before = InterruptTests.run(setup)
    try #require(before.result.status == .success)
    let whole = InterruptTests.run(setup + command)
    try #require(whole.result.status == .success, "\(whole.result.diagnostics)")
    let own = whole.flag.pollCount - before.flag.pollCount
    #expect(own >= 2, "`\(command)` polled \(own) times")
    let trip = before.flag.pollCount + Swift.max(1, own / 2)
    let interrupted = InterruptTests.run(
      setup + command, flag: CancellationFlag(cancellingAtPoll: trip))
    #expect(interrupted.result.status == .interrupted)
    #expect(interrupted.flag.pollCount == trip, "`\(command)` went on after the interrupt")
    if !command.hasPrefix("train") { #expect(interrupted.output.text == before.output.text) }
  }
}
