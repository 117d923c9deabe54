//! Property tests of the IDX parser: arbitrary bytes and mutated valid
//! headers, raw or gzip, never panic it and never make it allocate more
//! than the input justifies (measured by a counting global allocator).

#![allow(
    unsafe_code,
    reason = "a counting global allocator measures what the parser allocates"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use integration_tests::gz;
use mnist_data::{IdxArray, IdxType, parse_idx};
use proptest::prelude::*;

/// Counts the bytes allocated (and grown by realloc) on the current thread
/// while tracking is on.
struct CountingAllocator;

thread_local! {
    static TRACKING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

fn note(bytes: usize) {
    let _ = TRACKING.try_with(|tracking| {
        if tracking.get() {
            ALLOCATED.with(|a| a.set(a.get().saturating_add(bytes)));
        }
    });
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// bookkeeping only touches const-initialized thread-locals, which never
// allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size.saturating_sub(layout.size()));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Bytes allocated on this thread by `parse_idx(input)`.
fn parse_counting(input: &[u8]) -> (Result<IdxArray, mnist_data::IdxError>, usize) {
    ALLOCATED.with(|a| a.set(0));
    TRACKING.with(|t| t.set(true));
    let result = parse_idx(input);
    TRACKING.with(|t| t.set(false));
    (result, ALLOCATED.with(Cell::get))
}

/// Dimension list and error copies: at most 255 sizes of 4 bytes, twice.
const HEADER_OVERHEAD: usize = 4096;
/// The gzip decoder's own state and buffers (window, tables).
const DECODER_OVERHEAD: usize = 256 * 1024;
/// Deflate's maximal expansion: n input bytes decompress to at most ~1032 n.
const MAX_DEFLATE_RATIO: usize = 1032;

/// What an input of `len` bytes can justify: its own length when raw, its
/// maximal decompressed length when gzip.
fn justified(input: &[u8]) -> usize {
    if mnist_data::is_gzip(input) {
        DECODER_OVERHEAD + 2 * MAX_DEFLATE_RATIO * input.len() + HEADER_OVERHEAD
    } else {
        input.len() + HEADER_OVERHEAD
    }
}

fn check(input: &[u8]) -> Result<(), TestCaseError> {
    let (result, allocated) = parse_counting(input);
    prop_assert!(
        allocated <= justified(input),
        "{allocated} bytes allocated for {} input bytes",
        input.len()
    );
    if let Ok(array) = result {
        let product: u64 = array.dims().iter().map(|&d| u64::from(d)).product();
        prop_assert_eq!(
            array.bytes().len() as u64,
            product * array.dtype().size() as u64
        );
    }
    Ok(())
}

/// A valid small IDX file of any type.
fn valid_idx() -> impl Strategy<Value = Vec<u8>> {
    let dtype = prop::sample::select(vec![
        IdxType::U8,
        IdxType::I8,
        IdxType::I16,
        IdxType::I32,
        IdxType::F32,
        IdxType::F64,
    ]);
    (dtype, prop::collection::vec(0u32..6, 1..4)).prop_flat_map(|(dtype, dims)| {
        let len = dims.iter().product::<u32>() as usize * dtype.size();
        prop::collection::vec(any::<u8>(), len).prop_map(move |data| {
            IdxArray::new(dtype, dims.clone(), data)
                .expect("consistent")
                .to_idx_bytes()
        })
    })
}

/// A valid file with some header bytes overwritten, then possibly cut or
/// extended.
fn mutated_idx() -> impl Strategy<Value = Vec<u8>> {
    (
        valid_idx(),
        prop::collection::vec((0usize..16, any::<u8>()), 1..4),
        -8i32..8,
    )
        .prop_map(|(mut bytes, edits, resize)| {
            for (at, value) in edits {
                let at = at % bytes.len();
                bytes[at] = value;
            }
            let len = (bytes.len() as i32 + resize).max(0) as usize;
            bytes.resize(len, 0xab);
            bytes
        })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_nor_overallocate(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes)?;
    }

    #[test]
    fn arbitrary_bytes_after_a_gzip_magic_never_panic(tail in prop::collection::vec(any::<u8>(), 0..512)) {
        let bytes = [mnist_data::GZIP_MAGIC.as_slice(), &[8, 0], &tail].concat();
        check(&bytes)?;
    }

    #[test]
    fn valid_files_round_trip(bytes in valid_idx()) {
        let (parsed, allocated) = parse_counting(&bytes);
        let parsed = parsed.expect("valid");
        prop_assert!(allocated >= parsed.bytes().len(), "the allocation counter is live");
        prop_assert_eq!(parsed.to_idx_bytes(), bytes.clone());
        prop_assert_eq!(parse_idx(&gz(&bytes)).expect("valid").to_idx_bytes(), bytes);
    }

    #[test]
    fn mutated_headers_never_panic_nor_overallocate(bytes in mutated_idx()) {
        check(&bytes)?;
        check(&gz(&bytes))?;
    }

    #[test]
    fn cut_gzip_streams_never_panic_nor_overallocate(bytes in valid_idx(), cut in 0usize..64) {
        let zipped = gz(&bytes);
        check(&zipped[..zipped.len().saturating_sub(cut)])?;
    }
}

#[test]
fn a_huge_declared_size_is_refused_without_allocating_it() {
    // 255 x 2^32 bytes declared (about a terabyte), ten bytes present.
    let mut bytes = vec![0, 0, 8, 2];
    bytes.extend_from_slice(&u32::MAX.to_be_bytes());
    bytes.extend_from_slice(&255u32.to_be_bytes());
    bytes.extend_from_slice(&[7; 10]);
    for input in [bytes.clone(), gz(&bytes)] {
        let (result, allocated) = parse_counting(&input);
        assert!(result.is_err());
        assert!(
            allocated <= DECODER_OVERHEAD + MAX_DEFLATE_RATIO * input.len(),
            "{allocated} bytes allocated"
        );
    }
}
