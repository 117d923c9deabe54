//! Measures how long `load` (and the book's `load_mnist`) take on the real
//! files in `MNIST_DIR` (raw or gzip):
//! `cargo run -p mnist-data --release --example load_time`.

use std::time::Instant;

use mnist_data::{Error, load, load_mnist};

/// A load that gives the training and test counts.
type Load<'a> = &'a dyn Fn() -> Result<(usize, usize), Error>;

#[allow(clippy::print_stdout, reason = "the example reports its measurement")]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::var_os("MNIST_DIR")
        .ok_or("set MNIST_DIR to the directory of the four MNIST files")?;
    let typed = || load(&dir).map(|m| (m.train.len(), m.test.len()));
    let book =
        || load_mnist(&dir, true, true, false).map(|((x, _), (y, _))| (x.shape[0], y.shape[0]));
    let timed: [(&str, Load<'_>); 2] = [
        ("u8 pixels, label indices", &typed),
        ("book defaults (f32 pixels)", &book),
    ];
    for (label, run) in timed {
        let mut best = f64::INFINITY;
        for _ in 0..5 {
            let start = Instant::now();
            let counts = run()?;
            best = best.min(start.elapsed().as_secs_f64());
            assert_eq!(counts, (60_000, 10_000));
        }
        println!("{label}: best of 5 = {:.3} s", best);
    }
    Ok(())
}
