import Foundation
import NNVCore
import NNVPlot
import NNVTestSupport
import Testing

/// `ModelReport`: the sections each kind of model gets, the diagnosis on top, names from
/// models and data shown only as text, and a view that cannot be drawn costing only itself.
@Suite struct ModelReportTests {
  static func train(
    _ model: inout Sequential, on data: Dataset, loss: Loss, validation: Dataset? = nil,
    epochs: Int = 3
  ) throws {
    let options = TrainingOptions(
      epochs: epochs, batchSize: 16, loss: loss, validation: validation)
    _ = try Trainer.train(
      &model, on: data, optimizer: Adam(learningRate: 0.01), options: options)
  }

  static func planeNetwork(name: String = "net") throws -> Sequential {
    var model = try Sequential(name: name, inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 8, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 8, outputSize: 2, activation: .softmax, seed: 2))
    return model
  }

  /// The page's section ids in order, after checking that it is well-formed.
  static func sectionIDs(
    _ report: ModelReport, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> [String] {
    let html = try report.page().render()
    let check = HTMLCheck(html)
    #expect(check.problems.isEmpty, "\(check.problems)", sourceLocation: sourceLocation)
    return check.links
  }

  @Test func aTrainedClassifierOnAPlaneGetsEveryViewItAllows() throws {
    var model = try Self.planeNetwork()
    let data = try SyntheticDatasets.moons(n: 80, noise: 0.1, seed: 1)
    let test = try SyntheticDatasets.moons(n: 40, noise: 0.1, seed: 2)
    try Self.train(&model, on: data, loss: .categoricalCrossEntropy, validation: test)
    let report = ModelReport(model, on: data, validation: test, generator: "tests")
    #expect(
      try Self.sectionIDs(report) == [
        "diagnosis", "summary", "architecture", "training", "weights-over-epochs", "weights",
        "activations", "boundary", "confusion", "saliency",
      ])
    let page = try report.page()
    #expect(page.title == "net")
    #expect(page.subtitle == "input [2] → dense 8 tanh → dense 2 softmax")
    let facts = Dictionary(uniqueKeysWithValues: page.facts.map { ($0.name, $0.value) })
    #expect(facts["parameters"] == "42")
    #expect(facts["epochs trained"] == "3")
    #expect(facts["validation data"] == test.name)
    #expect(facts["validation accuracy"]?.hasSuffix("%") == true)
    // The boundary draws the validation data hollow, as `boundary ... test` does.
    let html = page.render()
    #expect(html.contains("boundary net on \(data.name) test \(test.name)"))
  }

  @Test func anUntrainedModelHasNoHistorySections() throws {
    let data = try SyntheticDatasets.moons(n: 40, seed: 1)
    let ids = try Self.sectionIDs(ModelReport(try Self.planeNetwork(), on: data))
    #expect(!ids.contains("training") && !ids.contains("weights-over-epochs"))
    #expect(ids.first == "diagnosis")
    #expect(ids.contains("boundary") && ids.contains("confusion"))
  }

  @Test func aRegressionOnOneInputGetsItsFittedCurveAndNoConfusion() throws {
    var model = try Sequential(name: "fit", inputShape: [1])
    try model.append(Dense(inputSize: 1, outputSize: 8, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 8, outputSize: 1, seed: 2))
    let data = try SyntheticDatasets.sine(n: 60, noise: 0.05, seed: 1)
    try Self.train(&model, on: data, loss: .meanSquaredError)
    let page = try ModelReport(model, on: data).page()
    #expect(!page.sections.map(\.id).contains("confusion"))
    #expect(page.sections.first { $0.id == "boundary" }?.title == "Fitted curve")
    #expect(HTMLCheck(page.render()).problems.isEmpty)
  }

  @Test func aConvolutionalNetworkGetsFeatureMapsAndFilters() throws {
    var model = try Sequential(name: "cnn", inputShape: [1, 8, 8])
    try model.append(
      Conv2D(inputChannels: 1, filters: 4, kernelSize: 3, activation: .relu, name: "conv_1"))
    try model.append(try MaxPool2D(size: 2, name: "maxpool_1"))
    try model.append(Flatten(name: "flatten_1"))
    try model.append(Dense(inputSize: 36, outputSize: 2, activation: .softmax, name: "dense_1"))
    let data = try ImageDatasets.bars(n: 24, noise: 0.1, seed: 1)
    try Self.train(&model, on: data, loss: .categoricalCrossEntropy, epochs: 1)
    let ids = try Self.sectionIDs(ModelReport(model, on: data))
    #expect(ids.contains("feature-maps") && ids.contains("filters"))
    #expect(!ids.contains("boundary") && !ids.contains("hidden-states"))
    // Saliency shows a few images, not every one.
    let html = try ModelReport(model, on: data).page().render()
    #expect(html.contains("count \(ModelReport.saliencyImages)"))
    // The activations leave out flatten, which repeats the pool layer's values.
    #expect(html.contains("maxpool_1 (") && !html.contains("flatten_1 ("))
  }

  @Test func aRecurrentNetworkGetsItsHiddenStatesAndGates() throws {
    var model = try Sequential(name: "reader", inputShape: [6, 1])
    try model.append(Recurrent(.gru, inputSize: 1, units: 4, returnsSequences: true, seed: 1))
    try model.append(Dense(inputSize: 4, outputSize: 2, activation: .softmax, seed: 3))
    let data = try SequenceDatasets.parity(n: 16, length: 6, seed: 1)
    let ids = try Self.sectionIDs(ModelReport(model, on: data))
    #expect(ids.contains("hidden-states"))
    #expect(!ids.contains("boundary") && !ids.contains("feature-maps"))
    let html = try ModelReport(model, on: data).page().render()
    #expect(html.contains("gates reader on \(data.name)"))
  }

  @Test func namesFromFilesAreOnlyText() throws {
    let hostile = "<script>alert(1)</script>"
    var model = try Self.planeNetwork(name: hostile)
    model.classNames = [hostile, "b&b"]
    var data = try SyntheticDatasets.moons(n: 40, seed: 1)
    data.name = "<img src=x onerror=alert(2)>"
    data.classNames = [hostile, "<b>bold</b>"]
    data.featureNames = ["<i>x</i>", "y\"'"]
    try Self.train(&model, on: data, loss: .categoricalCrossEntropy, epochs: 1)
    let html = try ModelReport(model, on: data, validation: data).page().render()
    let check = HTMLCheck(html)
    #expect(check.problems.isEmpty, "\(check.problems)")
    #expect(check.elementCounts["script"] == 1)
    #expect(check.elementCounts["img"] == nil && check.elementCounts["b"] == nil)
    #expect(!html.contains("<script>alert") && !html.contains("<img src"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
  }

  @Test func aViewThatCannotBeDrawnSaysWhyAndTheRestRemains() throws {
    // Data of 3 features for a model of 2: every view that runs the model fails.
    let features = try Tensor(shape: [4, 3], scalars: Array(repeating: 0.5, count: 12))
    let data = Dataset(
      name: "wrong", features: features, labels: [0, 1, 0, 1], classNames: ["a", "b"])
    let page = try ModelReport(try Self.planeNetwork(), on: data).page()
    let html = page.render()
    #expect(HTMLCheck(html).problems.isEmpty)
    let notDrawn = page.sections.filter { $0.note == "not drawn" }.map(\.id)
    #expect(notDrawn.contains("diagnosis") && notDrawn.contains("activations"))
    #expect(page.sections.contains { $0.id == "summary" && $0.note != "not drawn" })
    #expect(html.contains("This view could not be drawn:"))
  }

  @Test func aDiagnosisWithFindingsShowsThemAsCards() throws {
    // One softmax unit always gives 1: the diagnosis's first finding is an error.
    var model = try Sequential(name: "broken", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 1, activation: .softmax, seed: 1))
    let data = try SyntheticDatasets.moons(n: 40, seed: 1)
    let diagnosis = try Diagnosis.run(model, on: data)
    let first = try #require(diagnosis.findings.first)
    let section = ModelReport.diagnosisSection(diagnosis)
    let html = HTMLPage(title: "t", kicker: "k", sections: [section]).render()
    #expect(HTMLCheck(html).problems.isEmpty)
    #expect(html.contains("<li class=\"finding \(first.severity.name)\">"))
    #expect(html.contains("<span class=\"code\">\(first.code.rawValue)</span>"))
    #expect(section.note?.hasPrefix("\(diagnosis.findings.count) finding") == true)
    // Backquoted nnv syntax in a suggestion becomes code; the backquotes are gone.
    if first.suggestion.contains("`") {
      #expect(html.contains("<code>"))
    }
    #expect(!html.contains("`"))
  }

  @Test func tooManyClassesForOneMatrixAreNamedNotDrawn() throws {
    let classes = ModelReport.confusionClasses + 1
    var model = try Sequential(name: "wide", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: classes, activation: .softmax, seed: 1))
    let features = try Tensor(
      shape: [classes, 2], scalars: (0..<(2 * classes)).map { Float($0) / 10 })
    let data = Dataset(
      name: "many", features: features, labels: Array(0..<classes),
      classNames: (0..<classes).map { "c\($0)" })
    let page = try ModelReport(model, on: data).page()
    let confusion = try #require(page.sections.first { $0.id == "confusion" })
    #expect(confusion.note == "\(classes) classes")
    let html = HTMLPage(title: "t", kicker: "k", sections: [confusion]).render()
    #expect(HTMLCheck(html).svgs.isEmpty)
    #expect(html.contains("<code>confusion wide on many to &quot;confusion.svg&quot;</code>"))
  }

  @Test func backquotedTextBecomesCodeAndLoneQuotesStayText() {
    #expect(
      HTMLMarkup.withCode("use `dense 16 leaky_relu` <now>").html
        == "use <code>dense 16 leaky_relu</code> &lt;now&gt;")
    #expect(HTMLMarkup.withCode("a ` b").html == "a ` b")
    #expect(HTMLMarkup.withCode("`<x>`").html == "<code>&lt;x&gt;</code>")
  }
}
