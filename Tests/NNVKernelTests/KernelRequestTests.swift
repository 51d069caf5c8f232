import Foundation
import NNVKernel
import Testing

/// complete, inspect, is_complete, interrupt and shutdown through the protocol.
@Suite struct KernelRequestTests {
  @Test func completeOffersCommandsAndNames() throws {
    let kernel = try KernelHarness()
    kernel.execute("let rate = 0.5")
    let sent = kernel.request("complete_request", ["code": "print 1\ntra", "cursor_pos": 11])
    let reply = try #require(sent.of("complete_reply").first).content
    #expect((reply["matches"] as? [String])?.contains("train") == true)
    #expect(reply["cursor_start"] as? Int == 8)
    #expect(reply["cursor_end"] as? Int == 11)
    let names = kernel.request("complete_request", ["code": "print ra", "cursor_pos": 8])
    let matches = names.of("complete_reply").first?.content["matches"] as? [String]
    #expect(matches?.contains("rate") == true)
  }

  @Test func inspectGivesTheHelpOfTheNameUnderTheCursor() throws {
    let kernel = try KernelHarness()
    let sent = kernel.request("inspect_request", ["code": "train net on data", "cursor_pos": 2])
    let reply = try #require(sent.of("inspect_reply").first).content
    #expect(reply["found"] as? Bool == true)
    let text = (reply["data"] as? [String: String])?["text/plain"] ?? ""
    #expect(text.contains("train"))
    #expect(text.contains("epochs"))
    let none = kernel.request("inspect_request", ["code": "zzzz", "cursor_pos": 2])
    #expect(none.of("inspect_reply").first?.content["found"] as? Bool == false)
  }

  @Test func isCompleteFollowsTheREPLsContinuationRule() throws {
    let kernel = try KernelHarness()
    func status(_ code: String) -> String? {
      kernel.request("is_complete_request", ["code": code]).of("is_complete_reply").first?
        .content["status"] as? String
    }
    #expect(status("model m {\n  input 2") == "incomplete")
    #expect(status("note \"unfinished") == "incomplete")
    #expect(status("model m { input 2; dense 1 sigmoid }") == "complete")
  }

  @Test func anInterruptStopsTrainingAndKeepsTheModel() throws {
    let kernel = try KernelHarness()
    kernel.execute(
      "let data = xor(n: 64, seed: 2)\nmodel m { input 2; dense 4 tanh; dense 1 sigmoid }")
    kernel.engine.interrupt()  // between cells: nothing to stop, and nothing stopped later
    #expect(kernel.execute("print 1").stdout == "1\n")
    // Ctrl-C as soon as training shows its progress.
    kernel.onSend { sent in
      if sent.message.type == "display_data" { kernel.engine.interrupt() }
    }
    let sent = kernel.execute("train m on data epochs 100000 batch 8")
    #expect(sent.reply["status"] as? String == "error")
    #expect(sent.reply["ename"] as? String == "Interrupted")
    kernel.onSend { _ in }
    let after = kernel.execute("print len(weights(m)) > 0")
    #expect(after.reply["status"] as? String == "ok")
    #expect(kernel.execute("print evaluate(m, on: data).loss >= 0").stdout == "true\n")
  }

  @Test func shutdownIsAnswered() throws {
    let kernel = try KernelHarness()
    let client = MessageFactory(session: "c")
    let message = client.message("shutdown_request", content: ["restart": false], parent: nil)
    let frames = kernel.signer.signed(message.wire).frames
    #expect(kernel.dispatcher.receive(frames, on: .control) == .shutdown(restart: false))
    #expect(kernel.sent.of("shutdown_reply").first?.content["status"] as? String == "ok")
    #expect(kernel.sent.contains { $0.channel == .control })
  }
}

/// A failed cell stops the cells queued behind it, as Jupyter's kernels do.
@Suite struct KernelAbortTests {
  @Test func cellsQueuedBehindAFailedOneAreAborted() throws {
    let kernel = try KernelHarness()
    let client = MessageFactory(session: "c")
    let message = client.message("execute_request", content: ["code": "print 41 + 1"], parent: nil)
    let queued = kernel.signer.signed(message.wire).frames
    kernel.dispatcher.queuedRequests = { [queued] }
    #expect(kernel.execute("print nothingHere").reply["status"] as? String == "error")
    #expect(kernel.dispatcher.isStopped)
    for frames in kernel.dispatcher.takeQueuedBehindFailure() {
      kernel.dispatcher.abort(frames, on: .shell)
    }
    let reply = kernel.sent.of("execute_reply").last?.content
    #expect(reply?["status"] as? String == "aborted")
    #expect(kernel.sent.stdout.isEmpty)
    #expect(!kernel.dispatcher.isStopped)
    // What is sent after the failure's reply runs.
    kernel.dispatcher.queuedRequests = { [] }
    #expect(kernel.execute("print nothingHere").reply["status"] as? String == "error")
    #expect(!kernel.dispatcher.isStopped)
    #expect(kernel.execute("print 41 + 1").stdout == "42\n")
    kernel.dispatcher.queuedRequests = { [queued] }
    #expect(kernel.execute("print x", stopOnError: false).reply["status"] as? String == "error")
    #expect(!kernel.dispatcher.isStopped)
  }
}
