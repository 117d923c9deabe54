//! The figures of the initialisation study (the book's section 6.2, drawn
//! from `studies::init`): a histogram figure per setting (figures 6-10 to
//! 6-14), the gradient norms per layer, and the training loss by
//! initialisation (figure 6-15).

mod histograms;
mod lines;

pub use histograms::activation_histograms;
pub use lines::{gradient_norms, training_loss};

#[cfg(test)]
mod tests {
    use studies::init::{Curve, TrainingSettings, WeightInit, activations};

    use super::*;

    #[test]
    fn each_setting_draws_a_panel_per_layer_and_relu_says_what_it_leaves_out() {
        let study = activations(0).unwrap();
        let sigmoid = activation_histograms(&study[0]).unwrap();
        assert!(sigmoid.contains("sigmoid, std 1: activations of the 5 hidden layers"));
        assert!((1..=5).all(|i| sigmoid.contains(&format!("layer {i}: mean"))));
        assert!(!sigmoid.contains("zeros not shown"));
        let relu = activation_histograms(&study[5]).unwrap();
        assert_eq!(relu.matches("zeros not shown").count(), 5);
    }

    #[test]
    fn the_loss_figure_names_each_initialisation_with_its_final_loss() {
        let curves: Vec<Curve> = [WeightInit::Std(0.01), WeightInit::He]
            .into_iter()
            .map(|init| Curve {
                init,
                losses: vec![2.0; 10],
            })
            .collect();
        let settings = TrainingSettings {
            learning_rate: 0.01,
            batch_size: 128,
            iters: 10,
            seed: 0,
        };
        let svg = training_loss(&curves, &settings).unwrap();
        assert!(svg.contains("std 0.01: final 2.0000"), "{svg}");
        assert!(svg.contains("He (std sqrt(2/n)): final 2.0000"));
        assert!(svg.contains("moving average of 50"));
    }
}
