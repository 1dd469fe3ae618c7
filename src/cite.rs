//! Citations (placeholder).
