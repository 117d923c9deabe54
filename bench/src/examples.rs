//! Made-up reports for the tests of this crate and of `xtask` (which draws
//! the scaling plot), so that both test the same figures. Not part of the
//! API.

use crate::machine::Machine;
use crate::scaling::timing::Timing;
use crate::scaling::torch::{PeerCell, PeerScaling, PeerScalingRun};
use crate::scaling::{EvaluationCell, ScalingReport, StepCell};

/// A 2-core test machine on 2026-01-01.
pub fn machine() -> Machine {
    Machine {
        cpu: "test CPU".to_owned(),
        cores: 2,
        load_average: "0.00 0.00 0.00".to_owned(),
        os: "linux x86_64".to_owned(),
        rustc: "rustc 1.95.0".to_owned(),
        nalgebra: "0.35.0".to_owned(),
        workspace: "0.1.0",
        date_utc: "2026-01-01T00-00-00".to_owned(),
    }
}

/// Seconds per call as a [`Timing`] of 3 calls.
pub fn timing(median_s: f64) -> Timing {
    Timing {
        median_s,
        calls: 3,
        total_s: 3.0 * median_s,
    }
}

/// A PyTorch cell of `best_s` at 2 threads (twice that at 1).
pub fn peer_cell(hidden: usize, batch: Option<usize>, best_s: f64) -> PeerCell {
    PeerCell {
        hidden,
        batch,
        seconds: [("1".to_owned(), 2.0 * best_s), ("2".to_owned(), best_s)].into(),
        best_s,
        best_threads: 2,
    }
}

/// A grid of hidden 50 and 800 by batch 100 and 1000 on 70,000 images:
/// the dense reference wins at hidden 800, batch 1000; PyTorch ran every
/// cell but the step at hidden 800, batch 1000.
pub fn scaling_report() -> ScalingReport {
    let step = |hidden, batch, ours, dense| StepCell {
        hidden,
        batch,
        ours: timing(ours),
        dense: timing(dense),
    };
    let evaluation = |hidden, ours, dense| EvaluationCell {
        hidden,
        ours: timing(ours),
        dense: timing(dense),
    };
    let record = PeerScaling {
        peer: "torch".to_owned(),
        torch: Some("2.15.0".to_owned()),
        thread_counts: vec![1, 2],
        steps: vec![
            peer_cell(50, Some(100), 1e-3),
            peer_cell(50, Some(1000), 4e-3),
            peer_cell(800, Some(100), 8e-3),
        ],
        evaluations: vec![peer_cell(50, None, 0.07), peer_cell(800, None, 0.7)],
        ..PeerScaling::default()
    };
    ScalingReport {
        machine: machine(),
        input_output: (784, 10),
        images: 70_000,
        min_time_s: 0.3,
        mnist_dir: "/data".to_owned(),
        command: "cargo xtask bench --scaling --peers".to_owned(),
        steps: vec![
            step(50, 100, 1e-4, 5e-4),
            step(50, 1000, 1e-3, 3e-3),
            step(800, 100, 2e-3, 4e-3),
            step(800, 1000, 3e-2, 2e-2),
        ],
        evaluations: vec![evaluation(50, 0.007, 0.07), evaluation(800, 0.1, 0.9)],
        torch: Some(PeerScalingRun {
            command: "python3 bench/peers/twolayer_torch.py --scaling".to_owned(),
            record: Some(record),
            error: None,
        }),
    }
}
