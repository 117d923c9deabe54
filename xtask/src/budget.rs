//! What a command may cost, checked from its flags before anything is
//! allocated or written: the checks live in `runs::budget`, re-exported
//! here under the name the commands import.

pub use runs::budget::{available_memory, check_memory, check_output, product};
