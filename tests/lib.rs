//! Fixtures shared by the workspace's tests (`end_to_end.rs` here, and
//! `mnist-data`'s own tests, as a dev-dependency): a small synthetic
//! MNIST-shaped data set that a network can learn, encoded with
//! `mnist-data`'s own IDX encoder ([`synthetic`]), and one scriptable HTTP
//! server on 127.0.0.1 that serves files and fails the way real mirrors do
//! ([`server`]). Nothing here touches the network beyond 127.0.0.1.
//!
//! The library uses only `mnist-data`'s parser half (no `download`
//! feature), so `cargo test -p mnist-data --no-default-features` really
//! builds `mnist-data` without it; and its server knows nothing of
//! `mnist-data` at all.

pub mod server;
pub mod synthetic;

pub use server::{Hit, Reply, TestServer};
pub use synthetic::{IdxFile, gz, gz_table, synthetic_mnist, write_files};

/// The workspace README's snippets ("Use one crate"), compiled and run as
/// doctests, so that what it promises holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct WorkspaceReadme;
