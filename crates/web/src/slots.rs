//! [`Slots`]: at most so many of something at once, per server (XOR runs
//! streaming, prediction sockets open), so that no client can make the
//! server hold more.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// `max` slots; one is held as long as the permit [`Slots::take`] gave.
#[derive(Debug)]
pub struct Slots(Arc<Semaphore>);

impl Slots {
    /// `max` free slots.
    pub fn new(max: usize) -> Self {
        Self(Arc::new(Semaphore::new(max)))
    }

    /// A slot until the permit is dropped, or `None` when all are taken.
    pub fn take(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.0).try_acquire_owned().ok()
    }
}
