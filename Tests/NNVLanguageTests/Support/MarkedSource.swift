import NNVLanguage

/// Source text with emoji position markers (`1️⃣` ... `9️⃣`) removed and their offsets kept.
///
/// `let x = 1️⃣)` gives the text `let x = )` and marker "1️⃣" at the UTF-8 offset of `)`, so a
/// test says *where* a diagnostic must point without counting columns by hand.
struct MarkedSource {
  let text: String
  let markers: [String: Int]

  static let markerNames = (1...9).map { "\($0)\u{FE0F}\u{20E3}" }

  init(_ marked: String) {
    var text = ""
    var markers: [String: Int] = [:]
    var rest = Substring(marked)
    outer: while !rest.isEmpty {
      for name in MarkedSource.markerNames where rest.hasPrefix(name) {
        markers[name] = text.utf8.count
        rest = rest.dropFirst(name.count)
        continue outer
      }
      text.append(rest.removeFirst())
    }
    self.text = text
    self.markers = markers
  }

  var source: SourceFile { SourceFile(name: "test.nnv", text: text) }

  /// The offset of `marker`, or -1 when the test forgot to place it.
  func offset(_ marker: String) -> Int { markers[marker] ?? -1 }
}
