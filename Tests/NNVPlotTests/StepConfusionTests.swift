import NNVCore
import NNVPlot
import Testing

/// A confusion matrix of data with a target at every step counts steps, and says so.
@Suite struct StepConfusionTests {
  @Test func countsEveryStepAndSaysSteps() throws {
    // Three sequences of four one-hot symbols, each step labelled with its own symbol: a
    // softmax over the input is right at every step.
    let symbols = [0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0]
    var features = [Float](repeating: 0, count: symbols.count * 2)
    for (k, symbol) in symbols.enumerated() { features[k * 2 + symbol] = 1 }
    let data = Dataset(
      name: "copies", features: try Tensor(shape: [3, 4, 2], scalars: features),
      labels: symbols, classNames: ["a", "b"], targetSteps: 4)
    var model = try Sequential(name: "echo", inputShape: [4, 2])
    try model.append(ActivationLayer(.softmax))
    let matrix = try ModelViews.confusion(model, on: data)
    #expect(matrix.total == 12)
    #expect(matrix.counts == [[6, 0], [0, 6]])
    let text = matrix.text()
    #expect(text.contains("of 12 steps"), "\(text)")
    #expect(!text.contains("samples"))
  }
}
