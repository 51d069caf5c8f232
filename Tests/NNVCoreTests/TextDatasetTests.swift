import Foundation
import NNVCore
import Testing

/// Character-level text: the vocabulary, one-hot windows, targets shifted by one, the bundled
/// text, the class names of characters, and texts that cannot be used.
@Suite struct TextDatasetTests {
  @Test func windowsAreOneHotAndTheTargetsAreTheNextCharacters() throws {
    let text = "abracadabra, abracadabra!"
    let data = try TextDatasets.text(text, window: 4, step: 3)
    let characters = Array(text.unicodeScalars)
    let vocabulary = Set(characters).sorted { $0.value < $1.value }
    #expect(data.classNames == vocabulary.map(CharacterNames.name(of:)))
    #expect(data.classNames == ["␣", "!", ",", "a", "b", "c", "d", "r"])
    #expect(data.featureNames == data.classNames && data.vocabulary == data.classNames)
    // Windows start 3 apart and need the character after them: (25 − 1 − 4) / 3 + 1.
    #expect(data.count == 7 && data.features.shape == [7, 4, 8] && data.targetSteps == 4)
    for i in 0..<data.count {
      let row = try data.features.row(i).scalars
      for t in 0..<4 {
        let step = Array(row[(t * 8)..<(t * 8 + 8)])
        #expect(step.filter { $0 == 1 }.count == 1 && step.reduce(0, +) == 1)
        #expect(vocabulary[step.firstIndex(of: 1) ?? 0] == characters[i * 3 + t])
        #expect(vocabulary[data.labels[i * 4 + t]] == characters[i * 3 + t + 1])
      }
    }
    // The step is the window unless given.
    #expect((try TextDatasets.text(text, window: 4)).count == 6)
    #expect(data == (try TextDatasets.text(text, window: 4, step: 3)))
  }

  @Test func lineEndsAreOneCharacter() throws {
    let unix = try TextDatasets.text("one\ntwo\nthree\n", window: 3)
    let windows = try TextDatasets.text("one\r\ntwo\r\nthree\r\n", window: 3)
    #expect(windows == unix)
    #expect(unix.classNames.first == "\\n")
  }

  @Test func characterNamesAreReadableAndReadBack() throws {
    let names: [(Unicode.Scalar, String)] = [
      (" ", "␣"), ("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r"), ("a", "a"), ("’", "’"),
      ("\u{A0}", "\\u{A0}"), ("\u{2423}", "\\u{2423}"), ("\u{301}", "\\u{301}"),
      ("\u{1B}", "\\u{1B}"), ("\\", "\\"),
    ]
    for (scalar, name) in names {
      #expect(CharacterNames.name(of: scalar) == name)
      #expect(CharacterNames.character(named: name) == scalar)
    }
    #expect(CharacterNames.character(named: "space") == nil)
    #expect(CharacterNames.character(named: "\\u{110000}") == nil)
  }

  @Test func theBundledTextLoads() throws {
    let corpus = try TextDatasets.corpus()
    #expect(corpus.hasPrefix("CHAPTER I.\nDown the Rabbit-Hole"))
    #expect(corpus.contains("CHAPTER II.\nThe Pool of Tears"))
    #expect(corpus.unicodeScalars.count > 20_000)
    let data = try TextDatasets.text(corpus, name: TextDatasets.corpusName)
    #expect(data.name == "alice" && data.sampleShape[0] == TextDatasets.defaultWindow)
    #expect(data.classNames.contains("␣") && data.classNames.contains("\\n"))
    #expect(data.classNames.count == Set(corpus.unicodeScalars).count)
    #expect(data.count == (corpus.unicodeScalars.count - 1 - 32) / 32 + 1)
  }

  @Test func textsThatCannotBeUsedAreRefused() throws {
    #expect(throws: DataError.self) { try TextDatasets.text("") }
    #expect(throws: DataError.self) { try TextDatasets.text("abcd", window: 4) }
    #expect(throws: DataError.self) { try TextDatasets.text("abcde", window: 0) }
    #expect(throws: DataError.self) { try TextDatasets.text("abcde", window: 2, step: 0) }
    #expect(throws: DataError.self) { try TextDatasets.text("abcde", window: Int.max) }
    // 2,000 different characters and windows a step apart: far too many one-hot values,
    // refused before they are allocated.
    let ideographs = (0..<2000).compactMap { Unicode.Scalar(0x4E00 + $0) }
    let wide = String(String.UnicodeScalarView(ideographs))
    let long = String(repeating: wide, count: 20)
    #expect(throws: LimitError.self) { try TextDatasets.text(long, window: 1000, step: 1) }
    #expect((try TextDatasets.text("abcde", window: 4)).count == 1)
  }

  @Test func filesMustBeText() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("nnv-text-\(UInt64.random(in: 0..<UInt64.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
      let url = folder.appendingPathComponent(name)
      try Data(bytes).write(to: url)
      return url.path
    }
    let good = try file("good.txt", [0xEF, 0xBB, 0xBF] + Array("héllo\n".utf8))
    #expect((try TextDatasets.read(path: good)) == "héllo\n")
    let binary = try file("nul.txt", [65, 0, 66])
    let latin1 = try file("bad.txt", [65, 0xE9, 66])
    #expect(throws: DataError.self) { try TextDatasets.read(path: binary) }
    #expect(throws: DataError.self) { try TextDatasets.read(path: latin1) }
    #expect(throws: DataError.self) { try TextDatasets.read(path: folder.path) }
    #expect(throws: DataError.self) {
      try TextDatasets.read(path: folder.appendingPathComponent("none.txt").path)
    }
    // A file over the limit is refused from its size, before it is read.
    let large = folder.appendingPathComponent("large.txt")
    #expect(FileManager.default.createFile(atPath: large.path, contents: nil))
    let handle = try FileHandle(forWritingTo: large)
    try handle.truncate(atOffset: UInt64(ResourceLimits.textBytes.maximum + 1))
    try handle.close()
    #expect {
      try TextDatasets.read(path: large.path)
    } throws: { error in
      String(describing: error).contains("more than")
    }
  }
}
