/// An error that stops a running script, carrying the diagnostic to show.
struct RuntimeError: Error {
  var diagnostic: Diagnostic
}
