import Foundation
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

/// Golden text files in Snapshots/, re-recorded only with RECORD_SNAPSHOTS=1.
enum Snapshot {
  static var directory: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  }

  static func assert(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = directory.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try? String(contentsOf: url, encoding: .utf8)
    #expect(expected != nil, "no snapshot \(name).txt; record with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    if let expected { #expect(text == expected, sourceLocation: sourceLocation) }
  }
}
