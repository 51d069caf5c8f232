extension SanityCheck {
  /// What the check's correlation says about the saliency method.
  ///
  /// The maps pass when their mean rank correlation stays below `threshold`: they change when
  /// the weights are randomized, so they show what the model learned. With one feature per
  /// input the check cannot judge, since a single feature always ranks alike; with fewer than
  /// `coarseBelow` features each rank correlation can take only a few values.
  public struct Verdict: Sendable, Equatable {
    /// The three verdicts.
    public enum Outcome: Sendable, Equatable {
      /// The maps differ with random weights.
      case passed
      /// The maps stay alike with random weights: they show the input more than the model.
      case failed
      /// One feature per input (the correlation is 1 whatever the weights), or trained maps
      /// that are constant (nothing to rank: the model's score does not move with its input,
      /// as with every ReLU unit dead); `reason` says which.
      case cannotJudge
    }

    /// Why the check cannot judge.
    public enum Reason: Sendable, Equatable {
      case singleFeature
      case constantMaps
    }

    /// Why the check cannot judge; nil when it can.
    public var reason: Reason?

    /// The mean rank correlation at or above which the check fails.
    ///
    /// Adebayo et al. (2018) judge the maps by eye and by rank correlation but fix no number;
    /// 0.5 is this tool's line between "changes with the weights" and "mostly the same".
    public static let threshold: Float = 0.5
    /// Fewer features per input than this make each rank correlation coarse.
    public static let coarseBelow = 5

    public var outcome: Outcome
    /// The mean rank correlation of the trained and the randomized model's maps.
    public var correlation: Float
    /// The correlation at or above which the check fails.
    public var threshold: Float
    /// The number of features of each input.
    public var featureCount: Int

    public init(
      correlation: Float, featureCount: Int, threshold: Float = Verdict.threshold,
      constantMaps: Bool = false
    ) {
      self.correlation = correlation
      self.featureCount = featureCount
      self.threshold = threshold
      if featureCount == 1 {
        outcome = .cannotJudge
        reason = .singleFeature
      } else if constantMaps {
        outcome = .cannotJudge
        reason = .constantMaps
      } else {
        outcome = correlation < threshold ? .passed : .failed
      }
    }

    /// Whether the method passed.
    public var passed: Bool { outcome == .passed }

    /// Whether the verdict rests on fewer than `coarseBelow` features per input, so each
    /// rank correlation is coarse.
    public var isCoarse: Bool { outcome != .cannotJudge && featureCount < Self.coarseBelow }
  }
}
