import Foundation
import NNVCore
import NNVONNX
import NNVTestSupport
import Testing

/// Files that are cut short, random, hostile or made of what nnv does not have give errors
/// that name the problem (and the node), never a crash.
@Suite struct ONNXHostileInputTests {
  func file(_ model: Sequential) throws -> Onnx_ModelProto {
    try ONNXExport.model(model, producerVersion: "test")
  }

  /// The error importing `proto` gives.
  func importError(_ proto: Onnx_ModelProto) -> ONNXError? {
    do {
      _ = try ONNXImport.model(from: proto)
      return nil
    } catch let error as ONNXError {
      return error
    } catch {
      Issue.record("not an ONNXError: \(error)")
      return nil
    }
  }

  @Test func truncatedFilesAreRefused() throws {
    let bytes = try ONNXExport.encode(ONNXFixtures.recurrent(), producerVersion: "test")
    var refused = 0
    for length in stride(from: 0, to: bytes.count - 1, by: 7) {
      do {
        _ = try ONNXImport.decode(bytes.prefix(length))
      } catch is ONNXError {
        refused += 1
      }
    }
    #expect(refused == (bytes.count - 2) / 7 + 1)
  }

  @Test func randomBytesAreRefused() {
    var random = RandomGenerator(seed: 5)
    for length in [1, 10, 100, 1000, 10000] {
      let bytes = Data((0..<length).map { _ in UInt8(random.uniform() * 255) })
      #expect(throws: ONNXError.self) { try ONNXImport.decode(bytes) }
    }
  }

  @Test func anUnsupportedOperatorIsNamedWithItsNode() throws {
    var proto = try file(ONNXFixtures.perceptron())
    let index = try #require(proto.graph.node.firstIndex { $0.opType == "LeakyRelu" })
    proto.graph.node[index].opType = "Celu"
    let error = importError(proto)
    guard case .unsupportedNode(let op, let node, let reason)? = error else {
      Issue.record("expected an unsupported node, got \(String(describing: error))")
      return
    }
    #expect(op == "Celu" && node == "leaky_leaky_relu")
    #expect(reason.contains("does not import this operator"))
    #expect(error?.description.hasPrefix("node 'leaky_leaky_relu' (Celu): ") == true)
  }

  @Test func anInitializerOfTheWrongSizeIsRefused() throws {
    var proto = try file(ONNXFixtures.perceptron())
    let index = try #require(proto.graph.initializer.firstIndex { $0.name == "squash.weight" })
    proto.graph.initializer[index].rawData.removeLast(4)
    let error = importError(proto)
    #expect(
      error?.description.contains("node 'squash' (Gemm)") == true, "\(String(describing: error))")
    #expect(error?.description.contains("needs 25 values but holds 96 bytes") == true)
  }

  @Test func hugeDimensionsAreRefusedBeforeAllocating() throws {
    var proto = try file(ONNXFixtures.convolutional())
    let index = try #require(proto.graph.initializer.firstIndex { $0.name == "c1.weight" })
    proto.graph.initializer[index].dims = [1 << 40, 1 << 40, 3, 3]
    let error = importError(proto)
    #expect(
      error?.description.contains("elements per tensor") == true, "\(String(describing: error))")
    var input = try file(ONNXFixtures.perceptron())
    input.graph.input[0].type.tensorType.shape.dim[1].dimValue = 1 << 50
    #expect(importError(input)?.description.contains("limit") == true)
    var negative = try file(ONNXFixtures.perceptron())
    negative.graph.initializer[2].dims = [-4, 6]
    #expect(importError(negative)?.description.contains("negative") == true)
  }

  @Test func weightsThatDoNotFitTheirLayerAreRefused() throws {
    var proto = try file(ONNXFixtures.recurrent())
    let index = try #require(proto.graph.initializer.firstIndex { $0.name == "g.R" })
    proto.graph.initializer[index].dims = [1, 3, 9]
    let error = importError(proto)
    #expect(error?.description.hasPrefix("node 'g' (GRU)") == true, "\(String(describing: error))")
    var dense = try file(ONNXFixtures.perceptron())
    let weight = try #require(dense.graph.initializer.firstIndex { $0.name == "rect.weight" })
    dense.graph.initializer[weight].dims = [2, 6]
    #expect(importError(dense)?.description.hasPrefix("node 'rect' (Gemm)") == true)
  }

  @Test func settingsNNVDoesNotHaveAreNamed() throws {
    var proto = try file(ONNXFixtures.recurrent())
    let index = try #require(proto.graph.node.firstIndex { $0.opType == "LSTM" })
    var direction = Onnx_AttributeProto()
    direction.name = "direction"
    direction.s = Data("bidirectional".utf8)
    proto.graph.node[index].attribute.append(direction)
    #expect(importError(proto)?.description.contains("one forward direction") == true)
    var conv = try file(ONNXFixtures.convolutional())
    let c = try #require(conv.graph.node.firstIndex { $0.opType == "Conv" })
    conv.graph.node[c].attribute.removeAll { $0.name == "pads" }
    var pads = Onnx_AttributeProto()
    pads.name = "pads"
    pads.ints = [2, 0, 0, 0]
    conv.graph.node[c].attribute.append(pads)
    #expect(importError(conv)?.description.contains("nnv pads valid (none) or same") == true)
  }

  @Test func otherOpsetsAndBranchesAreRefused() throws {
    var old = try file(ONNXFixtures.perceptron())
    old.opsetImport[0].version = 9
    #expect(importError(old)?.description.contains("operator set 9") == true)
    var branch = try file(ONNXFixtures.perceptron())
    // A node that reads the graph input again instead of the previous node's output.
    let index = try #require(branch.graph.node.firstIndex { $0.opType == "Tanh" })
    branch.graph.node[index].input = ["input"]
    #expect(importError(branch)?.description.contains("a chain of layers") == true)
  }

  @Test(arguments: 0..<5) func damagedFilesGiveAnErrorOrAWorkingModel(index: Int) throws {
    let model = try ONNXFixtures.all[index]
    let bytes = [UInt8](try ONNXExport.encode(model, producerVersion: "test"))
    var random = RandomGenerator(seed: UInt64(index) + 1)
    var (refused, imported) = (0, 0)
    for _ in 0..<300 {
      var damaged = bytes
      for _ in 0..<(1 + Int(random.uniform() * 4)) {
        let at = Int(random.uniform() * Float(damaged.count - 1))
        damaged[at] = UInt8(random.uniform() * 255)
      }
      do {
        let back = try ONNXImport.decode(Data(damaged))
        _ = try? back.predict(ONNXFixtures.batch(for: back, count: 2))
        imported += 1
      } catch {
        #expect(error is ONNXError, "\(error)")
        refused += 1
      }
    }
    #expect(refused + imported == 300 && refused > 0)
  }
}
