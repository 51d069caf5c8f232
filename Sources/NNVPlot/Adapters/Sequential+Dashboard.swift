import NNVCore

/// The live dashboard's data that the static views do not already arrange: the network by its
/// weights and every tensor's distribution now.
extension ModelViews {
  /// The weights of every layer with a weight matrix (inputs × units), in order, for the
  /// dashboard's network: the same matrices the `weights` view shows.
  public static func networkWeights(
    _ model: Sequential, options: ChartOptions = ChartOptions()
  ) -> NetworkWeights {
    NetworkWeights(
      denseWeights(model).map {
        NetworkWeights.Layer(name: $0.name, weights: $0.weights, bias: $0.bias)
      }, options: options)
  }

  /// Each parameter tensor's distribution as it is now (NNVCore's `WeightDistribution`), a
  /// strip per tensor named `layer w` or `layer b`.
  public static func weightStrips(
    _ model: Sequential, options: ChartOptions = ChartOptions()
  ) -> DistributionStrips {
    DistributionStrips(
      WeightDistribution.of(model).map {
        DistributionStrips.Strip(
          name: "\($0.layer) \($0.isBias ? "b" : "w")", percentiles: $0.values.map(Double.init))
      }, options: options)
  }
}
