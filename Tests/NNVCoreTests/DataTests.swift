import Foundation
import NNVCore
import Testing

@Suite struct DataTests {
  @Test(arguments: ["xor", "circles", "moons", "spiral", "gauss", "plane", "sine"])
  func generatorsAreSeededAndSized(_ name: String) throws {
    func make(_ seed: UInt64) throws -> Dataset {
      switch name {
      case "xor": try SyntheticDatasets.xor(n: 90, noise: 0.1, seed: seed)
      case "circles": try SyntheticDatasets.circles(n: 90, noise: 0.1, seed: seed)
      case "moons": try SyntheticDatasets.moons(n: 90, noise: 0.1, seed: seed)
      case "spiral": try SyntheticDatasets.spiral(n: 90, classes: 3, noise: 0.1, seed: seed)
      case "gauss": try SyntheticDatasets.gauss(n: 90, classes: 3, seed: seed)
      case "plane": try SyntheticDatasets.plane(n: 90, noise: 0.1, seed: seed)
      default: try SyntheticDatasets.sine(n: 90, noise: 0.1, seed: seed)
      }
    }
    let a = try make(1)
    #expect(a == (try make(1)))
    #expect(a != (try make(2)))
    #expect(a.count == 90)
    #expect(a.features.scalars.allSatisfy { $0.isFinite && abs($0) < 4 })
    if a.isClassification {
      // Every class is well represented (xor's labels are random, the others balanced).
      #expect(a.classCounts.allSatisfy { $0 >= 90 / a.classNames.count / 2 })
    } else {
      #expect(a.values?.shape == [90, 1])
    }
  }

  @Test func generatorsRejectBadArguments() {
    #expect(throws: DataError.self) { try SyntheticDatasets.xor(n: 0) }
    #expect(throws: DataError.self) { try SyntheticDatasets.circles(noise: -1) }
    #expect(throws: DataError.self) { try SyntheticDatasets.spiral(classes: 1) }
  }

  @Test func bundledSetsHaveTheirKnownSizes() throws {
    let iris = try BundledDatasets.iris()
    #expect(iris.count == 150 && iris.classCounts == [50, 50, 50])
    #expect(iris.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    #expect(iris.classNames == ["setosa", "versicolor", "virginica"])
    let digits = try BundledDatasets.digits()
    #expect(digits.count == 1797)
    #expect(digits.features.max == 1 && digits.features.min == 0)
    #expect(digits.classNames == (0..<10).map(String.init))
  }

  @Test func splitIsStratifiedAndSeeded() throws {
    let iris = try BundledDatasets.iris()
    let (train, test) = try iris.split(test: 0.2, seed: 3)
    #expect(train.count == 120 && test.count == 30)
    #expect(test.classCounts == [10, 10, 10])
    #expect(try iris.split(test: 0.2, seed: 3).test == test)
    #expect(try iris.split(test: 0.2, seed: 4).test != test)
    #expect(throws: DataError.self) { try iris.split(test: 1.5) }
  }

  @Test func standardizerCentersAndScales() throws {
    let x = try Tensor(shape: [4, 2], scalars: [1, 10, 2, 10, 3, 10, 4, 10])
    let s = try Standardizer(fitting: x)
    #expect(s.mean == [2.5, 10])
    #expect(s.deviation[1] == 1)  // a constant feature is left unscaled
    let y = try s.apply(x)
    #expect(abs(try y.mean(axis: 0).scalars[0]) < 1e-6)
    #expect(y.scalars[1] == 0)
  }

  // MARK: CSV

  @Test func csvClassesAndValues() throws {
    let text = "a,b,label\n1,2,cat\n3,4,dog\n\n5,6,cat\n"
    let data = try CSVLoader.parse(text, target: "label")
    #expect(data.count == 3 && data.classNames == ["cat", "dog"] && data.labels == [0, 1, 0])
    #expect(data.features.scalars == [1, 2, 3, 4, 5, 6])
    let regression = try CSVLoader.parse("x,y\n1,2.5\n2,\"4.5\"\r\n")
    #expect(regression.values?.scalars == [2.5, 4.5])
    #expect(regression.featureNames == ["x"])
  }

  func expectError(
    _ text: String, target: String? = nil, line: Int, column: Int, containing fragment: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      _ = try CSVLoader.parse(text, file: "data.csv", target: target)
      Issue.record("expected an error", sourceLocation: sourceLocation)
    } catch let DataError.malformed(file, l, c, message) {
      #expect(file == "data.csv", sourceLocation: sourceLocation)
      #expect(l == line && c == column, "at \(l):\(c)", sourceLocation: sourceLocation)
      #expect(message.contains(fragment), "\(message)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func csvErrorsNameFileLineAndColumn() {
    expectError(
      "a,b\n1,2\n", target: "label", line: 1, column: 1, containing: "no column named 'label'")
    expectError(
      "a,b,c\n1,2,3\n4,x5,6\n", line: 3, column: 3, containing: "'x5' in column 'b' is not a number"
    )
    expectError("a,b,c\n1,2,3\n4,5\n", line: 3, column: 5, containing: "expected 3 fields")
    expectError("a,b,c\n1,2,3,4\n", line: 2, column: 7, containing: "expected 3 fields")
    expectError("", line: 1, column: 1, containing: "empty")
    expectError("a,b\n", line: 2, column: 1, containing: "no data rows")
    expectError("a,b\n\"1,2\n", line: 2, column: 1, containing: "never closed")
  }

  @Test func csvFileThatDoesNotExist() {
    #expect(throws: DataError.self) { try CSVLoader.load(path: "/nonexistent/nnv/data.csv") }
  }

  @Test func csvRoundTripsThroughAFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnv-\(UUID()).csv")
      .path
    try AtomicFile.write(Data("f1,f2,y\n0.5,1,yes\n2,3,no\n".utf8), to: path)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let data = try CSVLoader.load(path: path, target: "y")
    #expect(data.name.hasPrefix("nnv-") && data.classNames == ["yes", "no"])
  }
}
