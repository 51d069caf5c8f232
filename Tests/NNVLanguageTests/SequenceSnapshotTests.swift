import Testing

/// The text views of recurrent models, compared exactly with golden files in Snapshots/ as in
/// `ViewSnapshotTests` (re-record with `NNV_RECORD_SNAPSHOTS=1`).
@Suite struct SequenceSnapshotTests {
  /// A character model of a short rhyme, trained briefly.
  static let writer = """
    let rhyme = text("the cat sat on the mat. the cat ate the rat. ", window: 12, step: 3)
    model writer { input [12, 12]; lstm 8 sequences true; dense 12 softmax }
    train writer on rhyme epochs 5 batch 8 optimizer adam lr 0.02 seed 11
    """

  /// Running parity, and a GRU that follows it.
  static let counter = """
    let bits = parity(n: 64, length: 10, seed: 12)
    model counter { input [10, 1]; gru 6 sequences true; dense 2 softmax }
    train counter on bits epochs 5 batch 16 optimizer adam lr 0.02 seed 13
    """

  @Test func saliencyAlongASequence() {
    ViewSnapshot.expect(
      "saliency-sequence-text", setup: Self.writer,
      view: "saliency writer on rhyme index 2 method ig steps 16 \(ViewSnapshotTests.text)")
    ViewSnapshot.expect(
      "saliency-sequence-step-ascii", setup: Self.writer,
      view: "saliency writer on rhyme index 2 step 6 \(ViewSnapshotTests.ascii)")
    ViewSnapshot.expect(
      "saliency-sequence-bits", setup: Self.counter,
      view: "saliency counter on bits index 1 step 7 method input \(ViewSnapshotTests.text)")
  }
}
