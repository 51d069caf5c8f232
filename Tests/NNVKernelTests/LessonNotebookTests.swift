import Foundation
import NNVKernel
import NNVLanguage
import Testing

/// Lesson scripts as notebooks: notes become Markdown cells, the statements between them code
/// cells, pauses go.
@Suite struct LessonNotebookTests {
  @Test func notesSplitTheCodeIntoCells() {
    let script = """
      #!/usr/bin/env nnv
      # a lesson
      seed 1
      note "**One** neuron.

      A second paragraph."
      model m { input 2; dense 1 sigmoid }
      summary m
      pause
      # the data
      let data = xor(n: 40)
      note "The end."
      """
    let (cells, diagnostics) = LessonNotebook.cells(of: SourceFile(name: "l.nnv", text: script))
    #expect(diagnostics.isEmpty)
    #expect(
      cells == [
        .code("# a lesson\nseed 1"), .markdown("**One** neuron.\n\nA second paragraph."),
        .code("model m { input 2; dense 1 sigmoid }\nsummary m"),
        .code("# the data\nlet data = xor(n: 40)"), .markdown("The end."),
      ])
  }

  @Test func aNoteThatIsNotALiteralStaysCode() {
    let source = SourceFile(name: "l.nnv", text: "let s = \"x\"\nnote s + \"y\"")
    #expect(LessonNotebook.cells(of: source).cells == [.code("let s = \"x\"\nnote s + \"y\"")])
  }

  @Test func aScriptThatDoesNotParseIsReported() {
    let result = LessonNotebook.cells(of: SourceFile(name: "l.nnv", text: "let = 3"))
    #expect(result.cells.isEmpty)
    #expect(!result.diagnostics.isEmpty)
  }

  @Test func theNotebookIsNbformat45ForTheNNVKernel() throws {
    let text = LessonNotebook.json([.markdown("# Title"), .code("print 1\nprint 2")])
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let notebook = try #require(object)
    #expect(notebook["nbformat"] as? Int == 4)
    #expect(notebook["nbformat_minor"] as? Int == 5)
    let kernelspec = (notebook["metadata"] as? [String: Any])?["kernelspec"] as? [String: Any]
    #expect(kernelspec?["name"] as? String == "nnv")
    let cells = try #require(notebook["cells"] as? [[String: Any]])
    #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code"])
    #expect(cells[1]["source"] as? [String] == ["print 1\n", "print 2"])
    #expect(cells[1]["outputs"] as? [Any] != nil)
    #expect(Set(cells.compactMap { $0["id"] as? String }).count == 2)
  }

  @Test func everyLessonConverts() throws {
    let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Scripts/lessons").standardizedFileURL
    let files = try FileManager.default.contentsOfDirectory(atPath: lessons.path)
      .filter { $0.hasSuffix(".nnv") }
    #expect(!files.isEmpty)
    for file in files {
      let text = try String(contentsOf: lessons.appendingPathComponent(file), encoding: .utf8)
      let (cells, diagnostics) = LessonNotebook.cells(of: SourceFile(name: file, text: text))
      #expect(diagnostics.isEmpty, "\(file)")
      #expect(cells.contains { if case .markdown = $0 { true } else { false } }, "\(file)")
      #expect(cells.contains { if case .code = $0 { true } else { false } }, "\(file)")
      for case .code(let code) in cells { #expect(!code.contains("pause\n"), "\(file)") }
    }
  }
}
