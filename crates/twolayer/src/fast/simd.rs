//! Running the fast path's loops with the widest vectors the CPU has, and a
//! vectorizable `exp`.
//!
//! The loops are plain Rust over `[f32; 8]` lanes, written so that the
//! compiler vectorizes them. The binary targets any x86-64 (SSE2); when the
//! CPU has AVX2, or AVX-512 (F, BW, DQ and VL), [`Isa::run`] runs a copy of
//! the same code compiled for it. The vectors run across hidden units (each
//! lane one unit's sum, never the terms of one sum), so every element is
//! computed by the same operations in the same order in every copy, whatever
//! the vector width; and Rust never fuses a multiply and an add on its own
//! (although AVX-512 implies FMA), so all copies give the same bits: results
//! do not depend on the CPU.

/// A computation that [`Isa::run`] can compile for several instruction sets.
/// `run` and everything it calls should be `#[inline(always)]`, so that it
/// is compiled into each copy.
pub(crate) trait Kernel {
    /// What it computes.
    type Output;
    /// Computes it.
    fn run(self) -> Self::Output;
}

/// The instruction set the kernels run with, detected at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Isa(Inner);

/// Private, so that `Avx2` and `Avx512` are only made after the CPU said
/// it has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inner {
    Baseline,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    #[cfg(target_arch = "x86_64")]
    Avx512,
}

impl Isa {
    /// The best this CPU has.
    pub(crate) fn detect() -> Self {
        Self::available().pop().unwrap_or_else(Self::baseline)
    }

    /// Every instruction set this CPU can run the kernels with, from the
    /// baseline to the best.
    pub(crate) fn available() -> Vec<Self> {
        let mut available = vec![Self::baseline()];
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            if has!("avx2") {
                available.push(Self(Inner::Avx2));
                if has!("avx512f") && has!("avx512bw") && has!("avx512dq") && has!("avx512vl") {
                    available.push(Self(Inner::Avx512));
                }
            }
        }
        available
    }

    /// Whether this is the AVX-512 copy.
    #[cfg(test)]
    pub(crate) fn is_avx512(self) -> bool {
        #[cfg(target_arch = "x86_64")]
        return self.0 == Inner::Avx512;
        #[cfg(not(target_arch = "x86_64"))]
        false
    }

    /// The target's baseline (SSE2 on x86-64), for any CPU.
    pub(crate) fn baseline() -> Self {
        Self(Inner::Baseline)
    }

    /// Runs `kernel` compiled for this instruction set.
    pub(crate) fn run<K: Kernel>(self, kernel: K) -> K::Output {
        match self.0 {
            Inner::Baseline => kernel.run(),
            #[cfg(target_arch = "x86_64")]
            Inner::Avx2 => run_avx2(kernel),
            #[cfg(target_arch = "x86_64")]
            Inner::Avx512 => run_avx512(kernel),
        }
    }
}

/// `kernel.run()` compiled with AVX2.
#[cfg(target_arch = "x86_64")]
#[allow(
    unsafe_code,
    reason = "calling a function compiled for AVX2 needs `unsafe`; it is only \
              called after `is_x86_feature_detected!(\"avx2\")` said yes"
)]
fn run_avx2<K: Kernel>(kernel: K) -> K::Output {
    #[target_feature(enable = "avx2")]
    unsafe fn with_avx2<K: Kernel>(kernel: K) -> K::Output {
        kernel.run()
    }
    // SAFETY: `Inner::Avx2` is only made by `Isa::detect`, after
    // `is_x86_feature_detected!("avx2")`: this CPU has AVX2.
    unsafe { with_avx2(kernel) }
}

/// `kernel.run()` compiled with AVX-512 (F, BW, DQ, VL): 16 lanes in the
/// 32 `zmm` registers.
#[cfg(target_arch = "x86_64")]
#[allow(
    unsafe_code,
    reason = "calling a function compiled for AVX-512 needs `unsafe`; it is \
              only called after `is_x86_feature_detected!` said yes to each \
              of its features"
)]
fn run_avx512<K: Kernel>(kernel: K) -> K::Output {
    #[target_feature(enable = "avx2,avx512f,avx512bw,avx512dq,avx512vl")]
    unsafe fn with_avx512<K: Kernel>(kernel: K) -> K::Output {
        kernel.run()
    }
    // SAFETY: `Inner::Avx512` is only made by `Isa::available`, after
    // `is_x86_feature_detected!` said yes to AVX2, AVX-512 F, BW, DQ and VL.
    unsafe { with_avx512(kernel) }
}

/// `e^x` in `f32`, within 2 units in the last place of the exact value for
/// `x` in `[-87, 88]`, without branches so that loops over it vectorize
/// (the C library's `expf` is a call per element). Outside that range it
/// returns `e^-87` or `e^88` (where `expf` gives 0 or `inf`), which the
/// sigmoid and the softmax turn into the same result to within `1e-37`;
/// `NaN` stays `NaN`.
///
/// Cephes' `expf`: `x = n ln 2 + r` with `|r| <= ln 2 / 2`, `e^r` by its
/// degree-7 polynomial, and `2^n` built in the exponent bits.
#[inline(always)]
pub(crate) fn exp(x: f32) -> f32 {
    const HI: f32 = 88.0;
    const LO: f32 = -87.0;
    // 1.5 * 2^23: adding it rounds to an integer, which its low bits hold.
    const ROUND: f32 = 12_582_912.0;
    // ln 2 in two parts: `LN2_HI` is 355/512 (0.693359375 exactly), so
    // `n * LN2_HI` is exact for |n| < 2^15.
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    // Comparisons that are false for NaN, so that NaN goes through.
    let x = if x > HI { HI } else { x };
    let x = if x < LO { LO } else { x };
    let shifted = x * std::f32::consts::LOG2_E + ROUND;
    let n = shifted - ROUND;
    let r = (x - n * LN2_HI) - n * LN2_LO;
    let mut p = 1.987_569_1e-4;
    p = p * r + 1.398_199_9e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 1.666_666_5e-1;
    p = p * r + 0.5; // Cephes' 5.0000001201e-1, rounded to f32
    let e_r = p * (r * r) + r + 1.0;
    // 2^n: n in [-126, 127] is the biased exponent n + 127 in bits 23..31.
    let n_bits = shifted.to_bits().wrapping_sub(ROUND.to_bits());
    e_r * f32::from_bits(n_bits.wrapping_add(127) << 23)
}

/// The magnitude below which the sigmoid's value and the softmax's
/// exponentials count as 0: `2^-50`, about `8.9e-16`.
///
/// Saturated units (a run with a learning rate of 100, or weights drawn
/// with a standard deviation of 10) otherwise fill the step with subnormal
/// floats (`sigmoid(-88)` is `6e-39`, and its gradient `(1 - z) z` times
/// `dout W2^T` is smaller still), and every multiplication that takes or
/// makes one costs the CPU a microcode assist of about 100 cycles: such
/// runs were 14 to 50 times slower. From `2^-50` on, the products the step
/// forms (with a pixel, a weight, `dout` or a learning rate) stay normal.
/// A value this small is below the last bit of any sum whose other terms
/// reach `2^-26` or so: flushing it changes nothing there, and runs that
/// never meet such values (the book's) keep every bit.
pub(crate) const TINY: f32 = 8.881_784e-16;

/// `v`, or 0 where `|v| <` [`TINY`] (`NaN` stays `NaN`).
#[inline(always)]
pub(crate) fn flush_tiny(v: f32) -> f32 {
    if v.abs() < TINY { 0.0 } else { v }
}

/// The sigmoid `1 / (1 + e^-x)`, as `tensor_ops`' but with [`exp`], and
/// [`flush_tiny`]: 0 for `x < ln 2^-50`, about -34.7.
#[inline(always)]
pub(crate) fn sigmoid(x: f32) -> f32 {
    // Flushed to 0 anyway; clamping first keeps the division from making a
    // subnormal (`1 / (1 + e^88)`), which would cost an assist of its own.
    let x = if x < -80.0 { -80.0 } else { x };
    flush_tiny(1.0 / (1.0 + exp(-x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_within_two_ulps_of_the_exact_value() {
        let mut worst = 0.0_f64;
        for i in -870_000..=880_000 {
            let x = i as f32 * 1e-4;
            let exact = f64::from(x).exp();
            let ulp = 2.0_f64.powi(exact.log2().floor() as i32 - 23);
            worst = worst.max((f64::from(exp(x)) - exact).abs() / ulp);
        }
        assert!(worst <= 2.0, "{worst} ulps");
        assert_eq!(exp(0.0), 1.0);
    }

    #[test]
    fn exp_saturates_and_keeps_nan() {
        assert_eq!(exp(1000.0), exp(88.0));
        assert_eq!(exp(f32::NEG_INFINITY), exp(-87.0));
        assert!(exp(f32::NAN).is_nan());
        assert!(exp(-87.0) > 0.0 && exp(88.0).is_finite());
        assert_eq!(sigmoid(1000.0), 1.0);
    }

    #[test]
    fn the_sigmoid_flushes_what_would_be_tiny_to_zero() {
        assert_eq!(TINY, 2.0_f32.powi(-50));
        for x in [-1000.0, -88.0, -80.0, -35.0] {
            assert_eq!(sigmoid(x).to_bits(), 0, "{x}");
        }
        assert!(sigmoid(-34.0) >= TINY);
        assert_eq!(sigmoid(-20.0), 1.0 / (1.0 + exp(20.0)));
        assert!(sigmoid(f32::NAN).is_nan());
        assert_eq!(flush_tiny(-1e-20), 0.0);
        assert_eq!(flush_tiny(-1e-15), -1e-15);
    }
}
