import NNVCore

/// `report`: one model on its data as a self-contained HTML page. The diagnosis comes first,
/// then the views the model allows, each in a section that folds, each the same view value
/// its command draws (`summary`, `diagram`, `history`, `weights`, `activations`, `boundary`,
/// `features`, `filters`, `hidden`, `gates`, `confusion`, `saliency`), placed as its SVG.
///
/// Which views: the training history and the weights over epochs when the model was trained;
/// the decision boundary (or output surface, or fitted curve) for 2 or 1 inputs; feature maps
/// and filters for a network with conv layers; hidden states and gates for a recurrent one;
/// the confusion matrix for classes; saliency for a few inputs.
public struct ModelReport: Sendable {
  public var model: Sequential
  /// The data the model was trained on, named as the page should name it (`parts.train`).
  public var data: Dataset
  /// Held-out data: the boundary draws it hollow, and the confusion matrix, saliency, feature
  /// maps and hidden states use it instead of the training data.
  public var validation: Dataset?
  /// What made the page (`nnv 0.1.0`), named in its footer.
  public var generator: String?

  // What the page draws, chosen to keep a report of a teaching network to a few hundred KB:
  // every value drawn in SVG is an element with its tooltip, about 120 bytes.

  /// The image inputs whose saliency maps are shown (with the mean map of all).
  public static let saliencyImages = 3
  /// The most samples whose activations are shown.
  public static let activationSamples = 24
  /// The cells of the activations view: fewer samples for wide layers.
  public static let activationCells = 400
  /// The most cells of one layer's panel (32 a side): a wider layer is averaged in blocks.
  public static let activationPanelCells = 1024
  /// Grid cells per side of the decision boundary (the command's SVG file has 120).
  public static let planeResolution = 60
  /// Grid cells per side of the regions behind the saliency arrows of 2-D inputs (120 in the
  /// command's SVG file).
  public static let saliencyResolution = 40
  /// The hidden units whose maps are drawn beside the boundary (the command draws all).
  public static let unitMaps = 8
  /// The cells per side of each of those maps (24 in the command's SVG file).
  public static let unitMapSide = 10
  /// The most classes whose confusion matrix the page draws.
  public static let confusionClasses = 20

  public init(
    _ model: Sequential, on data: Dataset, validation: Dataset? = nil, generator: String? = nil
  ) {
    self.model = model
    self.data = data
    self.validation = validation
    self.generator = generator
  }

  /// The data held-out views are drawn on: the validation data when there is some.
  var heldOut: Dataset { validation ?? data }

  /// The page, diagnosis first. A view that cannot be drawn for this model becomes a section
  /// that says why, so one view never costs the rest of the page.
  ///
  /// - Throws: `CancellationError` when interrupted.
  public func page() throws -> HTMLPage {
    var sections: [HTMLSection] = []
    let builders: [(id: String, title: String, build: () throws -> [HTMLSection])] = [
      ("diagnosis", "Diagnosis", { [try diagnosisSection()] }),
      ("summary", "Summary", { [try summarySection()] }),
      ("architecture", "Architecture", { [try architectureSection()] }),
      ("training", "Training history", { try trainingSections() }),
      ("weights", "Weights", { try weightsSections() }),
      ("activations", "Activations", { [try activationsSection()] }),
      ("boundary", "Decision boundary", { try boundarySection().map { [$0] } ?? [] }),
      ("feature-maps", "Feature maps", { try convSections() }),
      ("hidden-states", "Hidden states", { try recurrentSections() }),
      ("confusion", "Confusion matrix", { try confusionSection().map { [$0] } ?? [] }),
      ("saliency", "Saliency", { [try saliencySection()] }),
    ]
    for builder in builders {
      try Cancellation.check()
      do {
        sections += try builder.build()
      } catch let error as CancellationError {
        throw error
      } catch {
        sections.append(Self.problemSection(id: builder.id, title: builder.title, error))
      }
    }
    return HTMLPage(
      title: model.name, kicker: "nnv report", subtitle: chain, facts: facts,
      sections: sections, footer: footer, generator: generator)
  }

  /// A section that says why its view could not be drawn.
  static func problemSection(id: String, title: String, _ error: any Error) -> HTMLSection {
    HTMLSection(
      id: id, title: title, note: "not drawn",
      body: [.element("p", ["class": "problem"], text: "This view could not be drawn: \(error).")])
  }

  /// The model as a chain of layers: `input [2] → dense 16 tanh → dense 2 softmax`.
  var chain: String {
    let layers = model.layers.map { $0.written() ?? $0.kind }
    return (["input \(Tensor.describe(model.inputShape))"] + layers).joined(separator: " → ")
  }

  /// The numbers in the header: sizes, data, and where training ended.
  var facts: [HTMLPage.Fact] {
    var facts: [HTMLPage.Fact] = [
      .init("parameters", Self.grouped(model.parameterCount)),
      .init("layers", "\(model.layers.count)"),
      .init(
        "training data", data.name,
        tooltip: "\(Self.grouped(data.count)) samples of \(Tensor.describe(data.sampleShape))"),
    ]
    if let validation {
      facts.append(
        .init(
          "validation data", validation.name,
          tooltip: "\(Self.grouped(validation.count)) samples"))
    }
    let epochs = model.history.epochs
    facts.append(.init("epochs trained", "\(epochs.count)"))
    if let last = epochs.last {
      facts.append(.init("final loss", NumberText.short(Double(last.loss))))
      let measured: [(String, Float?)] = [
        ("final accuracy", last.accuracy), ("validation loss", last.validationLoss),
        ("validation accuracy", last.validationAccuracy),
      ]
      for (name, value) in measured {
        guard let value else { continue }
        let text =
          name.hasSuffix("accuracy")
          ? NumberText.fixed(Double(value) * 100, decimals: 1) + "%"
          : NumberText.short(Double(value))
        facts.append(.init(name, text))
      }
    }
    return facts
  }

  var footer: String {
    "Made with \(generator ?? "nnv"). Hover over the drawings for their values; every section "
      + "folds, and the page prints with every section open."
  }

  /// `12,345`.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var text = ""
    for (i, digit) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { text += "," }
      text.append(digit)
    }
    return (n < 0 ? "-" : "") + text
  }
}
