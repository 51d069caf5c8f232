import Foundation
import NNVLanguage
import NNVPlot
import NNVREPL

/// Where a cell's output goes in a notebook: text as a stream, each view as an SVG picture
/// with its ASCII drawing as the plain-text fallback, training progress as one display
/// updated in place, and diagnostics kept for the cell's `error` message.
///
/// Text is gathered and sent in pieces (at most every 0.2 s, and before any picture) rather
/// than one message per `write`. All of it is called on the interpreter's thread.
public final class NotebookOutput: SessionOutput {
  /// Where events go while a cell runs; nil between cells.
  var publish: ((KernelEvent) -> Void)?
  /// Diagnostics and problems written during the cell.
  private(set) var errorText = ""
  private var pending = ""
  private var pendingSince = Date.distantPast
  private var progressID: String?
  private var progressLines: [String] = []
  private var lastProgress = Date.distantPast
  /// How often a progress display is redrawn at most, in seconds (epoch ends always are).
  public var progressInterval = 0.25
  /// None: `train ... live` trains with the progress display in a notebook.
  public var liveScreen: (any LiveScreen)? { nil }

  public init() {}

  /// Starts a cell: events go to `publish`.
  func begin(_ publish: @escaping (KernelEvent) -> Void) {
    self.publish = publish
    errorText = ""
    progressID = nil
  }

  /// Ends a cell: sends the text still gathered and forgets `publish`.
  func end() {
    flush()
    publish = nil
    progressID = nil
  }

  public func write(_ text: String) {
    if pending.isEmpty { pendingSince = Date() }
    pending += TerminalText.escaped(styled: text)
    if Date().timeIntervalSince(pendingSince) > 0.2 { flush() }
  }

  public func writeError(_ text: String) {
    flush()
    errorText += TerminalText.escaped(styled: text)
  }

  /// Sends the diagnostics gathered as standard error text, for a cell that did not fail.
  func flushErrors() {
    guard !errorText.isEmpty else { return }
    publish?(.stream(name: "stderr", text: errorText))
    errorText = ""
  }

  public func finishLine() {}

  public func show(_ view: any View, text: String) throws {
    let svg = try view.svg()
    flush()
    publish?(.display(data: ["image/svg+xml": svg, "text/plain": text], id: nil, update: false))
  }

  /// The bar and the reported epochs (the last `shownEpochs`) in one display: the first event
  /// of a training run shows it, later ones replace it (batches at most every
  /// `progressInterval` seconds).
  public func progress(_ event: ProgressEvent) {
    let now = Date()
    let isNew = progressID == nil
    if isNew { progressLines = [] }
    if event.phase == .epoch, let line = ProgressRenderer.line(event) {
      progressLines.append(line)
    }
    if !isNew && event.phase == .batch && now.timeIntervalSince(lastProgress) < progressInterval {
      return
    }
    flush()  // text printed before this point shows above the display, and no later
    if isNew {
      progressID = "nnv-progress-\(UUID().uuidString.lowercased())"
    }
    lastProgress = now
    var bar = ProgressRenderer.bar(event, columns: 100)
    if bar.hasPrefix("\r") { bar.removeFirst() }
    let text = TerminalText.escaped(styled: (shownLines + [bar]).joined(separator: "\n"))
    publish?(.display(data: ["text/plain": text], id: progressID, update: !isNew))
    if event.phase == .finished {
      progressID = nil
      progressLines = []
    }
  }

  /// The most epoch lines a progress display shows: the last ones, under a line that counts
  /// the others, so a display stays short and each update small.
  public static let shownEpochs = 20

  /// The reported epochs the display shows.
  var shownLines: [String] {
    let hidden = progressLines.count - Self.shownEpochs
    guard hidden > 0 else { return progressLines }
    let word = hidden == 1 ? "epoch" : "epochs"
    return ["... \(hidden) earlier \(word) (`history` draws them all)"]
      + progressLines.suffix(Self.shownEpochs)
  }

  /// Sends the gathered text.
  func flush() {
    guard !pending.isEmpty else { return }
    publish?(.stream(name: "stdout", text: pending))
    pending = ""
  }
}
