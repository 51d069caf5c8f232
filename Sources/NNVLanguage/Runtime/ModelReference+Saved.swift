import NNVCore

/// Whether a model has changed since it was last written to a file or read from one, so the
/// REPL can ask before a session with unsaved models ends.
///
/// A model is compared by a fingerprint of what a save writes: its input shape, layers, weights
/// and the length of its history. Its name is left out: a loaded model takes the name it is
/// bound to (`let again = load(...)`), which loses no work. `save` and `load` record the fingerprint; training,
/// or anything else that changes the model, makes the current one differ.
extension ModelReference {
  /// A 64-bit hash (FNV-1a over 32-bit words) of the model's shapes, layers, weights and
  /// history length.
  public var fingerprint: UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ value: UInt64) {
      hash = (hash ^ (value & 0xffff_ffff)) &* 0x100_0000_01b3
      hash = (hash ^ (value >> 32)) &* 0x100_0000_01b3
    }
    func mix(_ text: String) {
      for byte in text.utf8 { mix(UInt64(byte)) }
      mix(UInt64(text.utf8.count))
    }
    for size in model.inputShape { mix(UInt64(truncatingIfNeeded: size)) }
    mix(UInt64(model.history.epochs.count))
    for layer in model.layers {
      mix(layer.kind)
      mix(layer.name)
      mix(layer.activation.name)
      for tensor in layer.parameters {
        for size in tensor.shape { mix(UInt64(truncatingIfNeeded: size)) }
        for value in tensor.scalars {
          hash = (hash ^ UInt64(value.bitPattern)) &* 0x100_0000_01b3
        }
      }
    }
    return hash
  }

  /// Whether the model is as it was when last saved or loaded.
  public var isSaved: Bool { savedFingerprint == fingerprint }

  /// Records the model as saved in its current state.
  public func markSaved() { savedFingerprint = fingerprint }
}
