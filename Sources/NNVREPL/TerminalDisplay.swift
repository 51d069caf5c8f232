import Foundation
import NNVLanguage
import NNVPlot

extension Display {
  /// The display of the terminal on standard output: its width in columns (80 when it is not
  /// a terminal or does not say), its colours when `colorEnabled`, and ASCII glyphs only when
  /// `TERM` is `dumb`.
  public static func terminal(colorEnabled: Bool) -> Display {
    let environment = ProcessInfo.processInfo.environment
    var width = 80
    var size = winsize()
    if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0,
      size.ws_col >= 20
    {
      width = Int(size.ws_col)
    } else if let columns = environment["COLUMNS"].flatMap(Int.init), columns >= 20 {
      width = columns
    }
    return Display(
      colorMode: Display.colorMode(enabled: colorEnabled, environment: environment), width: width,
      asciiOnly: environment["TERM"] == "dumb")
  }
}
