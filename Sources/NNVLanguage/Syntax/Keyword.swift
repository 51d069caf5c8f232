/// The reserved words of nnv.
///
/// Command clause words (`on`, `epochs`), layer kinds (`dense`) and activation names (`relu`)
/// are deliberately *not* keywords: they are known from the builtin declarations and only mean
/// something where a command or a model block expects them, so they stay free as names.
/// If you add a keyword, also add it to `Grammar/nnv.ebnf` and `Grammar/nnv.tmLanguage.json`
/// (`GrammarConformanceTests` checks both).
public enum Keyword: String, CaseIterable, Sendable {
  case `let`, model, from, `if`, `else`, `for`, `in`, `while`, fn, `return`, print
  case `true`, `false`, none, and, or, not
}
