import NNVKernel

/// Requests as a Jupyter client sends them (header, parent header, metadata and content frames
/// as it writes them), with the signatures it computed with the key below, so the kernel's
/// signature check is tested against another implementation's HMAC.
enum RecordedMessages {
  static let key = "5f1b7e54-3c1a-4f7e-9d1e-6a8b2c4d0e91"
  static let identity = Array("client-7d1c".utf8)

  static let kernelInfo = frames(
    signature: "f1b432511e2f3cd97eb94019c4112c6125f52c4fa7413cb3d42fa13e6370fd77",
    header: #"{"msg_id": "a1-kernel-info", "msg_type": "kernel_info_request", "#
      + #""session": "7d1c0c5e-client", "username": "teacher", "#
      + #""date": "2026-12-02T08:30:00.000000Z", "version": "5.3"}"#,
    content: "{}")

  static let execute = frames(
    signature: "0734df9f96d8daf618f4f69c1b95265cf185b27aebc8da31e10ca172e9704d69",
    header: #"{"msg_id": "a2-execute", "msg_type": "execute_request", "#
      + #""session": "7d1c0c5e-client", "username": "teacher", "#
      + #""date": "2026-12-02T08:30:00.000000Z", "version": "5.3"}"#,
    content: #"{"code": "let x = 3\nprint x * 2", "silent": false, "store_history": true, "#
      + #""user_expressions": {}, "allow_stdin": false, "stop_on_error": true}"#)

  static func frames(signature: String, header: String, content: String) -> [[UInt8]] {
    [
      identity, WireMessage.delimiter, Array(signature.utf8), Array(header.utf8), Array("{}".utf8),
      Array("{}".utf8), Array(content.utf8),
    ]
  }
}
