import NNVCore

/// The report's sections: each builds the view its command builds, with the same functions,
/// and places its SVG with a sentence saying how to read it and the command that draws it.
extension ModelReport {
  /// A section of figures: a lead sentence (`backquoted` words as code), the documents, and
  /// the commands that draw them.
  func section(
    _ id: String, _ title: String, note: String? = nil, lead: String, _ views: [any View],
    commands: [String]
  ) throws -> HTMLSection {
    var body: [HTMLMarkup] = [.element("p", ["class": "lead"], [.withCode(lead)])]
    for view in views {
      try Cancellation.check()
      body.append(.element("figure", [:], [.svg(try view.document())]))
    }
    let code = commands.map { HTMLMarkup.element("code", text: $0) }
    body.append(
      .element(
        "p", ["class": "command"],
        [.text("In a terminal: "), .joined(code, separator: " and "), .text(".")]))
    return HTMLSection(id: id, title: title, note: note, body: body)
  }

  var options: ChartOptions { ChartOptions() }

  func summarySection() throws -> HTMLSection {
    try section(
      "summary", "Summary", note: "\(Self.grouped(model.parameterCount)) parameters",
      lead: "Each layer with the shape of what it gives the next one and its number of "
        + "parameters (weights and biases).",
      [ModelViews.summary(model, options: options)], commands: ["summary \(model.name)"])
  }

  func architectureSection() throws -> HTMLSection {
    let diagram = ModelViews.diagram(model, options: options)
    var lead = "The layers from the input down to the output, with the shape each gives."
    if !diagram.stages.isEmpty {
      lead +=
        " The input and the conv and pool layers are stacks of feature maps, each kernel or "
        + "pooling window drawn on the maps it reads."
    }
    if !diagram.connections.isEmpty || !diagram.stages.isEmpty {
      lead +=
        " Between dense layers every line is a weight: red positive, blue negative, thicker "
        + "for a larger magnitude."
    }
    return try section(
      "architecture", "Architecture", lead: lead, [diagram], commands: ["diagram \(model.name)"])
  }

  func trainingSections() throws -> [HTMLSection] {
    guard !model.history.epochs.isEmpty else { return [] }
    let view = HistoryView([model], options: options)
    let validated = model.history.epochs.contains { $0.validationLoss != nil }
    let lead =
      validated
      ? "The loss and the accuracy after every epoch: training solid, validation dashed. When "
        + "the validation loss turns up while the training loss keeps falling, the network "
        + "has started to memorize its training data."
      : "The loss and the accuracy after every epoch. Training with `validate` and held-out "
        + "data draws how the network does on data it has not seen beside them."
    return [
      try section(
        "training", "Training history", note: "\(model.history.epochs.count) epochs",
        lead: lead, [view], commands: ["history \(model.name)"])
    ]
  }

  func weightsSections() throws -> [HTMLSection] {
    var sections: [HTMLSection] = []
    var overEpochs = WeightsOverEpochsView(model, options: options)
    // Five lines a layer, an epoch a point: the values of the history's own lines are enough
    // to hover over on one page.
    for i in overEpochs.charts.indices { overEpochs.charts[i].hoverPoints = false }
    if !overEpochs.isEmpty {
      sections.append(
        try section(
          "weights-over-epochs", "Weights over epochs",
          lead: "How each layer's weights spread out while it learned: the median, the middle "
            + "68% (16% to 84%) and the extremes at the end of every epoch.",
          [overEpochs], commands: ["weights \(model.name) over epochs"]))
    }
    if let weights = WeightsView(model, layer: 0, options: options) {
      let focus =
        if case .kernels = weights.focus {
          "The first conv layer's kernel values: their histogram and each filter's smallest, "
            + "mean and largest weight"
        } else {
          "The first layer's weight matrix (blue negative, white zero, red positive)"
        }
      sections.append(
        try section(
          "weights", "Weights",
          lead: focus + ", then the histograms of every layer's weights and biases.",
          [weights], commands: ["weights \(model.name) layer 1"]))
    }
    return sections
  }

  func activationsSection() throws -> HTMLSection {
    let samples = activationSamples
    let layers = try ModelViews.activations(model, on: data, limit: samples).filter {
      !passesValuesOn($0.name)
    }
    var view = ActivationsView(layers, options: options)
    // A layer wider than the budget (a recurrent layer's steps × units) is averaged in blocks.
    for i in view.panels.indices { view.panels[i].map.maxSVGCells = Self.activationPanelCells }
    return try section(
      "activations", "Activations",
      lead: "What every layer gives for the first \(min(data.count, samples)) training "
        + "samples, a row each. A unit that never fires (dead) or always sits at its limit "
        + "(saturated) is flagged: it no longer learns.",
      [view],
      commands: ["activations \(model.name) on \(data.name) samples \(samples)"])
  }

  /// Whether layer `name` only drops or reshapes values (flatten, dropout: its kind's
  /// presentation says so): its activations would repeat the layer before it.
  func passesValuesOn(_ name: String) -> Bool {
    model.layers.first { $0.name == name }?.presentation.lossLooksPast ?? false
  }

  /// As many samples as fit `activationCells` cells of the layers shown, in fours, from 4 to
  /// `activationSamples`.
  var activationSamples: Int {
    var columns = 0
    for (layer, shape) in zip(model.layers, model.outputShapes) where !passesValuesOn(layer.name) {
      // A layer of feature maps shows a column per channel; any other, one per value.
      columns += shape.count == 3 ? shape[0] : shape.reduce(1, *)
    }
    let fitting = Self.activationCells / Swift.max(1, columns) / 4 * 4
    return Swift.min(Self.activationSamples, Swift.max(4, fitting))
  }

  /// The decision over the input plane, the output surface, or the fitted curve; nil unless
  /// the model has 2 inputs or 1.
  func boundarySection() throws -> HTMLSection? {
    guard model.inputShape == [1] || model.inputShape == [2] else { return nil }
    let test = validation.map { " test \($0.name)" } ?? ""
    let command = ["boundary \(model.name) on \(data.name)\(test)"]
    guard model.inputShape == [2], data.isClassification else {
      let view = BoundaryView(
        model, train: data, test: validation, resolution: Self.planeResolution, options: options)
      let (title, lead) =
        model.inputShape == [1]
        ? ("Fitted curve", "What the network answers for every input, through the data.")
        : ("Output surface", "The network's answer at every point of the input plane.")
      return try section("boundary", title, lead: lead, [view], commands: command)
    }
    // `BoundaryView`'s chart at the report's resolution, with fewer, coarser unit maps.
    var chart = try ModelViews.boundary(
      model, train: data, test: validation, resolution: Self.planeResolution, options: options)
    let units = chart.thumbnails.count
    chart.thumbnails = chart.thumbnails.prefix(Self.unitMaps).map {
      let side = Self.unitMapSide
      return ($0.name, $0.values.downsampled(maxRows: side, maxColumns: side).matrix)
    }
    let maps =
      units == 0
      ? ""
      : units > Self.unitMaps
        ? " The small maps show what the first \(Self.unitMaps) of its \(units) hidden units "
          + "compute over the same plane."
        : " The small maps show what each hidden unit computes over the same plane."
    let lead =
      "The class the network picks at every point of the input plane, pale where it is "
      + "unsure, with the training data filled"
      + (validation == nil ? "." : " and the validation data hollow.") + maps
    return try section("boundary", "Decision boundary", lead: lead, [chart], commands: command)
  }

  /// Feature maps of one held-out image and the first conv layer's filters, for a network
  /// with conv layers.
  func convSections() throws -> [HTMLSection] {
    guard !FeatureMaps.imageLayers(of: model).isEmpty else { return [] }
    let features = try ModelViews.features(model, on: heldOut, index: 0, options: options)
    var sections = [
      try section(
        "feature-maps", "Feature maps",
        lead: "One image and what every conv and pool layer makes of it: a small map per "
          + "channel, each on its own scale with its range under it.",
        [features], commands: ["features \(model.name) on \(heldOut.name)"])
    ]
    if let filters = ModelViews.filters(model, layer: 1, options: options) {
      sections.append(
        try section(
          "filters", "Filters",
          lead: "The kernels the first conv layer learned, blue negative and red positive on "
            + "one scale: the patterns its feature maps light up for.",
          [filters], commands: ["filters \(model.name)"]))
    }
    return sections
  }

  /// The first recurrent layer's hidden states over one held-out sequence, and its gates.
  func recurrentSections() throws -> [HTMLSection] {
    guard !model.recurrentLayerIndices.isEmpty else { return [] }
    let sequence = try HiddenSequence.of(model, layer: 1, data: heldOut, sample: 0)
    let caption = ["\(model.name) on \(heldOut.name) #0"]
    var views: [any View] = [HiddenStatesView(sequence, caption: caption, options: options)]
    var commands = ["hidden \(model.name) on \(heldOut.name)"]
    if !sequence.gates.isEmpty {
      views.append(GateActivityView(sequence, caption: caption, options: options))
      commands.append("gates \(model.name) on \(heldOut.name)")
    }
    return [
      try section(
        "hidden-states", "Hidden states",
        lead: "The recurrent layer's state after every step of one sequence, a row per unit, "
          + "from −1 (blue) to +1 (red)"
          + (sequence.gates.isEmpty ? "." : ", and how open its gates are along the way."),
        views, commands: commands)
    ]
  }

  /// The confusion matrix on the held-out data, for classes.
  func confusionSection() throws -> HTMLSection? {
    guard heldOut.isClassification else { return nil }
    let command = "confusion \(model.name) on \(heldOut.name)"
    let classes = Swift.max(heldOut.classNames.count, model.outputShape.last ?? 0)
    guard classes <= Self.confusionClasses else {
      let text =
        "\(classes) classes are more than one readable matrix holds. `\(command) to "
        + "\"confusion.svg\"` draws it as a file of its own."
      return HTMLSection(
        id: "confusion", title: "Confusion matrix", note: "\(classes) classes",
        body: [.element("p", ["class": "lead"], [.withCode(text)])])
    }
    var o = options
    o.title = "\(model.name) on \(heldOut.name)"
    let chart = try ModelViews.confusion(model, on: heldOut, options: o)
    return try section(
      "confusion", "Confusion matrix", note: heldOut.name,
      lead: "How often each true class (a row) was predicted as each class (a column), with "
        + "every class's precision and recall. The diagonal is what the network got right.",
      [chart], commands: [command])
  }

  /// Saliency with the plain gradient (the command's default) on a few held-out inputs.
  func saliencySection() throws -> HTMLSection {
    let kind = AttributionViews.inputKind(heldOut.sampleShape)
    var request = AttributionViews.Request(method: .gradient(absolute: false))
    request.resolution = Self.saliencyResolution
    var command = "saliency \(model.name) on \(heldOut.name)"
    let lead: String
    if AttributionViews.isSequenceModel(model) {
      request.index = 0
      command += " index 0"
      lead =
        "Which steps of one held-out sequence the prediction at its last step rests on: the "
        + "gradient of that prediction's score with respect to every step (red for, blue "
        + "against)."
    } else if case .image = kind {
      request.count = Self.saliencyImages
      command += " count \(Self.saliencyImages)"
      lead =
        "Which pixels each decision rests on: for \(Self.saliencyImages) held-out images, the "
        + "gradient of the predicted class's score with respect to every pixel (red for, blue "
        + "against), and the mean map over all of them."
    } else if model.inputShape == [2], heldOut.isClassification {
      lead =
        "Where each held-out point would have to move to raise its predicted class's score "
        + "fastest: the gradient of that score, drawn as an arrow at every point."
    } else {
      lead =
        "Which features the decisions rest on: the gradient of each prediction with respect "
        + "to every feature, averaged in size over the held-out data and ranked."
    }
    let view = try AttributionViews.saliency(
      model, on: heldOut, request: request, options: options)
    return try section("saliency", "Saliency", lead: lead, [view], commands: [command])
  }
}
