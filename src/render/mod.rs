//! Renderers of diagnostics: terminal (codespan-reporting), JSON, SARIF, GitHub annotations.
