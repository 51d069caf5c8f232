import Foundation
import NNVLanguage
import NNVTestSupport
import Testing

/// `report MODEL on DATA [validate DATA] to "name.html"`: one well-formed, self-contained
/// page, written atomically like every view file, with names from files shown only as text.
@Suite struct ReportCommandTests {
  /// The most an example report may weigh: a page to mail or put on a course site.
  static let sizeBound = 400 * 1024

  static func directory() throws -> String {
    let path = ScriptRunner.temporaryDirectory + "/report-\(UUID())"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static let moons = """
    let parts = split(moons(n: 120, noise: 0.2, seed: 1), test: 0.25, seed: 1)
    model net { input 2; dense 8 tanh; dense 2 softmax }
    train net on parts.train epochs 10 lr 0.02 validate parts.test

    """

  @Test func writesOnePageAndSaysWhatItWrote() throws {
    let directory = try Self.directory()
    let (result, output) = ScriptRunner.run(
      Self.moons + "report net on parts.train validate parts.test to \"net.html\"",
      directory: directory)
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    let html = try String(contentsOfFile: directory + "/net.html", encoding: .utf8)
    let check = HTMLCheck(html)
    #expect(check.problems.isEmpty, "\(check.problems)")
    let line = output.text.split(separator: "\n").last.map(String.init) ?? ""
    #expect(line.hasPrefix("wrote net.html ("))
    #expect(line.hasSuffix(", \(check.links.count) sections)"), "\(line)")
    // The page names the data as the script does, and the diagnosis comes first.
    #expect(html.contains("diagnose net on parts.train validate parts.test"))
    #expect(check.links.first == "diagnosis")
    #expect(html.contains("<meta name=\"generator\" content=\"nnv \(NNVVersion.current)\">"))
    // Only the page's own files are left in the folder: no temporary file.
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["net.html"])
  }

  @Test func asAFunctionItReturnsTheNameAndPrintsNothing() throws {
    let directory = try Self.directory()
    let (result, output) = ScriptRunner.run(
      Self.moons + "let name = report(net, on: parts.train, to: \"r.html\")\nprint name",
      directory: directory)
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    #expect(output.text.hasSuffix("r.html\n"))
    #expect(!output.text.contains("wrote"))
    #expect(FileManager.default.fileExists(atPath: directory + "/r.html"))
  }

  @Test(arguments: ["r.svg", "r.htm", "report"])
  func onlyHTMLFilesAreWritten(_ name: String) throws {
    let directory = try Self.directory()
    let (result, _) = ScriptRunner.run(
      Self.moons + "report net on parts.train to \"\(name)\"", directory: directory)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.text.contains("`to` of `report`"), "\(diagnostic.text)")
    #expect(diagnostic.text.contains(".html"), "\(diagnostic.text)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
  }

  @Test func theFileMustBeNamed() throws {
    let directory = try Self.directory()
    let (result, _) = ScriptRunner.run(
      Self.moons + "report net on parts.train validate parts.test", directory: directory)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.text.contains("needs `to TEXT`"), "\(diagnostic.text)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
  }

  @Test func aFolderInTheWayIsNotReplaced() throws {
    let directory = try Self.directory()
    try FileManager.default.createDirectory(
      atPath: directory + "/taken.html", withIntermediateDirectories: false)
    let (result, _) = ScriptRunner.run(
      Self.moons + "report net on parts.train to \"taken.html\"", directory: directory)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.text.contains("Cannot write 'taken.html'"), "\(diagnostic.text)")
    #expect(diagnostic.text.contains("directory"), "\(diagnostic.text)")
    var isDirectory: ObjCBool = false
    #expect(
      FileManager.default.fileExists(atPath: directory + "/taken.html", isDirectory: &isDirectory))
    #expect(isDirectory.boolValue)
  }

  @Test func dataThatDoesNotFitTheModelIsAnErrorAtIt() throws {
    let directory = try Self.directory()
    let (result, _) = ScriptRunner.run(
      Self.moons + "report net on parts.train validate iris() to \"r.html\"",
      directory: directory)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.line == 4, "\(diagnostic.text)")
    #expect(!FileManager.default.fileExists(atPath: directory + "/r.html"))
  }

  @Test func classNamesFromAFileAreOnlyText() throws {
    let directory = try Self.directory()
    var rows = ["x,y,label"]
    for i in 0..<40 {
      let label = i % 2 == 0 ? "\"<script>alert(1)</script>\"" : "\"a & <b>b</b>\""
      rows.append("\(Double(i % 7) / 7),\(Double(i % 5) / 5),\(label)")
    }
    try rows.joined(separator: "\n").write(
      toFile: directory + "/hostile.csv", atomically: true, encoding: .utf8)
    let (result, _) = ScriptRunner.run(
      """
      let data = csv("hostile.csv", target: "label")
      model net { input 2; dense 4 tanh; dense 2 softmax }
      train net on data epochs 2
      report net on data to "hostile.html"
      """, directory: directory)
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    let html = try String(contentsOfFile: directory + "/hostile.html", encoding: .utf8)
    let check = HTMLCheck(html)
    #expect(check.problems.isEmpty, "\(check.problems)")
    #expect(check.elementCounts["script"] == 1)
    #expect(check.elementCounts["b"] == nil)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
  }

  /// Scripts/examples/report.nnv writes a page for a dense, a convolutional and a recurrent
  /// network: each well-formed, every section linked, and small enough to share.
  @Test func theExampleReportsAreWellFormedAndSmall() throws {
    let directory = try Self.directory()
    let url = ScriptRunner.repositoryRoot.appendingPathComponent("Scripts/examples/report.nnv")
    let (result, output) = ScriptRunner.run(
      try String(contentsOf: url, encoding: .utf8), name: "report.nnv", directory: directory)
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    let expected: [String: [String]] = [
      "report.html": ["boundary", "confusion", "training"],
      "report-cnn.html": ["feature-maps", "filters", "confusion"],
      "report-rnn.html": ["hidden-states", "confusion"],
    ]
    for (name, sections) in expected.sorted(by: { $0.key < $1.key }) {
      let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
      let check = HTMLCheck(String(decoding: data, as: UTF8.self))
      #expect(check.problems.isEmpty, "\(name): \(check.problems)")
      #expect(data.count < Self.sizeBound, "\(name) is \(data.count) bytes")
      #expect(check.links.first == "diagnosis", "\(name)")
      for section in sections { #expect(check.links.contains(section), "\(name): \(section)") }
      #expect(check.svgs.count >= 8, "\(name): \(check.svgs.count) drawings")
      #expect(output.text.contains("wrote \(name) ("))
    }
  }
}
