import Foundation
import NNVCore
import NNVPlot
import Testing

@Suite struct LayoutTests {
  @Test func niceNumbersFollowHeckbert() {
    #expect(Ticks.niceNumber(0.37, round: true) == 0.5)
    #expect(Ticks.niceNumber(13, round: false) == 20)
    #expect(Ticks.nice(0, 1, count: 5).values == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    #expect(
      Ticks.labels(Ticks.nice(0, 1, count: 5).values) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(Ticks.labels(Ticks.nice(-3, 47, count: 5).values) == ["0", "10", "20", "30", "40"])
  }

  @Test func degenerateInputsStaySane() {
    #expect(!Ticks.nice(.nan, .infinity).values.isEmpty)
    #expect(!Ticks.nice(2, 2).values.isEmpty)
    let scale = Scale(domain: 3...3, range: 0...10)
    #expect(scale(3) == 5)
    let log = Scale(.log, domain: 0...100, range: 0...2)
    #expect(log(100) == 2)
    #expect(Scale(.log, domain: 0.01...10, range: 0...1).ticks() == [0.01, 0.1, 1, 10])
  }

  @Test func colorMaps() {
    #expect(ColorMap.viridis.color(at: 0) == RGB(68, 1, 84))
    #expect(ColorMap.viridis.color(at: 1) == RGB(253, 231, 37))
    #expect(ColorMap.diverging.color(at: 0.5) == .white)
    let domain = ColorDomain(fitting: [-0.5, 2], diverging: true)
    #expect(domain.low == -2 && domain.high == 2 && domain.fraction(0) == 0.5)
    #expect(ColorMap.hot.color(at: 0) == .black)
    #expect(ColorMap.viridis.color(at: .nan) == ColorMap.missing)
  }

  @Test func ansiPalette() {
    #expect(ANSIStyle.paletteIndex(RGB(255, 0, 0)) == 196)
    #expect(ANSIStyle.paletteIndex(RGB(128, 128, 128)) == 244)
    #expect(ANSIStyle.foreground(.black, .truecolor) == "\u{1B}[38;2;0;0;0m")
  }

  @Test func escapingAndNumbers() {
    #expect(SVGDocument.escape("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
    #expect(NumberText.coordinate(1.005) == "1" || NumberText.coordinate(1.005) == "1.01")
    #expect(NumberText.fixed(-0.0001, decimals: 2) == "0.00")
    #expect(NumberText.bytes(12_500) == "12 KB")
    #expect(RGB(hex: 0x0a7bff).hex == "#0a7bff")
    #expect(RGB.black.hex == "#000000")
  }

  /// The fast path of `fixed` agrees with printf-style formatting to the last digit, apart from
  /// values that sit on a rounding tie after scaling, where it may round the other way.
  @Test func fixedMatchesFormattedText() {
    var generator = RandomGenerator(seed: 5)
    var ties = 0
    for i in 0..<20_000 {
      let magnitude = pow(10, Double(generator.integer(below: 14)) - 6)
      let value = (Double(generator.uniform()) * 2 - 1) * magnitude
      let decimals = i % 7
      let fast = NumberText.fixed(value, decimals: decimals)
      var slow = String(format: "%.\(decimals)f", value)
      if slow.hasPrefix("-"), Double(slow) == 0 { slow.removeFirst() }
      if fast != slow {
        ties += 1
        let step = pow(10, -Double(decimals))
        #expect(abs((Double(fast) ?? .nan) - (Double(slow) ?? .nan)) <= step * 1.000001, "\(value)")
      }
    }
    #expect(ties < 20)
    #expect(NumberText.fixed(-1.5, decimals: 0) == "-2")
    #expect(NumberText.fixed(0.25, decimals: 1) == "0.2")
    #expect(NumberText.fixed(-0.004, decimals: 2) == "0.00")
    #expect(NumberText.fixed(123456.789, decimals: 2) == "123456.79")
    #expect(NumberText.fixed(3e13, decimals: 1) == "30000000000000.0")
  }

  /// Tick labels share their decimals, and a rounding residue next to zero reads 0.
  @Test func tickLabelsAreEvenAndZeroIsZero() {
    #expect(Ticks.labels([-0.5, -5.551115123125783e-17, 0.5]) == ["-0.5", "0.0", "0.5"])
    #expect(Ticks.labels([0, 0.25, 0.5, 0.75]) == ["0.00", "0.25", "0.50", "0.75"])
    let histogram = Histogram(
      [-0.3, -0.1, 0.1, 0.3], bins: 6, options: .init(width: 40, height: 4))
    #expect(!histogram.text().contains("e-"))
  }
}
