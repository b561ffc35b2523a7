//! Applying fixes to a text: non-overlapping edits, re-check, repeat (bounded).
