/// How to attribute a model's decision to its input features.
public enum AttributionMethod: Sendable, Equatable {
  /// The gradient of the target score with respect to the input (Simonyan et al. 2013),
  /// signed, or its absolute value.
  case gradient(absolute: Bool)
  /// The gradient times the input, element by element.
  case gradientTimesInput
  /// The mean over `samples` noisy copies of the input, with Gaussian noise of standard
  /// deviation `noise` × (max − min of the input) (Smilkov et al. 2017).
  case smoothGrad(samples: Int, noise: Float, variant: SmoothGradVariant)
  /// The path integral of gradients from a baseline to the input, times (input − baseline)
  /// (Sundararajan et al. 2017), by the trapezoidal rule over `steps` intervals.
  case integratedGradients(steps: Int, baseline: Baseline)
  /// The drop of the target score when a patch of the input is replaced by `fill`, spread
  /// over the patch: one feature at a time for `patch` 1 on tabular data; for images
  /// `[C, H, W]`, `patch` × `patch` pixels of every channel, moved by `stride` (at most the
  /// patch) and cut off at the edges, each pixel getting the mean drop of the patches that
  /// cover it (Captum's `Occlusion` with windows (C, patch, patch)).
  case occlusion(patch: Int, stride: Int, fill: Float)

  /// What SmoothGrad averages.
  public enum SmoothGradVariant: String, Sendable, Equatable, CaseIterable {
    /// The mean gradient.
    case mean
    /// The mean squared gradient (SmoothGrad-squared, Hooker et al. 2019).
    case squared
    /// The variance of the gradients (VarGrad, Adebayo et al. 2018).
    case variance
  }

  /// Where Integrated Gradients starts.
  public enum Baseline: Sendable, Equatable {
    /// All zeros (black images, zero features).
    case zeros
    /// A given sample, e.g. the data set's mean.
    case sample(Tensor)
  }

  /// Integrated Gradients with its usual 50 steps from zeros.
  public static let integratedGradients = AttributionMethod.integratedGradients(
    steps: 50, baseline: .zeros)

  /// SmoothGrad with its paper's defaults: 50 samples, 15% noise, mean.
  public static let smoothGrad = AttributionMethod.smoothGrad(
    samples: 50, noise: 0.15, variant: .mean)

  /// A short name and settings for printing under a view.
  public var description: String {
    switch self {
    case .gradient(let absolute): return absolute ? "gradient (absolute)" : "gradient"
    case .gradientTimesInput: return "gradient × input"
    case .smoothGrad(let samples, let noise, let variant):
      let name = variant == .mean ? "SmoothGrad" : variant == .squared ? "SmoothGrad²" : "VarGrad"
      return "\(name), \(samples) samples, noise \(noise)"
    case .integratedGradients(let steps, let baseline):
      let start = baseline == .zeros ? "zeros" : "a given baseline"
      return "integrated gradients, \(steps) steps from \(start)"
    case .occlusion(let patch, let stride, let fill):
      return "occlusion, patch \(patch), stride \(stride), fill \(fill)"
    }
  }
}
