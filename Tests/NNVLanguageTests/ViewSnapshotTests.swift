import Testing

/// Every text view the language draws, run as a script runs it (fixed seeds, monochrome,
/// 80 columns) and compared exactly with a golden file in Snapshots/. When a view's output
/// changes on purpose, re-record with `NNV_RECORD_SNAPSHOTS=1` and read the new files.
@Suite struct ViewSnapshotTests {
  /// Two moons, a small classifier (with a dropout layer) trained briefly with validation.
  static let classifier = """
    let data = moons(n: 60, noise: 0.1, seed: 1)
    let parts = split(data, test: 0.25, seed: 2)
    model net {
      input 2
      dense 6 tanh
      dropout 0.1
      dense 2 softmax
    }
    train net on parts.train epochs 12 batch 16 optimizer adam lr 0.05 validate parts.test seed 3
    """

  /// A regression over a 2-D plane.
  static let surface = """
    let flat = plane(n: 40, noise: 0.05, seed: 4)
    model reg { input 2; dense 4 tanh; dense 1 linear }
    train reg on flat epochs 5 batch 8 optimizer adam lr 0.05 seed 5
    """

  /// A regression of one input: a fitted curve.
  static let curve = """
    let wave = sine(n: 40, noise: 0.05, seed: 6)
    model curve { input 1; dense 8 tanh; dense 1 linear }
    train curve on wave epochs 20 batch 8 optimizer adam lr 0.05 seed 7
    """

  /// 8×8 digit images and a small reader.
  static let images = """
    let pictures = digits()
    model reader { input 64; dense 16 relu; dense 10 softmax }
    train reader on pictures epochs 2 batch 64 optimizer adam lr 0.01 seed 8
    """

  /// Iris: four named features, three classes.
  static let features = """
    let flowers = iris()
    model species { input 4; dense 8 tanh; dense 3 softmax }
    train species on flowers epochs 30 batch 16 optimizer adam lr 0.05 seed 9
    """

  /// A small convolutional network on the digits read as 8×8 images.
  static let convolution = """
    let pictures = digits()
    model cnn {
      input [1, 8, 8]
      conv 4 size 3 relu
      maxpool 2
      conv 3 size 2
      flatten
      dense 10 softmax
    }
    train cnn on pictures epochs 4 batch 32 optimizer adam lr 0.01 seed 10
    """

  /// Brackets with their depth at every step, and a small LSTM that counts them.
  static let brackets = """
    let nests = brackets(n: 48, length: 16, depth: 3, seed: 11)
    model counter { input [16, 3]; lstm 6 sequences true; dense 4 softmax }
    train counter on nests epochs 3 batch 16 optimizer adam lr 0.05 seed 12
    """

  /// A few characters of text and a GRU that reads them, one rnn beside it.
  static let characters = """
    let words = text("to be or not to be, that is the question", window: 20, step: 4)
    model reader { input [20, 14]; gru 40 sequences true; dense 14 softmax }
    train reader on words epochs 2 batch 4 optimizer adam lr 0.05 seed 13
    model plain { input [20, 14]; rnn 4 sequences true; dense 14 softmax }
    """

  /// An untrained model whose units are all dead and whose output does not fit the classes,
  /// and one trained with a learning rate far too small.
  static let problems = """
    let flowers = iris()
    model blank { input 4; dense 8 relu init zeros; dense 1 sigmoid }
    let parts = split(moons(n: 200, noise: 0.1, seed: 1), test: 0.25, seed: 2)
    model slow { input 2; dense 16 relu; dense 2 softmax }
    train slow on parts.train epochs 30 batch 16 optimizer sgd lr 0.001 seed 3
    """

  static let text = "width 80 color none ascii false"
  static let ascii = "width 80 color none ascii true"

  @Test func summary() {
    ViewSnapshot.expect("summary", setup: Self.classifier, view: "summary net \(Self.text)")
    ViewSnapshot.expect("summary-ascii", setup: Self.classifier, view: "summary net \(Self.ascii)")
  }

  @Test func diagram() {
    ViewSnapshot.expect(
      "diagram-vertical", setup: Self.classifier, view: "diagram net \(Self.text)")
    ViewSnapshot.expect(
      "diagram-vertical-ascii", setup: Self.classifier, view: "diagram net \(Self.ascii)")
    ViewSnapshot.expect(
      "diagram-horizontal", setup: Self.classifier,
      view: "diagram net direction horizontal \(Self.text)")
  }

  @Test func history() {
    ViewSnapshot.expect("history", setup: Self.classifier, view: "history net \(Self.text)")
    ViewSnapshot.expect(
      "history-ascii", setup: Self.classifier, view: "history net \(Self.ascii)")
  }

  @Test func weights() {
    ViewSnapshot.expect("weights", setup: Self.classifier, view: "weights net \(Self.text)")
    ViewSnapshot.expect(
      "weights-over-epochs", setup: Self.classifier, view: "weights net over epochs \(Self.text)")
  }

  @Test func activations() {
    ViewSnapshot.expect(
      "activations", setup: Self.classifier,
      view: "activations net on parts.test samples 6 \(Self.text)")
  }

  @Test func boundary() {
    let classes = "boundary net on parts.train test parts.test resolution 40"
    ViewSnapshot.expect(
      "boundary-classification", setup: Self.classifier, view: "\(classes) \(Self.text)")
    ViewSnapshot.expect(
      "boundary-classification-ascii", setup: Self.classifier, view: "\(classes) \(Self.ascii)")
    ViewSnapshot.expect(
      "boundary-regression-surface", setup: Self.surface,
      view: "boundary reg on flat resolution 30 \(Self.text)")
    ViewSnapshot.expect(
      "boundary-fitted-curve", setup: Self.curve, view: "boundary curve on wave \(Self.text)")
  }

  @Test func plot() {
    let values = "[4, 3, 2, 1.5, 1, 0.8, 0.9, 0.7]"
    let matrix = "[[1, 2, 3, 4], [0, -1, -2, -3], [0.5, 0.25, 0, 1]]"
    ViewSnapshot.expect("plot-line", setup: "", view: "plot \(values) \(Self.text)")
    ViewSnapshot.expect("plot-line-ascii", setup: "", view: "plot \(values) \(Self.ascii)")
    ViewSnapshot.expect(
      "plot-histogram", setup: "",
      view: "plot [1, 2, 2, 3, 3, 3, 4, 4, 5, 0.5, 2.5] as hist bins 5 \(Self.text)")
    ViewSnapshot.expect(
      "plot-heatmap", setup: "", view: "plot \(matrix) as heatmap \(Self.text)")
    ViewSnapshot.expect(
      "plot-heatmap-ascii", setup: "", view: "plot \(matrix) as heatmap \(Self.ascii)")
    ViewSnapshot.expect(
      "plot-activation", setup: "", view: "plot activation tanh \(Self.text)")
  }

  /// `plot loss`, an activation in ASCII with its formulas, and a lesson's note.
  @Test func lessonViews() {
    ViewSnapshot.expect("plot-loss-bce", setup: "", view: "plot loss bce \(Self.text)")
    ViewSnapshot.expect(
      "plot-loss-mse-ascii", setup: "", view: "plot loss mse target 0.5 \(Self.ascii)")
    ViewSnapshot.expect("plot-loss-cce", setup: "", view: "plot loss cce \(Self.text)")
    ViewSnapshot.expect(
      "plot-activation-gelu-ascii", setup: "", view: "plot activation gelu \(Self.ascii)")
    ViewSnapshot.expect(
      "note", setup: "",
      view: """
        note "**A neuron** adds up its inputs, each times a weight, plus a bias, and passes \
        the sum through an activation such as `tanh`:

            z = w1·x1 + w2·x2 + b

          - an item of a list, long enough to wrap under its own first word, not under the dash
          - `plot activation tanh` draws one
        "
        """)
  }

  @Test func confusion() {
    ViewSnapshot.expect(
      "confusion", setup: Self.classifier, view: "confusion net on parts.test \(Self.text)")
  }

  @Test func saliency() {
    ViewSnapshot.expect(
      "saliency-images", setup: Self.images,
      view: "saliency reader on pictures count 2 \(Self.text)")
    ViewSnapshot.expect(
      "saliency-images-ascii", setup: Self.images,
      view: "saliency reader on pictures count 2 \(Self.ascii)")
    ViewSnapshot.expect(
      "saliency-bars", setup: Self.features,
      view: "saliency species on flowers count 3 \(Self.text)")
    ViewSnapshot.expect(
      "saliency-bars-ascii", setup: Self.features,
      view: "saliency species on flowers count 3 \(Self.ascii)")
    ViewSnapshot.expect(
      "saliency-plane", setup: Self.classifier,
      view: "saliency net on parts.test count 8 \(Self.text)")
  }

  @Test func sanity() {
    ViewSnapshot.expect(
      "sanity-images", setup: Self.images, view: "sanity reader on pictures count 2 \(Self.text)")
    ViewSnapshot.expect(
      "sanity-bars", setup: Self.features, view: "sanity species on flowers \(Self.text)")
  }

  @Test func featureMaps() {
    ViewSnapshot.expect(
      "features", setup: Self.convolution, view: "features cnn on pictures index 3 \(Self.text)")
    ViewSnapshot.expect(
      "features-ascii", setup: Self.convolution,
      view: "features cnn on pictures index 3 layer 2 \(Self.ascii)")
  }

  @Test func convolutionalModels() {
    ViewSnapshot.expect("weights-conv", setup: Self.convolution, view: "weights cnn \(Self.text)")
    ViewSnapshot.expect(
      "weights-conv-ascii", setup: Self.convolution, view: "weights cnn layer 2 \(Self.ascii)")
    ViewSnapshot.expect(
      "activations-conv", setup: Self.convolution,
      view: "activations cnn on pictures samples 6 \(Self.text)")
    ViewSnapshot.expect("diagram-conv", setup: Self.convolution, view: "diagram cnn \(Self.text)")
    ViewSnapshot.expect(
      "saliency-conv-occlusion", setup: Self.convolution,
      view: "saliency cnn on pictures count 2 method occlusion patch 3 \(Self.text)")
  }

  @Test func convFilters() {
    ViewSnapshot.expect("filters", setup: Self.convolution, view: "filters cnn \(Self.text)")
    ViewSnapshot.expect(
      "filters-ascii", setup: Self.convolution, view: "filters cnn \(Self.ascii)")
    ViewSnapshot.expect(
      "filters-grid", setup: Self.convolution, view: "filters cnn layer 2 \(Self.text)")
    ViewSnapshot.expect(
      "filters-grid-ascii", setup: Self.convolution, view: "filters cnn layer 2 \(Self.ascii)")
  }

  @Test func hiddenStates() {
    ViewSnapshot.expect(
      "hidden", setup: Self.brackets, view: "hidden counter on nests index 2 \(Self.text)")
    ViewSnapshot.expect(
      "hidden-ascii", setup: Self.characters, view: "hidden reader on words \(Self.ascii)")
    ViewSnapshot.expect(
      "hidden-unit", setup: Self.characters,
      view: "hidden reader on words index 1 unit 3 \(Self.text)")
    ViewSnapshot.expect(
      "hidden-top", setup: Self.brackets,
      view: "hidden counter on nests top 4 signal target \(Self.text)")
    ViewSnapshot.expect(
      "hidden-top-char", setup: Self.brackets,
      view: "hidden counter on nests top 3 char \"(\" \(Self.ascii)")
  }

  @Test func explanations() {
    ViewSnapshot.expect(
      "explain-sample", setup: Self.classifier,
      view: "explain net on parts.test index 2 \(Self.text)")
    ViewSnapshot.expect(
      "explain-sample-standardized-ascii",
      setup: Self.features + "\ntrain species on flowers epochs 1 standardize true seed 9",
      view: "explain species on flowers index 70 \(Self.ascii)")
    ViewSnapshot.expect(
      "explain-sample-large", setup: Self.images,
      view: "explain reader on pictures index 5 \(Self.text)")
    ViewSnapshot.expect(
      "explain-sample-conv", setup: Self.convolution,
      view: "explain cnn on pictures index 3 \(Self.text)")
    ViewSnapshot.expect(
      "explain-unit", setup: Self.classifier,
      view: "explain net layer 1 unit 2 on parts.train \(Self.text)")
    ViewSnapshot.expect(
      "explain-unit-filter", setup: Self.convolution,
      view: "explain cnn layer 1 unit 2 on pictures \(Self.text)")
    ViewSnapshot.expect(
      "explain-step", setup: Self.classifier,
      view: "explain step net on parts.train batch 8 \(Self.text)")
    ViewSnapshot.expect(
      "explain-step-adam-ascii", setup: Self.surface,
      view: "explain step reg on flat batch 16 optimizer adam lr 0.01 clip 0.5 \(Self.ascii)")
  }

  @Test func gatesAndTrajectories() {
    ViewSnapshot.expect("gates", setup: Self.brackets, view: "gates counter on nests \(Self.text)")
    ViewSnapshot.expect(
      "gates-ascii", setup: Self.characters, view: "gates reader on words index 2 \(Self.ascii)")
    ViewSnapshot.expect(
      "trajectory", setup: Self.brackets,
      view: "trajectory counter on nests count 6 by class \(Self.text)")
    ViewSnapshot.expect(
      "trajectory-ascii", setup: Self.characters,
      view: "trajectory plain on words count 3 \(Self.ascii)")
  }

  @Test func diagnose() {
    ViewSnapshot.expect(
      "diagnose", setup: Self.classifier,
      view: "diagnose net on parts.train validate parts.test \(Self.text)")
    ViewSnapshot.expect(
      "diagnose-problems", setup: Self.problems, view: "diagnose blank on flowers \(Self.text)")
    ViewSnapshot.expect(
      "diagnose-ascii", setup: Self.problems, view: "diagnose slow on parts.train \(Self.ascii)")
  }
}
