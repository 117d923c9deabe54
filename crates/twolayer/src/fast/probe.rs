//! The hidden units' use on the fast path: [`train::hidden_use`](crate::train::hidden_use)
//! from each sample's non-zero inputs, on this thread.

use super::kernels::hidden_forward;
use super::simd::Kernel;
use super::sparse::{Rows, Scratch};
use super::{AlignedChunks, FastNet, Isa};
use crate::train::{HiddenCount, HiddenUse};

/// How `net`'s hidden units are used on the first `len` samples of `rows`,
/// as `train::hidden_use` counts them (the outputs differ from the plain
/// code's only by rounding).
///
/// # Panics
/// If `rows` has fewer than `len` samples.
pub(crate) fn hidden_use<R: Rows>(isa: Isa, net: &FastNet, rows: &R, len: usize) -> HiddenUse {
    isa.run(Count { net, rows, len })
}

/// The count of [`hidden_use`], compiled for each instruction set.
struct Count<'a, R> {
    net: &'a FastNet,
    rows: &'a R,
    len: usize,
}

impl<R: Rows> Kernel for Count<'_, R> {
    type Output = HiddenUse;

    #[inline(always)]
    fn run(self) -> HiddenUse {
        let net = self.net;
        let mut count = HiddenCount::new(net.activation, net.hidden);
        let mut z1 = AlignedChunks::zeros(net.chunks);
        let mut scratch = Scratch::new(net.inputs);
        for n in 0..self.len {
            hidden_forward(
                net.hidden_layer(),
                self.rows.nonzeros(n, &mut scratch),
                &mut z1,
            );
            count.sample(
                z1.as_flattened()[..net.hidden]
                    .iter()
                    .map(|&z| f64::from(z)),
            );
        }
        count.finish()
    }
}
