import Foundation
import NNVKernel
import Testing

/// The kernelspec: where it goes and what it says.
@Suite struct KernelSpecTests {
  @Test func kernelJSONStartsThisBinaryWithTheConnectionFile() throws {
    let text = KernelSpec.json(executable: "/opt/nnv/bin/nnv")
    let spec = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    #expect(spec?["argv"] as? [String] == ["/opt/nnv/bin/nnv", "kernel", "{connection_file}"])
    #expect(spec?["language"] as? String == "nnv")
    #expect(spec?["interrupt_mode"] as? String == "signal")
  }

  @Test func folders() {
    let environment = ["HOME": "/home/t"]
    #expect(
      KernelSpec.directory(for: .prefix("/tmp/p"), environment: environment)
        == "/tmp/p/share/jupyter/kernels/nnv")
    #expect(
      KernelSpec.directory(for: .user, environment: ["JUPYTER_DATA_DIR": "/d"])
        == "/d/kernels/nnv")
    #if os(Linux)
      #expect(
        KernelSpec.directory(for: .user, environment: environment)
          == "/home/t/.local/share/jupyter/kernels/nnv")
    #endif
  }

  @Test func installWritesTheSpecAndTheLogos() throws {
    let prefix = FileManager.default.temporaryDirectory
      .appendingPathComponent("nnv-kernelspec-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    let folder = try KernelSpec.install(at: .prefix(prefix), executable: "/bin/nnv")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files == ["kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"])
    let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/logo-64x64.png"))
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
  }
}
