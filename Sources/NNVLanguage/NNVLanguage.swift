// The nnv language: lexer, parser, diagnostics and interpreter.
