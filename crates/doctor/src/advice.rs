//! The likely cause of each symptom and the change to try, from the run's
//! knobs: a knob that is off the book's value is put back to it; one that
//! is already there moves by a factor of ten.

use twolayer::TrainConfig;

use crate::command::{command_line, number};
use crate::{Finding, Suggestion, Symptom};

/// A finding of `symptom` at `iteration` in a run of `config`, with what
/// was `seen`: its cause and suggestion are the symptom's (`best` is where
/// the test accuracy was best, the iterations suggested for overfitting).
pub(crate) fn finding(
    config: &TrainConfig,
    symptom: Symptom,
    iteration: usize,
    seen: String,
    best: usize,
) -> Finding {
    let book = TrainConfig::default();
    let (lr, std) = (config.learning_rate, config.weight_init_std);
    let too_large_lr = format!("a learning rate ({}) too large", number(lr));
    let smaller_lr = ("lr", smaller(lr, book.learning_rate));
    // The initial weights first when they are off the book's: the first
    // steps cannot undo what they start from.
    let saturating = if std > book.weight_init_std {
        let cause = format!(
            "initial weights (--weight-init-std {}) too large",
            number(std)
        );
        (cause, ("weight-init-std", book.weight_init_std))
    } else {
        (too_large_lr.clone(), smaller_lr)
    };
    let (cause, (flag, value)) = match symptom {
        Symptom::FlatLoss if lr < book.learning_rate => (
            format!(
                "nothing is learned: the learning rate ({}) is too small to move the weights",
                number(lr)
            ),
            ("lr", book.learning_rate),
        ),
        Symptom::FlatLoss if std != book.weight_init_std => (
            format!(
                "nothing is learned: the initial weights (--weight-init-std {}) give vanishing gradients",
                number(std)
            ),
            ("weight-init-std", book.weight_init_std),
        ),
        Symptom::FlatLoss => (
            "nothing is learned: the steps are too small to move the weights".to_owned(),
            ("lr", lr * 10.0),
        ),
        Symptom::NotFinite => (
            format!("{too_large_lr}: the steps overshoot until the weights overflow"),
            smaller_lr,
        ),
        Symptom::RisingLoss => (
            format!("{too_large_lr}: the steps overshoot the minimum"),
            smaller_lr,
        ),
        Symptom::StuckAccuracy if lr < book.learning_rate => (
            format!(
                "nothing is learned yet: the learning rate ({}) is too small to move the weights",
                number(lr)
            ),
            ("lr", book.learning_rate),
        ),
        Symptom::StuckAccuracy => (
            format!(
                "the output no longer depends on the image: {} threw the hidden units where their gradient vanishes",
                saturating.0
            ),
            saturating.1,
        ),
        Symptom::Saturated => (
            format!(
                "{}: a saturated sigmoid passes almost no gradient (z (1 - z) < 0.0099)",
                saturating.0
            ),
            saturating.1,
        ),
        Symptom::DeadUnits => (
            format!(
                "{}: a ReLU unit that fires on no image gets no gradient and never recovers",
                saturating.0
            ),
            saturating.1,
        ),
        Symptom::Overfitting => (
            format!(
                "the network learns the training set by heart (overfitting, the book's §6.4); the test accuracy was best at iteration {best}: stop there"
            ),
            ("iters", (best + 1) as f64),
        ),
    };
    let value = number(value);
    Finding {
        symptom,
        iteration,
        seen,
        cause,
        suggestion: suggestion(config, flag, value),
    }
}

/// The suggestion to set `flag` to `value` in a run of `config`.
pub(crate) fn suggestion(config: &TrainConfig, flag: &'static str, value: String) -> Suggestion {
    Suggestion {
        flag,
        command: command_line(config, flag, &value),
        value,
    }
}

/// A smaller value than `current`: the book's if `current` is above it,
/// else a tenth.
fn smaller(current: f64, book: f64) -> f64 {
    if current > book { book } else { current / 10.0 }
}
