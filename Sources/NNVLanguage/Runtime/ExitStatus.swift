/// How a script run ends, as process exit statuses (the sysexits values jlox uses).
public enum ExitStatus: Int32, Sendable {
  case success = 0
  /// The script has a syntax or check error and did not start (EX_DATAERR).
  case dataError = 65
  /// The script stopped at a runtime error (EX_SOFTWARE).
  case software = 70
  /// The user interrupted the run (128 + SIGINT).
  case interrupted = 130
}
