/// One layer in a model file's header: its kind, name and activation, the parameters its kind
/// records (`units`, `rate`), and the shapes of its tensors.
///
/// The recorded parameters sit beside the other fields of the layer's JSON object (a dense
/// layer's `units` next to its `kind` and `name`), so every kind adds its own without a new
/// format version.
/// Each is read with the type its kind declares: a whole number, a single-precision number, a
/// word or a boolean.
extension ModelArchive {
  struct LayerRecord: Codable {
    var kind: String
    var name: String
    var activation: String
    var leakySlope: Float?
    /// The kind's saved parameters.
    var settings: LayerConfiguration
    var parameterShapes: [[Int]]

    init(
      kind: String, name: String, activation: String, leakySlope: Float? = nil,
      settings: LayerConfiguration, parameterShapes: [[Int]]
    ) {
      self.kind = kind
      self.name = name
      self.activation = activation
      self.leakySlope = leakySlope
      self.settings = settings
      self.parameterShapes = parameterShapes
    }

    /// A field of the record's JSON object.
    struct Key: CodingKey {
      let stringValue: String
      var intValue: Int? { nil }
      init(_ name: String) { stringValue = name }
      init?(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }

      static let kind = Key("kind")
      static let name = Key("name")
      static let activation = Key("activation")
      static let leakySlope = Key("leakySlope")
      static let parameterShapes = Key("parameterShapes")
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: Key.self)
      kind = try container.decode(String.self, forKey: .kind)
      name = try container.decode(String.self, forKey: .name)
      activation = try container.decode(String.self, forKey: .activation)
      leakySlope = try container.decodeIfPresent(Float.self, forKey: .leakySlope)
      settings = LayerConfiguration()
      for parameter in LayerRegistry.savedParameters {
        let key = Key(parameter.name)
        switch parameter.type {
        case .integer:
          if let n = try container.decodeIfPresent(Int.self, forKey: key) {
            settings[parameter.name] = .integer(n)
          }
        case .number:
          if let x = try container.decodeIfPresent(Float.self, forKey: key) {
            settings[parameter.name] = .number(x)
          }
        case .choice:
          if let word = try container.decodeIfPresent(String.self, forKey: key) {
            settings[parameter.name] = .word(word)
          }
        case .boolean:
          if let flag = try container.decodeIfPresent(Bool.self, forKey: key) {
            settings[parameter.name] = .boolean(flag)
          }
        }
      }
      parameterShapes = try container.decode([[Int]].self, forKey: .parameterShapes)
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(kind, forKey: .kind)
      try container.encode(name, forKey: .name)
      try container.encode(activation, forKey: .activation)
      try container.encodeIfPresent(leakySlope, forKey: .leakySlope)
      for (name, value) in settings.values.sorted(by: { $0.key < $1.key }) {
        switch value {
        case .integer(let n): try container.encode(n, forKey: Key(name))
        case .number(let x): try container.encode(x, forKey: Key(name))
        case .word(let word): try container.encode(word, forKey: Key(name))
        case .boolean(let flag): try container.encode(flag, forKey: Key(name))
        }
      }
      try container.encode(parameterShapes, forKey: .parameterShapes)
    }
  }
}
