//! `gxlint lsp`: a thin adapter over the library (tower-lsp-server). No domain logic here.

/// Serve the language server protocol on stdin/stdout until `exit`.
pub fn run_stdio() -> std::io::Result<()> {
    Err(std::io::Error::other("language server not implemented yet"))
}
