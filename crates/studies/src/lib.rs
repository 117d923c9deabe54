#![doc = include_str!("../README.md")]

pub mod init;
mod moving_average;
pub mod xor;

pub use moving_average::moving_average;
