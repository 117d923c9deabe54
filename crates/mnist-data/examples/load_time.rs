//! Measures how long `load_mnist` takes on the real files in `MNIST_DIR`
//! (raw or gzip): `cargo run -p mnist-data --release --example load_time`.

use std::time::Instant;

use mnist_data::{LoadOptions, load_mnist};

#[allow(clippy::print_stdout, reason = "the example reports its measurement")]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::var_os("MNIST_DIR")
        .ok_or("set MNIST_DIR to the directory of the four MNIST files")?;
    for (label, options) in [
        ("u8 pixels, label indices", LoadOptions::raw()),
        ("book defaults (f32 pixels)", LoadOptions::default()),
    ] {
        let mut best = f64::INFINITY;
        for _ in 0..5 {
            let start = Instant::now();
            let mnist = load_mnist(&dir, &options)?;
            best = best.min(start.elapsed().as_secs_f64());
            assert_eq!((mnist.train.len(), mnist.test.len()), (60_000, 10_000));
        }
        println!("{label}: best of 5 = {:.3} s", best);
    }
    Ok(())
}
