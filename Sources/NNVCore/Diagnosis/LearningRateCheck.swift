/// A learning rate too high (the training loss rises, ends worse than guessing, or jumps up
/// and down) or too low (it falls slowly in a straight line), read from the losses of the
/// model's last training run.
///
/// Losses are measured against the loss of guessing (`Diagnosis.Subject.guessingLoss`:
/// ln 2 for two even classes), the scale on which a jump or a level means the same for every
/// data set; without it, against the first epoch's loss.
public enum LearningRateCheck {
  /// The fewest epochs in the last run for a trend to mean anything.
  public static let minimumEpochs = 5
  /// Diverging: the last epoch's loss at least this fraction above the first epoch's. A
  /// healthy run ends below where it began; ten per cent above is not noise.
  public static let divergingRise = 0.1
  /// Diverging: a last loss above this multiple of the loss of guessing. Training that
  /// learned anything ends below it; steps too large end far above (moons with SGD at lr 10:
  /// 2.4 against 0.69).
  public static let worseThanGuessing = 1.5
  /// Oscillating: the loss went up in at least this share of the epochs ...
  public static let oscillationShare = 0.3
  /// ... by at least this fraction of the loss of guessing on average. Healthy runs of the
  /// moons classifier wobble by 3% to 7% of it, with SGD at lr 1 and Adam up to lr 0.5; at
  /// lr 5 SGD jumps by over 20%.
  public static let oscillationSize = 0.1
  /// Too low: the loss fell by less than this fraction of the first epoch's over the run ...
  public static let barelyMoving = 0.25
  /// ... in at least this share of the epochs (a loss that settled wobbles up about as
  /// often as down) ...
  public static let steadyShare = 0.8
  /// ... and fell in the second half of the run at least this fraction of what it fell in the
  /// first: a straight line, where a suitable rate falls fast and then slows (moons with SGD
  /// at lr 0.01: a third; at lr 0.001: 0.94).
  public static let straightLine = 0.7
  /// ... and it is still above this fraction of the model's first epoch ever, so that a
  /// model trained further after it converged is not reported.
  public static let convergedFraction = 0.5

  /// The check: a finding when the losses diverge, oscillate or barely move; skipped for a
  /// model whose last run is shorter than `minimumEpochs`.
  public static func run(_ subject: Diagnosis.Subject) -> Diagnosis.Outcome {
    if let shortfall = subject.historyShortfall(minimumEpochs) { return .skipped(shortfall) }
    let losses = subject.losses
    guard let first = losses.first, let last = losses.last else { return .checked([]) }
    let guess = subject.guessingLoss.flatMap { $0 > 0 ? $0 : nil }
    if let bad = losses.first(where: { !$0.isFinite }) {
      return .checked([diverging(subject, first: first, last: bad)])
    }
    if first > 0, last >= (1 + divergingRise) * first {
      return .checked([diverging(subject, first: first, last: last)])
    }
    if let guess, last > worseThanGuessing * guess {
      return .checked([diverging(subject, first: first, last: last, guess: guess)])
    }
    if let oscillation = oscillation(losses, scale: guess) {
      return .checked([oscillating(subject, oscillation)])
    }
    let everFirst = subject.model.history.epochs.first.map { Double($0.loss) } ?? first
    if first > 0, (first - last) / first < barelyMoving, fallsSteadily(losses),
      fallsInALine(losses), last > convergedFraction * everFirst
    {
      return .checked([tooLow(subject, first: first, last: last)])
    }
    return .checked([])
  }

  /// Whether the loss fell in at least `steadyShare` of the steps between epochs.
  static func fallsSteadily(_ losses: [Double]) -> Bool {
    guard losses.count >= 2 else { return false }
    let falls = zip(losses, losses.dropFirst()).filter { $1 < $0 }.count
    return Double(falls) >= steadyShare * Double(losses.count - 1)
  }

  /// Whether the loss fell in the second half of the run at least `straightLine` times what
  /// it fell in the first.
  static func fallsInALine(_ losses: [Double]) -> Bool {
    guard losses.count >= 3, let first = losses.first, let last = losses.last else {
      return false
    }
    let middle = losses[losses.count / 2]
    let early = first - middle
    return early > 0 && middle - last >= straightLine * early
  }

  /// How the loss jumps: the share of steps up and their mean size against `scale` (the
  /// first epoch's loss when nil), when both pass their thresholds.
  static func oscillation(_ losses: [Double], scale: Double?) -> (share: Double, size: Double)? {
    guard losses.count >= 3, let first = losses.first else { return nil }
    let rises = zip(losses, losses.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }
    let scale = scale ?? first
    guard !rises.isEmpty, scale > 0 else { return nil }
    let share = Double(rises.count) / Double(losses.count - 1)
    let size = rises.reduce(0, +) / Double(rises.count) / scale
    return share >= oscillationShare && size >= oscillationSize ? (share, size) : nil
  }
}
