//! `gxlint lsp`: a thin adapter over the library (tower-lsp-server).
