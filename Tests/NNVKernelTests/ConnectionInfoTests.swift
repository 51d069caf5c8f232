import Foundation
import NNVKernel
import Testing

/// Reading the connection file Jupyter writes.
@Suite struct ConnectionInfoTests {
  static let file = """
    {"shell_port": 53001, "iopub_port": 53002, "stdin_port": 53003, "control_port": 53004,
     "hb_port": 53005, "ip": "127.0.0.1", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84",
     "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "nnv"}
    """

  @Test func aJupyterConnectionFile() throws {
    let info = try ConnectionInfo.decode(Data(Self.file.utf8))
    #expect(info.endpoint(info.shellPort) == "tcp://127.0.0.1:53001")
    #expect(info.hbPort == 53005)
    #expect(info.key == "a0436f6c-1916-498b-8eb9-e81ab9368e84")
  }

  @Test func whatIsRefused() {
    #expect(throws: KernelError.badConnection("it has no 'transport'")) {
      try ConnectionInfo.decode(Data(#"{"ip": "127.0.0.1"}"#.utf8))
    }
    #expect(throws: KernelError.badConnection("it is not JSON")) {
      try ConnectionInfo.decode(Data("shell_port = 1".utf8))
    }
    let md5 = Self.file.replacingOccurrences(of: "hmac-sha256", with: "hmac-md5")
    #expect(throws: KernelError.self) { try ConnectionInfo.decode(Data(md5.utf8)) }
    let port = Self.file.replacingOccurrences(of: "53005", with: "70000")
    #expect(throws: KernelError.badConnection("a port outside 1...65535")) {
      try ConnectionInfo.decode(Data(port.utf8))
    }
  }
}
