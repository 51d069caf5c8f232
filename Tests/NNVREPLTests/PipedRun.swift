import Foundation

/// The built `nnv` run as a pipeline runs it: `arguments`, standard input from `input` (a file)
/// or else the given `bytes`, and standard output and error collected on one pipe.
enum PipedRun {
  static func run(
    _ binary: String, _ arguments: [String] = [], input: FileHandle? = nil, bytes: [UInt8] = [],
    term: String = "dumb"
  ) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.environment = ["NNV_NO_HISTORY": "1", "TERM": term]
    let pipe = Pipe()
    process.standardInput = input ?? pipe
    try process.run()
    if input == nil {
      pipe.fileHandleForWriting.write(Data(bytes))
      try pipe.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
