//! The training plots: text without fonts, empty runs, sampled runs, comparisons.

use super::*;

type TestResult = Result<(), DrawError>;

/// Every loss with its iteration.
fn indexed(losses: &[f64]) -> Vec<(usize, f64)> {
    losses.iter().copied().enumerate().collect()
}

#[test]
fn a_long_run_is_drawn_from_a_sample_and_says_so() -> TestResult {
    // What `Sampled` keeps of 10,000 losses under a cap of 1,000.
    let losses: Vec<(usize, f64)> = (0..10_000)
        .step_by(16)
        .map(|i| (i, 2.0 / (i + 1) as f64))
        .collect();
    let note = "sampled: every 16th of 10000 iterations drawn";
    let svg = loss_svg(&losses, 10_000, Some(note))?;
    assert!(
        svg.contains("sampled: every 16th of 10000 iterations drawn"),
        "no note"
    );
    Ok(())
}

#[test]
fn text_renders_without_a_font_backend() -> TestResult {
    let svg = loss_svg(&indexed(&[2.3, 1.5, f64::NAN, 0.5]), 4, None)?;
    for text in [
        "Training loss",
        ">\niteration\n<",
        ">\nloss\n<",
        "moving average",
    ] {
        assert!(svg.contains(text), "loss.svg lacks {text:?}");
    }
    let epochs = [
        EpochStats {
            epoch: 0,
            iteration: 0,
            train_acc: 0.1,
            test_acc: 0.12,
            probe: None,
        },
        EpochStats {
            epoch: 1,
            iteration: 600,
            train_acc: 0.8,
            test_acc: 0.79,
            probe: None,
        },
    ];
    let svg = accuracy_svg(&epochs)?;
    for text in [
        "Accuracy per epoch",
        ">\nepoch\n<",
        ">\naccuracy\n<",
        "train acc",
        "test acc",
    ] {
        assert!(svg.contains(text), "accuracy.svg lacks {text:?}");
    }
    Ok(())
}

#[test]
fn empty_runs_still_plot() -> TestResult {
    assert!(loss_svg(&[], 0, None)?.contains("<svg"));
    assert!(accuracy_svg(&[])?.contains("<svg"));
    Ok(())
}

#[test]
fn runs_compare_on_one_plot() -> TestResult {
    let epochs = vec![
        EpochStats {
            epoch: 0,
            iteration: 0,
            train_acc: 0.1,
            test_acc: 0.12,
            probe: None,
        },
        EpochStats {
            epoch: 1,
            iteration: 600,
            train_acc: 0.8,
            test_acc: 0.79,
            probe: None,
        },
    ];
    let svg = compare_accuracy_svg(&[
        ("backprop".to_owned(), epochs.clone()),
        ("numerical".to_owned(), epochs),
    ])?;
    for text in [
        "accuracy per epoch",
        ">\nepoch\n<",
        ">\naccuracy\n<",
        "backprop train",
        "backprop test",
        "numerical train",
        "numerical test",
    ] {
        assert!(svg.contains(text), "the comparison lacks {text:?}");
    }
    assert!(compare_accuracy_svg(&[])?.contains("<svg"));
    Ok(())
}
