import Foundation
import NNVCore
import NNVPlot
import Testing

/// The live training dashboard: one screen that fits its size, with the charts the static views
/// draw.
@Suite struct DashboardViewTests {
  static let sizes = [(80, 24), (120, 40)]

  /// Every line of `text` and how many cells it takes (escape sequences take none).
  func widths(_ text: String) -> [Int] {
    TextBlock(text).lines.map(TextBlock.visibleWidth)
  }

  /// The frame fits: at most `rows − 1` lines (the screen never scrolls), none wider than the
  /// screen; and it uses the screen: at least `rows − 3` lines.
  func expectFits(
    _ view: DashboardView, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let text = try view.text()
    let widths = widths(text)
    let size = "\(view.columns)×\(view.rows)"
    #expect(
      widths.count <= view.rows - 1, "\(size): \(widths.count) lines",
      sourceLocation: sourceLocation)
    #expect(
      widths.count >= view.rows - 3, "\(size): \(widths.count) lines",
      sourceLocation: sourceLocation)
    #expect(
      widths.allSatisfy { $0 <= view.columns }, "\(size): widths \(widths)",
      sourceLocation: sourceLocation)
    #expect(
      (widths.max() ?? 0) >= view.columns - 12, "\(size): \(widths)", sourceLocation: sourceLocation
    )
  }

  @Test func theLayoutFollowsTheModelsInput() throws {
    let plane = try DashboardFixtures.plane()
    let curve = try DashboardFixtures.curve()
    let curves = try DashboardFixtures.curves()
    func layout(_ model: Sequential, _ data: Dataset) -> DashboardView.Layout {
      DashboardView(model: model, train: data, status: DashboardFixtures.status(model, epochs: 1))
        .layout
    }
    #expect(layout(plane.model, plane.train) == .plane)
    #expect(layout(curve.model, curve.train) == .curve)
    #expect(layout(curves.model, curves.train) == .curves)
  }

  @Test func everyLayoutFitsBothSizesInColourAndMonochrome() throws {
    let plane = try DashboardFixtures.plane()
    let curve = try DashboardFixtures.curve()
    let curves = try DashboardFixtures.curves()
    let cases: [(Sequential, Dataset, Dataset?)] = [
      (plane.model, plane.train, plane.validation), (curve.model, curve.train, nil),
      (curves.model, curves.train, nil),
    ]
    #expect(
      Set(
        cases.map {
          DashboardView(model: $0.0, train: $0.1, status: .init(model: "", epoch: 0, epochs: 1))
            .layout
        }
      ).count == 3)
    for (model, train, validation) in cases {
      for (columns, rows) in Self.sizes {
        for colored in [false, true] {
          try expectFits(
            DashboardView(
              model: model, train: train, validation: validation,
              status: DashboardFixtures.status(model, epochs: 50), columns: columns, rows: rows,
              options: DashboardFixtures.options(colored: colored)))
        }
      }
    }
  }

  @Test func aLargerScreenGetsLargerCharts() throws {
    let plane = try DashboardFixtures.plane()
    func frame(_ columns: Int, _ rows: Int) throws -> [String] {
      try TextBlock(
        DashboardView(
          model: plane.model, train: plane.train,
          status: DashboardFixtures.status(plane.model, epochs: 12), columns: columns,
          rows: rows
        ).text()
      ).lines
    }
    // The plane's rows: lines with its vertical rule in the first columns.
    func planeRows(_ lines: [String]) -> Int {
      lines.filter { $0.prefix(12).contains("│") }.count
    }
    let small = try frame(80, 24)
    let large = try frame(120, 40)
    #expect(planeRows(large) >= planeRows(small) + 12)
    // A larger screen shows the accuracy too.
    #expect(!small.contains { $0.contains("accuracy") })
    #expect(large.contains { $0.contains("accuracy") })
  }

  @Test func theFirstLineSaysWhereTheRunIsAndTheLastWhichKeysWork() throws {
    let plane = try DashboardFixtures.plane()
    for (state, keys) in [
      (TrainingStatus.State.running, "space pause · q stop"),
      (.paused, "space resume · s one epoch · q stop"), (.finished, ""),
    ] {
      let lines = try TextBlock(
        DashboardView(
          model: plane.model, train: plane.train,
          status: DashboardFixtures.status(plane.model, epochs: 40, state: state)
        ).text()
      ).lines
      let status = try #require(lines.first)
      #expect(status.hasPrefix("net  epoch 12/40  loss "))
      #expect(status.contains(" acc "))
      #expect(status.contains(" lr 0.05 "))
      #expect(status.hasSuffix(state == .finished ? "done" : state.rawValue))
      #expect(lines.count == 23)
      #expect(lines.last == keys)
    }
  }

  @Test func tinyScreensGetWhatFits() throws {
    let plane = try DashboardFixtures.plane()
    for (columns, rows) in [(40, 12), (30, 3), (20, 2)] {
      let text = try DashboardView(
        model: plane.model, train: plane.train,
        status: DashboardFixtures.status(plane.model, epochs: 12), columns: columns, rows: rows
      ).text()
      let widths = widths(text)
      #expect(widths.count <= rows - 1)
      #expect(widths.allSatisfy { $0 <= columns }, "\(columns)×\(rows): \(widths)")
      #expect(text.hasPrefix("net  epoch 12/12"))
    }
  }

  @Test func theDocumentPlacesTheSameChartsInTwoColumns() throws {
    let plane = try DashboardFixtures.plane()
    let view = DashboardView(
      model: plane.model, train: plane.train, validation: plane.validation,
      status: DashboardFixtures.status(plane.model, epochs: 12))
    let check = try SVGCheck(try view.svg())
    // The plane, the network diagram, the loss and the accuracy.
    #expect(try check.count("/svg/svg") == 4)
    #expect(try check.texts().contains { $0.hasPrefix("net · epoch 12/12 · loss ") })
    let curves = try DashboardFixtures.curves()
    let other = DashboardView(
      model: curves.model, train: curves.train,
      status: DashboardFixtures.status(curves.model, epochs: 30))
    // The loss and accuracy; the weight distributions and the confusion matrix.
    #expect(try SVGCheck(try other.svg()).count("/svg/svg") == 4)
  }

  @Test func framesAreSnapshots() throws {
    let plane = try DashboardFixtures.plane()
    Snapshot.assert(
      try DashboardView(
        model: plane.model, train: plane.train, validation: plane.validation,
        status: DashboardFixtures.status(plane.model, epochs: 100, state: .paused)
      ).text(), named: "dashboard-plane")
    let curves = try DashboardFixtures.curves()
    Snapshot.assert(
      try DashboardView(
        model: curves.model, train: curves.train,
        status: DashboardFixtures.status(curves.model, epochs: 30)
      ).text(), named: "dashboard-curves")
    let curve = try DashboardFixtures.curve()
    Snapshot.assert(
      try DashboardView(
        model: curve.model, train: curve.train,
        status: DashboardFixtures.status(curve.model, epochs: 20, state: .finished),
        options: DashboardFixtures.options(colored: false, ascii: true)
      ).text(), named: "dashboard-curve-ascii")
  }
}
