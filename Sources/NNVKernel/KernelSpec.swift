import Foundation

/// The kernelspec that makes Jupyter list nnv: `kernel.json` (how to start the kernel, with
/// this binary's absolute path) and a logo, in a `kernels/nnv` folder where Jupyter looks.
public enum KernelSpec {
  /// Where the spec goes: Jupyter's per-user data folder (`--user`), a prefix's
  /// `share/jupyter` (`--prefix DIR`), or the system's `/usr/local/share/jupyter`.
  public enum Location: Equatable, Sendable {
    case user
    case prefix(String)
    case system
  }

  /// The folder Jupyter reads the nnv kernelspec from, for `location`.
  public static func directory(
    for location: Location, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    let data: String
    switch location {
    case .prefix(let prefix):
      data = (prefix as NSString).appendingPathComponent("share/jupyter")
    case .system:
      data = "/usr/local/share/jupyter"
    case .user:
      if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty {
        data = dir
      } else {
        let home = environment["HOME"] ?? NSHomeDirectory()
        #if os(macOS)
          data = home + "/Library/Jupyter"
        #else
          let share = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
          data = (share ?? home + "/.local/share") + "/jupyter"
        #endif
      }
    }
    return (data as NSString).appendingPathComponent("kernels/nnv")
  }

  /// The text of `kernel.json` for the binary at `executable`.
  public static func json(executable: String) -> String {
    let spec: JSONObject = [
      "argv": [executable, "kernel", "{connection_file}"], "display_name": "nnv",
      "language": "nnv", "interrupt_mode": "signal",
      "metadata": ["debugger": false],
    ]
    let data =
      (try? JSONSerialization.data(
        withJSONObject: spec, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
      ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The absolute path of the running nnv binary.
  public static var executablePath: String {
    if let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path { return path }
    let argument = CommandLine.arguments.first ?? "nnv"
    return URL(fileURLWithPath: argument).standardizedFileURL.path
  }

  /// Writes the spec for `location` and returns its folder.
  ///
  /// - Throws: the file system's error when the folder cannot be made or written.
  public static func install(at location: Location, executable: String = executablePath)
    throws -> String
  {
    let folder = directory(for: location)
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true)
    let url = URL(fileURLWithPath: folder)
    try Data(json(executable: executable).utf8).write(
      to: url.appendingPathComponent("kernel.json"), options: .atomic)
    try Data(KernelLogo.svg.utf8).write(
      to: url.appendingPathComponent("logo-svg.svg"), options: .atomic)
    for (size, png) in KernelLogo.pngs {
      guard let data = Data(base64Encoded: png) else { continue }
      try data.write(to: url.appendingPathComponent("logo-\(size)x\(size).png"), options: .atomic)
    }
    return folder
  }
}
