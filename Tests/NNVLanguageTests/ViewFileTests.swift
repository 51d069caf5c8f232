import Foundation
import NNVLanguage
import Testing

/// `... to "name"`: the file's extension picks what is written (an .svg drawing or the .txt
/// text view), and any other name is refused before anything is drawn or written.
@Suite struct ViewFileTests {
  func path(_ name: String) -> String { ScriptRunner.temporaryDirectory + "/" + name }

  @Test func aTextFileHoldsTheTextViewWithoutColours() throws {
    let name = "view-\(UUID()).txt"
    defer { try? FileManager.default.removeItem(atPath: path(name)) }
    let (result, output) = ScriptRunner.run(
      "plot activation tanh color truecolor to \"\(name)\"\nplot activation tanh color none")
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    let written = try String(contentsOfFile: path(name), encoding: .utf8)
    #expect(!written.contains("<svg"))
    #expect(!written.contains("\u{1B}"), "colour escapes in a text file")
    #expect(written.contains("tanh"))
    // The same chart the terminal shows in monochrome, with its Unicode glyphs.
    #expect(output.text.contains(written))
    #expect(written.unicodeScalars.contains { $0.value > 127 })
  }

  @Test func asciiIsKeptForATextFileWhenAsked() throws {
    let name = "view-\(UUID()).TXT"
    defer { try? FileManager.default.removeItem(atPath: path(name)) }
    let (result, _) = ScriptRunner.run("plot [1, 4, 9] ascii true to \"\(name)\"")
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    let written = try String(contentsOfFile: path(name), encoding: .utf8)
    #expect(!written.isEmpty)
    #expect(written.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func anSVGFileHoldsTheDrawing() throws {
    let name = "view-\(UUID()).svg"
    defer { try? FileManager.default.removeItem(atPath: path(name)) }
    let (result, _) = ScriptRunner.run("plot [1, 4, 9] to \"\(name)\"")
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    let written = try String(contentsOfFile: path(name), encoding: .utf8)
    #expect(written.contains("<svg"))
  }

  @Test(arguments: ["view.png", "view", "folder.svg/view.pdf"])
  func otherNamesAreRefusedAndNothingIsWritten(_ name: String) throws {
    let file = "\(UUID())-\(name.replacingOccurrences(of: "/", with: "-"))"
    defer { try? FileManager.default.removeItem(atPath: path(file)) }
    // At run time (a name in a variable) and before running (a literal name).
    for source in ["let name = \"\(file)\"\nplot [1, 2] to name", "plot [1, 2] to \"\(file)\""] {
      let (result, _) = ScriptRunner.run(source)
      let diagnostic = try #require(result.diagnostics.first)
      #expect(diagnostic.text.contains(".svg or .txt"), "\(diagnostic.text)")
      #expect(diagnostic.text.contains("`to` of `plot`"), "\(diagnostic.text)")
      #expect(diagnostic.hint?.contains(".txt\"` for the text view") == true)
      #expect(!FileManager.default.fileExists(atPath: path(file)))
    }
  }

  @Test func saliencyWritesTextFilesAndRefusesOthers() throws {
    let name = "view-\(UUID()).txt"
    defer { try? FileManager.default.removeItem(atPath: path(name)) }
    let model = "model net { input 2; dense 2 softmax }\n"
    let (result, _) = ScriptRunner.run(model + "saliency net on xor(n: 8) to \"\(name)\"")
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    let written = try String(contentsOfFile: path(name), encoding: .utf8)
    #expect(!written.contains("<svg") && !written.contains("\u{1B}") && !written.isEmpty)
    let (refused, _) = ScriptRunner.run(model + "saliency net on xor(n: 8) to \"s.png\"")
    let diagnostic = try #require(refused.diagnostics.first)
    #expect(diagnostic.text.contains("cannot write .png files"), "\(diagnostic.text)")
    #expect(diagnostic.line == 2 && diagnostic.column == 30)
  }
}
