import NNVLanguage

/// What the kernel says about itself (`kernel_info_reply`) and its language.
public enum KernelInfo {
  /// The language as notebooks record it. Front ends have no nnv mode, so highlighting
  /// borrows Python's CodeMirror mode and Pygments lexer, whose rules fit nnv's look: `#`
  /// comments, double-quoted strings, numbers, and `if`, `else`, `for`, `in`, `while`,
  /// `return` as keywords. Editors that read TextMate grammars take `Grammar/nnv.tmLanguage.json`
  /// for the language `nnv`.
  public static var languageInfo: JSONObject {
    [
      "name": "nnv", "version": NNVVersion.current, "mimetype": "text/x-nnv",
      "file_extension": ".nnv", "codemirror_mode": "python", "pygments_lexer": "python",
    ]
  }

  /// The greeting a console shows.
  public static let banner =
    "nnv \(NNVVersion.current): build, train, explain and look inside neural networks. "
    + "Type help for the commands, help NAME for one of them."

  /// The content of `kernel_info_reply`.
  public static var content: JSONObject {
    [
      "status": "ok", "protocol_version": MessageFactory.protocolVersion,
      "implementation": "nnv", "implementation_version": NNVVersion.current,
      "language_info": languageInfo, "banner": banner, "help_links": [Any](),
    ]
  }
}
