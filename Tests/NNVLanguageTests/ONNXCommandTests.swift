import Foundation
import NNVLanguage
import Testing

/// `export` and `load` of .onnx files through the language: an imported model is a model like
/// any other (summary, views, saliency, diagnose, train, save), and a file nnv cannot use is an
/// error that names the problem.
@Suite struct ONNXCommandTests {
  @Test func anExportedClassifierComesBackAndWorksEverywhere() {
    let output = ScriptRunner.expectSuccess(
      """
      let parts = split(iris(), test: 0.3, seed: 1)
      model net { input 4; dense 8 gelu; dropout 0.2; dense 3 softmax }
      train net on parts.train epochs 5 lr 0.01 standardize true every 100
      export net to "onnx-net.onnx"
      let back = load("onnx-net.onnx")
      print back
      print predict(back, [5.1, 3.5, 1.4, 0.2]) == predict(net, [5.1, 3.5, 1.4, 0.2])
      print back.classes
      summary back width 80 color none
      saliency back on parts.test count 2 width 80 color none
      diagnose back on parts.train width 80 color none
      train back on parts.train epochs 2 lr 0.01 every 100
      save back to "onnx-back.nnvm"
      print len(back.history)
      """)
    #expect(output.contains("exported net to onnx-net.onnx\n"))
    #expect(
      output.contains(
        "model back: input [4] → dense 8 gelu → dropout 0.2 → dense 3 softmax (67 parameters)\n"))
    #expect(output.contains("true\n[\"setosa\", \"versicolor\", \"virginica\"]\n"))
    #expect(output.contains("dense_1"))
    #expect(output.contains("diagnosis of back on parts.train"))
    #expect(output.contains("saved back to onnx-back.nnvm\n"))
    #expect(output.hasSuffix("\n2\n"))
  }

  @Test func convolutionalAndRecurrentModelsComeBackWithTheirViews() {
    let output = ScriptRunner.expectSuccess(
      """
      model cnn { input [1, 8, 8]; conv 4 size 3 padding same relu; maxpool 2; flatten; dense 10 softmax }
      export cnn to "onnx-cnn.onnx"
      let images = load("onnx-cnn.onnx")
      features images on digits() index 0 width 80 color none
      filters images width 80 color none
      model seq { input [12, 1]; gru 6 sequences true; dense 2 softmax }
      export seq to "onnx-seq.onnx"
      let steps = load("onnx-seq.onnx")
      let bits = parity(n: 20, length: 12, seed: 1)
      hidden steps on bits width 80 color none
      gates steps on bits width 80 color none
      print predict(steps, bits[0].x) == predict(seq, bits[0].x)
      print predict(images, digits()[3].x) == predict(cnn, digits()[3].x)
      """)
    #expect(output.hasSuffix("true\ntrue\n"))
  }

  @Test func aFileThatIsNotAModelIsAnErrorNamingIt() throws {
    let path = ScriptRunner.temporaryDirectory + "/onnx-broken.onnx"
    try Data([0x08, 0x07, 0x12, 0xff, 0xff]).write(to: URL(fileURLWithPath: path))
    let (result, _) = ScriptRunner.runText("let m = load(\"onnx-broken.onnx\")")
    #expect(result.status == .software)
    let text = DiagnosticRenderer(color: false).render(result.diagnostics)
    #expect(text.contains("Cannot import 'onnx-broken.onnx': not a usable ONNX model"), "\(text)")
  }
}
