import Foundation
import NNVKernel
import Testing

/// The protocol logic against recorded and built messages, without sockets: signatures checked
/// both ways, replies to each request type, and iopub's status around every request.
@Suite struct KernelProtocolTests {
  @Test func kernelInfoFromARecordedRequest() throws {
    let kernel = try KernelHarness()
    let sent = kernel.receive(RecordedMessages.kernelInfo)
    #expect(sent.map(\.message.type) == ["status", "kernel_info_reply", "status"])
    #expect(sent.map(\.channel) == [.iopub, .shell, .iopub])
    let states = sent.of("status").compactMap { $0.content["execution_state"] as? String }
    #expect(states == ["busy", "idle"])
    let reply = try #require(sent.of("kernel_info_reply").first)
    #expect(reply.content["protocol_version"] as? String == "5.3")
    #expect((reply.content["language_info"] as? JSONObject)?["name"] as? String == "nnv")
    #expect(reply.parentHeader["msg_id"] as? String == "a1-kernel-info")
    #expect(reply.identities == [RecordedMessages.identity])
    for message in sent {
      #expect(throws: Never.self) { try kernel.signer.verify(message.wire) }
      #expect(message.wire.signature.count == 64)
    }
  }

  @Test func aBadSignatureIsRefusedAndNotAnswered() throws {
    let kernel = try KernelHarness()
    var frames = RecordedMessages.kernelInfo
    frames[2] = Array(String(repeating: "0", count: 64).utf8)
    #expect(kernel.dispatcher.receive(frames, on: .shell) == .refused(.badSignature))
    var tampered = RecordedMessages.execute
    tampered[6] = Array(#"{"code": "print 666"}"#.utf8)
    #expect(kernel.dispatcher.receive(tampered, on: .shell) == .refused(.badSignature))
    #expect(kernel.dispatcher.receive([[1, 2], [3]], on: .shell) == .refused(.noDelimiter))
    #expect(kernel.sent.isEmpty)
    let other = try KernelHarness(key: "another key")
    #expect(other.dispatcher.receive(RecordedMessages.kernelInfo, on: .shell) != .handled)
  }

  @Test func aRecordedCellRunsAndKeepsItsNames() throws {
    let kernel = try KernelHarness()
    let sent = kernel.receive(RecordedMessages.execute)
    #expect(sent.stdout == "6\n")
    #expect(sent.reply["status"] as? String == "ok")
    #expect(sent.reply["execution_count"] as? Int == 1)
    let input = try #require(sent.of("execute_input").first)
    #expect(input.content["code"] as? String == "let x = 3\nprint x * 2")
    let next = kernel.execute("print x + 1")
    #expect(next.stdout == "4\n")
    #expect(next.reply["execution_count"] as? Int == 2)
  }

  @Test func anErrorCellSendsTheDiagnosticWithItsCaret() throws {
    let kernel = try KernelHarness()
    let sent = kernel.execute("let a = 1\nprint a + undefinedName")
    #expect(sent.reply["status"] as? String == "error")
    let error = try #require(sent.of("error").first)
    let traceback = try #require(error.content["traceback"] as? [String])
    #expect(traceback.contains { $0.hasPrefix("<cell 1>:2:") && $0.contains("error:") })
    #expect(traceback.contains("print a + undefinedName"))
    #expect(traceback.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("^") })
    #expect((error.content["evalue"] as? String)?.contains("undefinedName") == true)
  }

  @Test func viewsAreSVGWithAnASCIIFallback() throws {
    let kernel = try KernelHarness()
    let sent = kernel.execute("plot activation sigmoid")
    let display = try #require(sent.of("display_data").first)
    let data = try #require(display.content["data"] as? [String: String])
    let svg = try #require(data["image/svg+xml"])
    #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
    #expect(svg.contains("</svg>"))
    let text = try #require(data["text/plain"])
    #expect(!text.isEmpty)
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    #expect(sent.stdout.isEmpty)
  }

  @Test func trainingUpdatesOneDisplayInPlace() throws {
    let kernel = try KernelHarness()
    kernel.execute(
      "let data = xor(n: 64, seed: 2)\nmodel m { input 2; dense 4 tanh; dense 1 sigmoid }")
    let sent = kernel.execute("train m on data epochs 30 batch 8 every 10")
    let first = try #require(sent.of("display_data").first)
    let id = try #require((first.content["transient"] as? JSONObject)?["display_id"] as? String)
    let updates = sent.of("update_display_data")
    #expect(!updates.isEmpty)
    for update in updates {
      #expect((update.content["transient"] as? JSONObject)?["display_id"] as? String == id)
    }
    let last = try #require(updates.last?.content["data"] as? [String: String])
    #expect(last["text/plain"]?.contains("epoch 30/30") == true)
    #expect(sent.reply["status"] as? String == "ok")
  }

  @Test func aLongTrainingLogShowsItsLastEpochs() throws {
    let kernel = try KernelHarness()
    kernel.execute("let data = xor(n: 32, seed: 2)\nmodel m { input 2; dense 1 sigmoid }")
    let sent = kernel.execute("train m on data epochs 45 batch 16 every 1")
    let last = sent.of("update_display_data").last?.content["data"] as? [String: String]
    let lines = try #require(last?["text/plain"]).split(separator: "\n").map(String.init)
    let shown = NotebookOutput.shownEpochs
    #expect(lines.count == shown + 2)
    #expect(lines.first == "... \(45 - shown) earlier epochs (`history` draws them all)")
    #expect(lines[1].contains("epoch \(45 - shown + 1)/45"))
    #expect(lines.last?.contains("45/45") == true)
  }
}
