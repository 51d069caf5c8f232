/// nnv's version, shown by `nnv --version` and the REPL banner.
public enum NNVVersion {
  public static let current = "0.1.0"
}
