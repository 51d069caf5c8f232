/// Generated scripts for the benchmarks: the front end (lexer, parser, checker) and the live
/// training dashboard.
public enum BenchmarkScript {
  /// About `lines` lines of varied, valid nnv: bindings, arithmetic, lists, functions, loops,
  /// model blocks and command statements. It is meant to be parsed and checked, not run.
  public static func generate(lines: Int) -> String {
    var out = "let data = xor(n: 200, noise: 0.1, seed: 1)\nlet parts = split(data, test: 0.25)\n"
    var count = 2
    var i = 0
    while count < lines {
      let chunk: String
      switch i % 6 {
      case 0:
        chunk = "let v\(i) = (\(i) + 2) * 3 ^ 2 - \(i) % 7 / 1.5\n"
      case 1:
        chunk = "let l\(i) = [1, 2, 3, \"text \(i)\", true, none][2] + len([\(i), 4])\n"
      case 2:
        chunk = "fn f\(i)(a, b) {\n  if a > b and not false { return a } else { return b }\n}\n"
      case 3:
        chunk = "for k in 0..<3 {\n  print k, f\(i - 1)(k, \(i))\n}\n"
      case 4:
        chunk = "model m\(i) {\n  input 2\n  dense 8 tanh\n  dropout 0.1\n  dense 1 sigmoid\n}\n"
      default:
        chunk = "train m\(i - 1) on parts.train epochs 5 batch 32 optimizer adam lr 0.01\n"
      }
      out += chunk
      count += chunk.utf8.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
      i += 1
    }
    return out
  }

  /// A script that trains a 2-16-16-2 network on 400 points of the two moons for `epochs`
  /// epochs of 13 batches, with the live dashboard when `live`: what the benchmark of the
  /// dashboard's cost runs twice, with a screen in memory and without.
  public static func liveTraining(epochs: Int, live: Bool) -> String {
    """
    let data = moons(n: 400, noise: 0.1, seed: 1)
    model net { input 2; dense 16 tanh; dense 16 tanh; dense 2 softmax }
    train net on data epochs \(epochs) batch 32 optimizer adam lr 0.01\(live ? " live" : "")
    """
  }
}
