//! Text analysis (placeholder).
