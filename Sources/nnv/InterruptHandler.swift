import Dispatch
import Foundation
import NNVLanguage

/// Turns Ctrl-C into a cancellation request: the running command stops at its next poll (a few
/// milliseconds; training at the next batch, with the model intact) and the script ends with
/// exit status 130. A second Ctrl-C while the first is pending ends nnv at once.
final class InterruptHandler {
  private let source: any DispatchSourceSignal

  init(cancellation: CancellationFlag) {
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
      if cancellation.isCancelled { exit(130) }
      cancellation.cancel()
    }
    source.resume()
  }

  /// Restores the default Ctrl-C behaviour.
  func stop() {
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
