//! The numbers `cargo xtask xor` prints with its defaults (seed 0, 5000
//! steps, lr 1, Xavier, sigmoid), asserted on the study itself.

use std::ops::ControlFlow;

use super::*;

const DEFAULTS: XorSettings = XorSettings {
    activation: Activation::Sigmoid,
    init: WeightInit::Xavier,
    learning_rate: 1.0,
    iters: 5000,
};

#[test]
fn the_single_layer_ends_at_p_one_half_and_the_hidden_layer_solves_it() {
    let single = fit(&DEFAULTS, &[], 0).unwrap();
    assert_eq!(format!("{:.6}", single.final_loss), "0.693147");
    assert_eq!(single.correct, 1);
    for p in single.probabilities {
        assert!((p - 0.5).abs() < 1e-9, "P = {p}, not 1/2");
    }
    assert!(single.surface.is_flat());
    assert_eq!(single.diagnosis(), Diagnosis::Flat);
    let (left, right) = single.score_sums();
    assert!((left - right).abs() < 1e-12, "{left} vs {right}");

    let hidden = fit(&DEFAULTS, &[3], 0).unwrap();
    assert_eq!(hidden.correct, 4);
    assert_eq!(hidden.diagnosis(), Diagnosis::Solved);
    assert_eq!(hidden.losses.len(), 5000);
    assert!(hidden.final_loss < 0.01, "{}", hidden.final_loss);
    assert!(!hidden.surface.is_flat());
    assert!(!hidden.surface.boundary().is_empty());
}

#[test]
fn ten_seeds_solve_it_with_three_or_four_units_and_nine_with_two() {
    let layouts = summary_layouts(3);
    assert_eq!(layouts, vec![vec![], vec![2], vec![3], vec![4]]);
    let solved: Vec<SeedSummary> = layouts
        .iter()
        .map(|hidden| seed_summary(&DEFAULTS, hidden, 0..SEEDS).unwrap())
        .collect();
    let counts: Vec<usize> = solved.iter().map(|s| s.solved).collect();
    assert_eq!(counts, [0, 9, 10, 10]);
    let (diagnosis, runs) = &solved[1].failures[0];
    assert_eq!(runs.len(), 1);
    assert_eq!((runs[0].seed, runs[0].correct), (6, 2));
    assert_eq!(format!("{:.4}", runs[0].final_loss), "0.3475");
    assert!(
        diagnosis
            .to_string()
            .starts_with("the loss stopped falling"),
        "{diagnosis}"
    );
}

#[test]
fn a_fifth_hidden_size_joins_the_summary() {
    assert_eq!(summary_layouts(7).last(), Some(&vec![7]));
    assert_eq!(summary_layouts(2).len(), 4);
}

#[test]
fn a_watched_run_is_the_same_run_frame_by_frame() {
    let fit = fit(&DEFAULTS, &[3], 0).unwrap();
    let mut frames = Vec::new();
    let watched = fit_watched(&DEFAULTS, &[3], 0, 1000, |frame| {
        frames.push(frame);
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(watched.losses, fit.losses);
    assert_eq!(watched.correct, 4);
    let steps: Vec<usize> = frames.iter().map(|f| f.step).collect();
    assert_eq!(steps, [0, 1000, 2000, 3000, 4000, 5000]);
    assert_eq!(frames[0].losses.len(), 0);
    assert_eq!(frames[1].losses[..], fit.losses[..1000]);
    assert_eq!(frames[5].loss, fit.final_loss);
    assert_eq!(frames[5].surface, fit.surface);

    // Stopped after its second frame: 1000 steps taken.
    let mut seen = 0;
    let stopped = fit_watched(&DEFAULTS, &[], 0, 1000, |_| {
        seen += 1;
        if seen == 2 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })
    .unwrap();
    assert_eq!(stopped.losses.len(), 1000);
}
