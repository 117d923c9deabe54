//! Workspace-level integration tests live in this package's test targets (`end_to_end.rs`).
