import Foundation

/// An sRGB colour with 8-bit channels.
public struct RGB: Sendable, Equatable, Hashable {
  public var r: UInt8
  public var g: UInt8
  public var b: UInt8

  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }

  /// From channels in 0...1 (clamped; NaN becomes 0).
  public init(unit r: Double, _ g: Double, _ b: Double) {
    func byte(_ x: Double) -> UInt8 {
      guard x.isFinite else { return 0 }
      return UInt8(Swift.max(0, Swift.min(255, (x * 255).rounded())))
    }
    self.init(byte(r), byte(g), byte(b))
  }

  /// From `0xRRGGBB`.
  public init(hex: UInt32) {
    self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
  }

  /// `#rrggbb`, for SVG.
  public var hex: String {
    // Written out by hand: SVG charts ask for thousands of these and String(format:) is slow.
    let digits = RGB.hexDigits
    let bytes: [UInt8] = [
      UInt8(ascii: "#"), digits[Int(r >> 4)], digits[Int(r & 15)], digits[Int(g >> 4)],
      digits[Int(g & 15)], digits[Int(b >> 4)], digits[Int(b & 15)],
    ]
    return String(decoding: bytes, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// The straight mix `(1 - t)·self + t·other`.
  public func mixed(with other: RGB, _ t: Double) -> RGB {
    let u = Swift.max(0, Swift.min(1, t.isFinite ? t : 0))
    func channel(_ a: UInt8, _ b: UInt8) -> Double { (Double(a) * (1 - u) + Double(b) * u) / 255 }
    return RGB(unit: channel(r, other.r), channel(g, other.g), channel(b, other.b))
  }

  /// Relative luminance (0 black, 1 white), to choose dark or light text on a cell.
  public var luminance: Double {
    (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
  }

  public static let white = RGB(255, 255, 255)
  public static let black = RGB(0, 0, 0)
  public static let gray = RGB(128, 128, 128)
}

/// Colours for categories (classes, series), as data: the ten "tab10" colours of Vega and
/// matplotlib, which stay apart for most kinds of colour vision.
public enum CategoricalPalette {
  public static let colors: [RGB] = [
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22,
    0x17becf,
  ].map { RGB(hex: $0) }

  /// The colour of category `index` (cycling after ten).
  public static func color(_ index: Int) -> RGB {
    colors[((index % colors.count) + colors.count) % colors.count]
  }
}
