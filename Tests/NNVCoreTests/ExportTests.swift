import Foundation
import NNVCore
import Testing

/// Numbers out: every Float written reads back with the same bits; tensors, data sets and
/// histories are laid out as documented; files are written atomically a block at a time.
@Suite struct ExportTests {
  /// Floats that printing gets wrong most easily.
  static let awkward: [Float] = [
    0, -0.0, 1, -1, 0.1, 1.0 / 3, 16_777_216, 16_777_218, 123_456_792,
    Float.leastNonzeroMagnitude * 11,
    Float.leastNormalMagnitude, Float.leastNonzeroMagnitude, -Float.leastNonzeroMagnitude,
    Float.greatestFiniteMagnitude,
    -Float.greatestFiniteMagnitude, 3.4e-38, 2.5e-7, 1e20, Float.ulpOfOne, 0.3,
  ]

  /// Floats from random bit patterns, every kind of finite value.
  static func randomFloats(_ count: Int) -> [Float] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).compactMap { _ in
      let x = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator))
      return x.isFinite ? x : nil
    }
  }

  @Test func everyFloatReadsBackBitForBit() {
    for x in Self.awkward + Self.randomFloats(20000) {
      let text = ExactNumber.text(x)
      #expect(Float(text)?.bitPattern == x.bitPattern, "\(x) as \(text)")
      #expect(ExactNumber.json(x) == text)
    }
    #expect(ExactNumber.text(Float(-0.0)) == "-0.0")
    #expect(ExactNumber.text(Float(3)) == "3")
    #expect(ExactNumber.text(Float(0.1)) == "0.1")
    #expect(ExactNumber.text(Float.nan) == "nan" && ExactNumber.text(-Float.infinity) == "-inf")
    #expect(ExactNumber.json(Float.nan) == "\"NaN\"")
    #expect(ExactNumber.json(Float.infinity) == "\"Infinity\"")
    #expect(ExactNumber.json(-Float.infinity) == "\"-Infinity\"")
  }

  @Test func everyDoubleReadsBackBitForBit() {
    let doubles: [Double] = [
      0, -0.0, 0.1, 1e15, 1e15 + 1, Double.leastNonzeroMagnitude, -2.2250738585072014e-308, 1e300,
    ]
    for x in doubles + Self.randomFloats(2000).map(Double.init) {
      let text = ExactNumber.text(x)
      #expect(Double(text)?.bitPattern == x.bitPattern, "\(x) as \(text)")
    }
    #expect(ExactNumber.text(42.0) == "42" && ExactNumber.text(-0.0) == "-0.0")
  }

  @Test func csvFieldsAreQuotedOnlyWhenTheyMustBe() {
    #expect(CSVText.field("plain") == "plain")
    #expect(CSVText.field("a,b") == "\"a,b\"")
    #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
    #expect(CSVText.line(["a", "b c", "d,e"]) == "a,b c,\"d,e\"\n")
    #expect(JSONText.string("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
  }

  @Test func aTensorIsWrittenRowByRowWithItsIndicesInTheHeader() throws {
    let matrix = try Tensor(
      shape: [2, 3], scalars: [1, -0.0, 0.1, Float.leastNonzeroMagnitude, 2.5, -7])
    var csv = ""
    try matrix.writeCSV(to: &csv)
    #expect(csv == "x0,x1,x2\n1,-0.0,0.1\n1e-45,2.5,-7\n")
    let images = try Tensor(shape: [2, 1, 2, 2], scalars: (0..<8).map(Float.init))
    var imageCSV = ""
    try images.writeCSV(to: &imageCSV)
    #expect(imageCSV == "x0_0_0,x0_0_1,x0_1_0,x0_1_1\n0,1,2,3\n4,5,6,7\n")
    var column = ""
    try Tensor(shape: [3], scalars: [1, 2, 3]).writeCSV(to: &column)
    #expect(column == "value\n1\n2\n3\n")
  }

  @Test func aTensorAsJSONKeepsItsShapeAndEveryBit() throws {
    let values = Self.awkward + [Float.nan, Float.infinity, -Float.infinity, 5]
    let tensor = try Tensor(shape: [2, 3, 4], scalars: values)
    var json = ""
    try tensor.writeJSON(to: &json)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["shape"] as? [Int] == [2, 3, 4])
    let data = try #require(object["data"] as? [[[Any]]])
    let flat = data.flatMap { $0.flatMap { $0 } }
    #expect(flat.count == 24)
    // JSONSerialization reads numbers as Doubles; the text of each is checked as a Float.
    for (index, x) in values.enumerated() where x.isFinite {
      let read = Float(try #require(flat[index] as? NSNumber).description)
      #expect(read?.bitPattern == x.bitPattern, "\(x)")
    }
    #expect(flat[20] as? String == "NaN" && flat[22] as? String == "-Infinity")
    var scalar = ""
    try Tensor(shape: [], scalars: [2]).writeJSON(to: &scalar)
    #expect(scalar == "{\"shape\":[],\"data\":2}")
  }

  @Test func aClassDataSetHasItsFeatureNamesThenClassIndexAndName() throws {
    let data = Dataset(
      name: "pets", features: try Tensor(shape: [2, 2], scalars: [0.5, 1, -2, 3]),
      labels: [1, 0], classNames: ["cat", "dog, big"], featureNames: ["weight", "age"])
    var csv = ""
    try data.writeCSV(to: &csv)
    #expect(csv == "weight,age,class,class_name\n0.5,1,1,\"dog, big\"\n-2,3,0,cat\n")
    var json = ""
    try data.writeJSON(to: &json)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["labels"] as? [Int] == [1, 0])
    #expect(object["classes"] as? [String] == ["cat", "dog, big"])
    #expect((object["features"] as? [String: Any])?["shape"] as? [Int] == [2, 2])
  }

  @Test func regressionAndStepTargetsGetAColumnEach() throws {
    let regression = Dataset(
      name: "line", features: try Tensor(shape: [2, 1], scalars: [1, 2]),
      values: try Tensor(shape: [2, 1], scalars: [0.25, -1]))
    var csv = ""
    try regression.writeCSV(to: &csv)
    #expect(csv == "x1,target\n1,0.25\n2,-1\n")
    let steps = Dataset(
      name: "bits", features: try Tensor(shape: [1, 2, 1], scalars: [1, 0]), labels: [1, 1],
      classNames: ["even", "odd"], featureNames: ["bit"], targetSteps: 2)
    #expect(steps.featureColumns == ["bit_0", "bit_1"])
    var stepCSV = ""
    try steps.writeCSV(to: &stepCSV)
    #expect(stepCSV == "bit_0,bit_1,class_0,class_1,class_name_0,class_name_1\n1,0,1,1,odd,odd\n")
  }

  @Test func aHistoryIsARowPerEpochWithEmptyFieldsForWhatWasNotMeasured() throws {
    let history = TrainingHistory(epochs: [
      EpochMetrics(run: 1, epoch: 1, loss: 0.5, accuracy: 0.75),
      EpochMetrics(
        run: 1, epoch: 2, loss: 0.25, accuracy: 1, validationLoss: 0.1, validationAccuracy: 0.5),
    ])
    var csv = ""
    try history.writeCSV(to: &csv)
    #expect(
      csv == "run,epoch,loss,accuracy,val_loss,val_accuracy\n1,1,0.5,0.75,,\n1,2,0.25,1,0.1,0.5\n")
    var json = ""
    try history.writeJSON(to: &json)
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    #expect(rows.count == 2 && rows[0]["val_loss"] is NSNull && rows[1]["val_loss"] != nil)
  }

  @Test func aStreamedFileIsWrittenWholeOrNotAtAll() throws {
    let directory = NSTemporaryDirectory() + "nnv-export-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/big.csv"
    // More than one block, so the file is written in pieces.
    let tensor = try Tensor(shape: [300_000, 2], scalars: (0..<600_000).map { Float($0) * 0.5 })
    let size = try AtomicFile.write(to: path) { try tensor.writeCSV(to: &$0) }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(size == text.utf8.count && size > 1 << 20)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 300_001 && lines.last == "299999,299999.5")
    // Cancelled halfway: the old file stays, and no temporary file is left.
    let token = CancellationToken(cancellingAtPoll: 3)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: token) {
        try AtomicFile.write(to: path) { try tensor.writeCSV(to: &$0) }
      }
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    let left = try FileManager.default.contentsOfDirectory(atPath: directory)
    #expect(left == ["big.csv"])
    // A folder in the way is refused, as for every file nnv writes.
    try FileManager.default.createDirectory(
      atPath: directory + "/folder.csv", withIntermediateDirectories: false)
    #expect(throws: PersistenceError.self) {
      try AtomicFile.write(to: directory + "/folder.csv") { try $0.write("x") }
    }
  }
}
