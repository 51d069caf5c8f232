import Foundation
import NNVTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses SVG output as XML and counts elements, so tests check structure, not bytes.
struct SVGCheck {
  let document: XMLDocument

  init(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    // XPath without namespace prefixes needs the default namespace gone; the rest is parsed
    // exactly as written.
    let plain = text.replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    #expect(plain != text, "no SVG namespace", sourceLocation: sourceLocation)
    document = try XMLDocument(xmlString: plain, options: [])
    let root = try #require(document.rootElement(), sourceLocation: sourceLocation)
    #expect(root.name == "svg", sourceLocation: sourceLocation)
    #expect(root.attribute(forName: "viewBox") != nil, sourceLocation: sourceLocation)
  }

  /// Elements matching an XPath such as `//rect[@class='cell']`.
  func count(_ xpath: String) throws -> Int { try document.nodes(forXPath: xpath).count }

  func texts() throws -> [String] {
    try document.nodes(forXPath: "//text").compactMap(\.stringValue)
  }
}

/// Golden text files in Snapshots/, compared exactly; `NNV_RECORD_SNAPSHOTS=1` re-records them
/// and fails, so a recording never passes unnoticed (see `TextSnapshot`).
enum Snapshot {
  static var directory: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  }

  static func assert(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name + ".txt")
    if let problem = TextSnapshot.problem(with: text, at: url) {
      Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
  }
}
