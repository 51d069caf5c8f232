import Foundation
import NNVCore
import Testing

/// Every kind in `LayerRegistry` is complete: its shape rule agrees with the layers it makes,
/// it round-trips through a model file, and its name is known nowhere else.
@Suite struct LayerRegistryTests {
  /// An input shape the kind accepts.
  static func input(for kind: LayerKind) -> [Int] {
    switch kind.input?.ranks.first ?? 2 {
    case 1: [6]
    case 2: [3, 4]
    default: [2, 6, 6]
    }
  }

  /// A value inside the parameter's bounds, with `word` for a choice (a switch is set to what
  /// it is not by default).
  static func value(for parameter: LayerParameter, word: String? = nil) -> LayerValue? {
    let bounds = parameter.bounds ?? ParameterBounds(lower: 0)
    switch parameter.type {
    case .integer:
      return .integer(Swift.max(3, Int(bounds.lower)))
    case .number:
      let upper = bounds.upper ?? bounds.lower + 2
      return .number(Float((bounds.lower + upper) / 2))
    case .choice(let words):
      return (word ?? words.last).map { .word($0) }
    case .boolean:
      return .boolean(parameter.defaultText != "true")
    }
  }

  /// Configurations covering the kind: every parameter given, then each word of each choice and
  /// each switch at its default.
  static func configurations(for kind: LayerKind) -> [LayerConfiguration] {
    var base = LayerConfiguration()
    for parameter in kind.parameters { base[parameter.name] = value(for: parameter) }
    var all = [base]
    for parameter in kind.parameters {
      if parameter.type == .boolean {
        var variant = base
        variant[parameter.name] = .boolean(parameter.defaultText == "true")
        all.append(variant)
      }
      guard case .choice(let words) = parameter.type else { continue }
      for word in words {
        var variant = base
        variant[parameter.name] = .word(word)
        all.append(variant)
      }
    }
    return all
  }

  static func model(of kind: LayerKind, _ configuration: LayerConfiguration) throws -> Sequential {
    var model = try Sequential(name: "m", inputShape: input(for: kind))
    var layer = try kind.make(configuration, input: model.inputShape, seed: { 7 })
    layer.name = model.defaultName(for: layer.kind)
    try model.append(layer)
    return model
  }

  @Test(arguments: LayerRegistry.kinds.map(\.name))
  func madeLayersMatchTheShapeRule(_ name: String) throws {
    let kind = try #require(LayerRegistry.kind(named: name))
    for configuration in Self.configurations(for: kind) {
      let input = Self.input(for: kind)
      let layer = try kind.make(configuration, input: input, seed: { 7 })
      #expect(layer.kind == kind.name)
      #expect(layer.registeredKind?.name == kind.name)
      let shapes = try #require(try kind.shapes(for: input, configuration: configuration))
      #expect(shapes.output == (try layer.outputShape(for: input)))
      #expect(shapes.parameters == layer.parameters.map(\.shape))
      #expect(shapes.parameterCount == layer.parameterCount)
      // The configuration read back from the layer gives the same shapes, and holds what it
      // was made with.
      let read = kind.configuration(of: layer)
      #expect(try kind.shapes(for: input, configuration: read) == shapes)
      for parameter in kind.savedParameters {
        #expect(read[parameter.name] == configuration[parameter.name], "\(parameter.name)")
      }
      if let fixed = kind.outputShape(configuration) { #expect(fixed == shapes.output) }
      #expect(kind.activation(in: read) == layer.activation)
    }
  }

  @Test(arguments: LayerRegistry.kinds.map(\.name))
  func everyKindRoundTripsThroughAModelFile(_ name: String) throws {
    let kind = try #require(LayerRegistry.kind(named: name))
    for configuration in Self.configurations(for: kind) {
      let model = try Self.model(of: kind, configuration)
      let bytes = try ModelArchive.encode(model)
      let loaded = try ModelArchive.decode(bytes)
      #expect(try ModelArchive.encode(loaded) == bytes)
      #expect(loaded.layers.map(\.kind) == [kind.name])
      #expect(loaded.layers.map(\.name) == model.layers.map(\.name))
      #expect(loaded.layers.map(\.activation) == model.layers.map(\.activation))
      #expect(loaded.parameters == model.parameters)
      #expect(loaded.outputShapes == model.outputShapes)
      let layer = try #require(loaded.layers.first)
      let original = try #require(model.layers.first)
      #expect(kind.savedConfiguration(of: layer) == kind.savedConfiguration(of: original))
      let x = Tensor.zeros([2] + model.inputShape)
      #expect(try loaded.predict(x) == model.predict(x))
    }
  }

  /// A model file header with a layer of every kind, exactly as earlier versions wrote it.
  static let header =
    #"{"classNames":[],"featureNames":[],"history":{"epochs":[]},"inputShape":[2,2],"layers":["#
    + #"{"activation":"linear","kind":"flatten","name":"flat","parameterShapes":[]},"#
    + #"{"activation":"leaky_relu","kind":"dense","leakySlope":0.2,"name":"hidden","#
    + #""parameterShapes":[[4,3],[3]],"units":3},"#
    + #"{"activation":"linear","kind":"dropout","name":"drop","parameterShapes":[],"rate":0.1},"#
    + #"{"activation":"tanh","kind":"activation","name":"act","parameterShapes":[]},"#
    + #"{"activation":"softmax","kind":"dense","name":"out","parameterShapes":[[3,2],[2]],"#
    + #""units":2}],"name":"net"}"#

  @Test func modelFilesKeepTheirFormat() throws {
    var model = try Sequential(name: "net", inputShape: [2, 2])
    try model.append(Flatten(name: "flat"))
    try model.append(
      Dense(
        inputSize: 4, outputSize: 3, activation: .leakyRelu(slope: 0.2), seed: 1, name: "hidden"))
    try model.append(Dropout(rate: 0.1, name: "drop"))
    try model.append(ActivationLayer(.tanh, name: "act"))
    try model.append(Dense(inputSize: 3, outputSize: 2, activation: .softmax, name: "out"))
    let bytes = try ModelArchive.encode(model)
    let length = Int(bytes[12]) | Int(bytes[13]) << 8 | Int(bytes[14]) << 16 | Int(bytes[15]) << 24
    #expect(String(decoding: bytes[16..<(16 + length)], as: UTF8.self) == Self.header)
    #expect(bytes.count == 16 + length + 4 * model.parameterCount + 8)

    // A file written by an earlier version loads, and is written back the same.
    var file = Data("NNVMODEL".utf8)
    let json = Data(Self.header.utf8)
    for value in [UInt32(1), UInt32(json.count)] {
      withUnsafeBytes(of: value.littleEndian) { file.append(contentsOf: $0) }
    }
    file.append(json)
    for i in 0..<23 {
      withUnsafeBytes(of: Float(i).bitPattern.littleEndian) { file.append(contentsOf: $0) }
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in file { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    withUnsafeBytes(of: hash.littleEndian) { file.append(contentsOf: $0) }
    let loaded = try ModelArchive.decode(file)
    #expect(loaded.layers.map(\.kind) == ["flatten", "dense", "dropout", "activation", "dense"])
    #expect(loaded.layers.map(\.activation) == model.layers.map(\.activation))
    #expect(loaded.outputShapes == [[4], [3], [3], [3], [2]])
    #expect(loaded.parameters[1][0].scalars == (0..<12).map(Float.init))
    #expect((loaded.layers[2] as? Dropout)?.rate == 0.1)
    #expect(try ModelArchive.encode(loaded) == file)
  }

  @Test func everyKindIsDescribed() {
    #expect(!LayerRegistry.kinds.isEmpty)
    #expect(Set(LayerRegistry.kinds.map(\.name)).count == LayerRegistry.kinds.count)
    for kind in LayerRegistry.kinds {
      #expect(kind.summary.hasSuffix("."), "\(kind.name)")
      #expect(kind.example.hasPrefix("model "), "\(kind.name)")
      for parameter in kind.parameters {
        #expect(!parameter.help.isEmpty, "\(kind.name).\(parameter.name)")
      }
      if case .word(let parameter) = kind.spelling {
        #expect(
          kind.parameter(named: parameter).map { p in
            if case .choice = p.type { true } else { false }
          } == true)
      }
    }
  }

  /// Model files store every kind's saved parameters side by side, so a name has one type.
  @Test func savedParameterNamesHaveOneType() {
    var types: [String: LayerParameter.ValueType] = [:]
    for parameter in LayerRegistry.kinds.flatMap(\.savedParameters) {
      if let type = types[parameter.name] { #expect(type == parameter.type, "\(parameter.name)") }
      types[parameter.name] = parameter.type
    }
    #expect(LayerRegistry.savedParameters.map(\.name).sorted() == types.keys.sorted())
  }

  /// A kind that declares the input ranks it takes refuses others: its rule gives no shapes,
  /// and `Sequential.append` refuses a layer made for another input.
  @Test(arguments: LayerRegistry.kinds.filter { $0.input != nil }.map(\.name))
  func inputRanksAreChecked(_ name: String) throws {
    let kind = try #require(LayerRegistry.kind(named: name))
    let requirement = try #require(kind.input)
    let configuration = try #require(Self.configurations(for: kind).first)
    for rank in 1...3 where !requirement.ranks.contains(rank) {
      let input = Array(repeating: 2, count: rank)
      #expect(!kind.accepts(input))
      #expect(try kind.shapes(for: input, configuration: configuration) == nil)
      var model = try Sequential(inputShape: input)
      let layer = try kind.make(configuration, input: Self.input(for: kind), seed: { 1 })
      #expect(throws: LayerError.self) { try model.append(layer) }
      #expect(model.layers.isEmpty)
    }
  }

  /// The views and the loss check read a layer's presentation from its kind.
  @Test func presentationDescribesTheLayers() throws {
    let dense = try Dense(inputSize: 3, outputSize: 2, activation: .tanh, seed: 1)
    #expect(dense.weightMatrix?.weight == dense.weight)
    #expect(dense.weightMatrix.map { [$0.inputs, $0.outputs] } == [3, 2])
    #expect(dense.shownActivation == "tanh" && dense.written() == "dense 2 tanh")
    let linear = try Dense(inputSize: 3, outputSize: 2)
    #expect(linear.shownActivation == "linear" && linear.written() == "dense 2")
    let dropout = try Dropout(rate: 0.25)
    #expect(dropout.shownActivation == "" && dropout.written() == "dropout 0.25")
    #expect(dropout.presentation.lossLooksPast && Flatten().presentation.lossLooksPast)
    #expect(dropout.weightMatrix == nil && !dense.presentation.lossLooksPast)
    let relu = ActivationLayer(.relu)
    #expect(relu.shownActivation == "relu" && relu.written() == "relu")
    #expect(relu.presentation.activationShown == .isTheLayer)
    #expect(dense.presentation.diagram == .neurons && relu.presentation.diagram == .passThrough)
  }

  /// A layer kind's name is written in its registry entry and its `Layer` type only: every
  /// other place asks the registry.
  @Test func kindNamesAreWrittenOnlyInTheRegistry() throws {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    let registry = sources.appendingPathComponent("NNVCore/Layers/Registry").path + "/"
    let literals = LayerRegistry.namedKinds.map { "\"\($0.name)\"" }
    #expect(literals.contains("\"dense\"") && literals.contains("\"flatten\""))
    let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
    var scanned = 0
    var offending: [String] = []
    for case let relative as String in enumerator where relative.hasSuffix(".swift") {
      let path = sources.appendingPathComponent(relative).path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      scanned += 1
      if path.hasPrefix(registry) || Self.declaresLayerType(text) { continue }
      for literal in literals where text.contains(literal) {
        offending.append("\(relative): \(literal)")
      }
    }
    #expect(scanned > 50)
    #expect(offending.isEmpty, "\(offending)")
  }

  /// Whether a source file declares a `Layer` type (`public struct Dense: Layer {`).
  static func declaresLayerType(_ text: String) -> Bool {
    text.split(separator: "\n").contains { line in
      line.hasPrefix("public struct ") && line.hasSuffix(": Layer {")
    }
  }
}
