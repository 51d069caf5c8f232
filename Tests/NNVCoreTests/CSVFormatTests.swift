import Foundation
import NNVCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The CSV format accepted (RFC 4180 quoting, every line ending) and its limits: every problem
/// names its line and column, and no file is read without bound.
@Suite struct CSVFormatTests {
  func expectError(
    _ text: String, target: String? = nil, limits: CSVLoader.Limits = .standard, line: Int,
    column: Int, containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      _ = try CSVLoader.parse(
        data: Data(text.utf8), file: "data.csv", target: target, limits: limits)
      Issue.record("expected an error", sourceLocation: sourceLocation)
    } catch let DataError.malformed(file, l, c, message) {
      #expect(file == "data.csv", sourceLocation: sourceLocation)
      #expect(l == line && c == column, "at \(l):\(c): \(message)", sourceLocation: sourceLocation)
      #expect(message.contains(fragment), "\(message)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func quotedFieldsHoldCommasLineBreaksAndQuotes() throws {
    let text = """
      "x, the first",y,label
      1,2,"a, b"
      3,4,"say ""hi""\"
      5,6,"two
      lines"
      7,  "8",plain

      """
    let data = try CSVLoader.parse(text)
    #expect(data.featureNames == ["x, the first", "y"])
    #expect(data.features.scalars == [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(data.classNames == ["a, b", "say \"hi\"", "two\nlines", "plain"])
    #expect(data.labels == [0, 1, 2, 3])
    // A quoted line break moves the line numbers on: the bad cell is on line 5.
    expectError(
      "a,b,c\n1,\"2\n\",x\n1,2,x\nq,2,x\n", line: 5, column: 1,
      containing: "'q' in column 'a' is not a number")
    expectError("a,b\n1,\"2\n3\n", line: 2, column: 3, containing: "never closed")
  }

  @Test func everyLineEndingReadsTheSame() throws {
    let expected = try CSVLoader.parse("a,b,y\n1,2,p\n3,4,q\n")
    for ending in ["\r\n", "\r", "\n"] {
      for last in ["", ending] {
        let text = ["a,b,y", "1,2,p", "3,4,q"].joined(separator: ending) + last
        let data = try CSVLoader.parse(text)
        #expect(data.features == expected.features, "\(ending.debugDescription)")
        #expect(data.labels == expected.labels && data.classNames == ["p", "q"])
      }
    }
    // Line numbers count CR-only lines too, and blank lines are skipped.
    expectError("a,b,y\r1,2,p\r\r3,x,q\r", line: 4, column: 3, containing: "'x' in column 'b'")
    // A byte order mark is not part of the first name.
    let marked = try CSVLoader.parse("\u{FEFF}a,b\n1,2\n", target: "b")
    #expect(marked.featureNames == ["a"])
  }

  @Test func repeatedNamesEmptyTargetsAndInfiniteValuesAreErrors() {
    expectError(
      "x,y,x,label\n1,2,3,a\n", line: 1, column: 5,
      containing: "the column name 'x' appears twice (columns 1 and 3)")
    expectError(
      "x,label\n1,a\n2,\n", line: 3, column: 3,
      containing: "the target column 'label' is empty here")
    expectError(
      "x,label\n1,a\n2,  \"\" \n", line: 3, column: 3, containing: "is empty here")
    expectError(
      "x,y\n1,2\ninf,3\n", line: 3, column: 1,
      containing: "'inf' in column 'x' is not a finite number")
    expectError(
      "x,y\n1,2\n2,-inf\n", line: 3, column: 3,
      containing: "'-inf' in target column 'y' is not a finite number")
    do {
      _ = try CSVLoader.parse(data: Data("x,y\n1,2\n2,".utf8 + [0xFF, 0x0A]), file: "data.csv")
      Issue.record("bytes that are not UTF-8 were read")
    } catch {
      #expect("\(error)" == "data.csv:3:3: this field is not UTF-8 text; save the file as UTF-8")
    }
  }

  @Test func limitsAreCheckedAsTheFileIsRead() throws {
    let small = CSVLoader.Limits(fileSize: 1 << 20, columns: 3, rows: 2, values: 5)
    expectError(
      "a,b,c,d\n1,2,3,4\n", limits: small, line: 1, column: 7,
      containing: "the header has 4 columns; nnv reads at most 3")
    expectError(
      "a,b\n1,2\n3,4\n5,6\n", limits: small, line: 4, column: 1,
      containing: "more than 2 data rows")
    expectError(
      "a,b,c\n1,2,3\n4,5,6\n7,8,9\n",
      limits: CSVLoader.Limits(
        fileSize: 1 << 20, columns: 3, rows: 10, values: 5), line: 4, column: 1,
      containing: "more than 5 feature values")
    #expect(try CSVLoader.parse(data: Data("a,b\n1,2\n3,4\n".utf8), limits: small).count == 2)
    // A row of a million commas is counted, not kept.
    let wide = "a,b\n" + String(repeating: ",", count: 1_000_000) + "\n"
    expectError(
      wide, line: 2, column: 3, containing: "expected 2 fields as in the header, found 1000001")
    #expect(CSVLoader.Limits.standard.fileSize == 256 << 20)
  }

  @Test func aFileTooLargeOrNotRegularIsRefusedBeforeItIsRead() throws {
    let directory = NSTemporaryDirectory() + "nnv-csv-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let big = directory + "/big.csv"
    let fd = open(big, O_WRONLY | O_CREAT, 0o644)
    #expect(fd >= 0 && ftruncate(fd, off_t(CSVLoader.Limits.standard.fileSize) + 1) == 0)
    close(fd)
    #expect(mkfifo(directory + "/pipe.csv", 0o644) == 0)
    let cases = [
      (big, "more than the 256 MiB nnv reads for a CSV file"),
      (directory + "/pipe.csv", "it is a FIFO (named pipe), not a regular file"),
      (directory, "it is a directory"),
      (directory + "/none.csv", "no such file"),
    ]
    for (path, fragment) in cases {
      do {
        _ = try CSVLoader.load(path: path)
        Issue.record("\(path) was read")
      } catch let DataError.unreadable(file, message) {
        #expect(file == path)
        #expect(message.contains(fragment), "\(message)")
      } catch {
        Issue.record("unexpected \(error)")
      }
    }
  }

  /// Targets that are few whole numbers are classes unless the caller says otherwise; text is
  /// always classes; fractions or many different values are a regression.
  @Test func wholeNumberLabelsAreClasses() throws {
    let binary = try CSVLoader.parse("a,b,label\n0.1,0.2,0\n0.3,0.1,1\n0.5,0.9,1\n")
    #expect(binary.isClassification && binary.classNames == ["0", "1"])
    #expect(binary.labels == [0, 1, 1])
    let asValues = try CSVLoader.parse(
      "a,b,label\n0.1,0.2,0\n0.3,0.1,1\n", classification: false)
    #expect(!asValues.isClassification)
    let fractions = try CSVLoader.parse("a,y\n1,1.5\n2,2\n3,3\n")
    #expect(!fractions.isClassification)
    let many = try CSVLoader.parse("a,y\n" + (0..<30).map { "\($0),\($0)\n" }.joined())
    #expect(!many.isClassification)
  }
}
