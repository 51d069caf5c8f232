import Testing

import NNVPlot

@Suite struct LayoutTests {
  @Test func niceNumbersFollowHeckbert() {
    #expect(Ticks.niceNumber(0.37, round: true) == 0.5)
    #expect(Ticks.niceNumber(13, round: false) == 20)
    #expect(Ticks.nice(0, 1, count: 5).values == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    #expect(Ticks.labels(Ticks.nice(0, 1, count: 5).values) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
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
  }
}
