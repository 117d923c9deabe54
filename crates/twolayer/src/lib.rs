#![doc = include_str!("../README.md")]

pub mod simple_net;

pub mod two_layer_net;

pub mod gradient_check;

pub mod train;

pub mod checkpoint;

pub mod fast;

pub use checkpoint::CheckpointError;
pub use gradient_check::{GradientCheck, GradientDiff, gradient_check};
pub use layers::{Activation, AddLayer, MulLayer, ParseChoiceError, randn};
pub use simple_net::SimpleNet;
pub use train::{
    ConfigError, Dataset, DatasetError, Dimension, EpochStats, GradientMethod, HiddenUse,
    MAX_WEIGHT_INIT_STD, NextSteps, Probe, Sampling, TrainConfig, TrainError, TrainObserver,
    TrainReport, train_neuralnet,
};
pub use two_layer_net::{Params, Trace, TwoLayerNet};
