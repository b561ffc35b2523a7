//! Splitting a section's text into cells: markdown pipe tables, pipe rows, tab/docx paste, and
//! cell per line (forms.md). Every cell keeps its exact span.
