//! The book's section 6.2, "Initial weight values", measured (`cargo xtask
//! init-study`): how the initial weights decide whether a deep network can
//! learn.
//!
//! 1. [`activations`]: the activations of 5 hidden layers for random inputs
//!    (the book's figures 6-10 to 6-14), as histograms and moments;
//! 2. [`gradient_norms`]: the gradient of every layer at initialisation on
//!    real MNIST (the vanishing gradient in numbers);
//! 3. [`training_run`]: training a 4-hidden-layer ReLU net from std 0.01,
//!    Xavier and He (the book's figure 6-15).
//!
//! Everything is drawn from a seed with ChaCha12: the same seed gives the
//! same numbers.

mod activations;
mod gradients;
mod training;

/// The initialisation of a [`Setting`] or of a training run.
pub use multilayer::WeightInit;
/// The hidden activation of a [`Setting`].
pub use twolayer::Activation;

pub use activations::{
    BINS, Histogram, LAYERS, LayerActivations, SettingActivations, UNITS, activations, histogram,
    layer_activations,
};
pub use gradients::{GradientNorms, gradient_norms, layer_gradient_norms};
pub use training::{Curve, FINAL_WINDOW, SMOOTHING, TrainingSettings, training_run};

/// The six settings of parts 1 and 2, in the book's order.
pub const SETTINGS: [Setting; 6] = [
    Setting(Activation::Sigmoid, WeightInit::Std(1.0)),
    Setting(Activation::Sigmoid, WeightInit::Std(0.01)),
    Setting(Activation::Sigmoid, WeightInit::Xavier),
    Setting(Activation::Relu, WeightInit::Std(0.01)),
    Setting(Activation::Relu, WeightInit::Xavier),
    Setting(Activation::Relu, WeightInit::He),
];

/// A hidden activation with an initialisation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting(pub Activation, pub WeightInit);

impl Setting {
    /// `sigmoid std1`, `relu he`: for tables and legends.
    pub fn label(self) -> String {
        format!("{} {}", self.0, self.1.label())
    }

    /// `sigmoid, std 1`, `ReLU, He (std sqrt(2/n))`: for figure titles.
    pub fn title(self) -> String {
        let activation = match self.0 {
            Activation::Sigmoid => "sigmoid",
            Activation::Relu => "ReLU",
        };
        format!("{activation}, {}", init_title(self.1))
    }
}

/// `std 0.01`, `Xavier (std sqrt(1/n))`, `He (std sqrt(2/n))`.
pub fn init_title(init: WeightInit) -> String {
    match init {
        WeightInit::Std(std) => format!("std {std}"),
        WeightInit::Xavier => "Xavier (std sqrt(1/n))".to_owned(),
        WeightInit::He => "He (std sqrt(2/n))".to_owned(),
    }
}

/// A number of the study's tables and figures: four decimals, or three
/// significant digits for small numbers.
///
/// # Examples
///
/// ```
/// assert_eq!(studies::init::number(0.25), "0.2500");
/// assert_eq!(studies::init::number(0.000123), "1.23e-4");
/// ```
pub fn number(v: f64) -> String {
    if v == 0.0 || v.abs() >= 1e-3 {
        format!("{v:.4}")
    } else {
        format!("{v:.2e}")
    }
}
