//! A run from the page on its blocking thread: the same run as `cargo
//! xtask train`'s (a claimed run directory, `config.json`, `metrics.csv`
//! streamed by [`Recorder`]), logging to its [`TrainRun`] and steered by
//! its controls between steps; finished or stopped, its model and pictures
//! are written and it becomes the served model.

use std::ops::ControlFlow;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use doctor::{Doctor, Finding};
use runs::{LrChange, Recorder, RunConfig, RunDir, RunObserver};
use serde_json::{Value, json};
use twolayer::fast::Trainer;
use twolayer::{EpochStats, NextSteps, TrainConfig, TrainObserver, checkpoint};

use super::log::TrainRun;
use crate::Error;
use crate::state::{AppState, Served, StoppedAt};

/// Trains `run` to its end (a panic included) and logs how it ended.
pub fn train(state: &AppState, run: &TrainRun) {
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| train_and_save(state, run)));
    run.finish(match outcome {
        Ok(Ok(saved)) => saved.event(),
        Ok(Err(failure)) => failed(&chain(&failure)),
        Err(_) => failed("the training thread panicked"),
    });
}

/// The last event of a run that failed.
fn failed(error: &str) -> Value {
    json!({ "type": "failed", "error": error, "message": format!("failed: {error}") })
}

/// `error` and its sources, one after the other: `a: b: c`.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}

/// What a run from the page saved: its model, how far it went, and the
/// saved model's test accuracy.
struct Saved {
    model: PathBuf,
    test_acc: f64,
    iteration: usize,
    iters: usize,
}

impl Saved {
    /// The run's last event: `done`, or `stopped` when it ended early.
    fn event(&self) -> Value {
        let stopped = self.iteration < self.iters;
        let model = self.model.display().to_string();
        let how = if stopped {
            StoppedAt {
                iteration: self.iteration,
                iters: self.iters,
            }
            .to_string()
        } else {
            format!("done after {} iterations", self.iters)
        };
        json!({
            "type": if stopped { "stopped" } else { "done" },
            "model": model,
            "test_acc": self.test_acc,
            "iteration": self.iteration,
            "iters": self.iters,
            "message": format!(
                "{how}, test accuracy {:.4}; saved to {model}",
                self.test_acc
            ),
        })
    }
}

/// Trains in a new run directory (released when the run ends), logging
/// to `run`, then serves its model.
fn train_and_save(state: &AppState, run: &TrainRun) -> Result<Saved, Error> {
    let run_dir = RunDir::create(None, &state.runs_root)?;
    let outcome = train_into(state, run.config(), run, &run_dir);
    match &outcome {
        Ok(_) => run_dir.release(),
        Err(failure) => run_dir.release_failed(&chain(failure)),
    }
    outcome
}

/// The run of [`train_and_save`] once its directory is claimed: the book's
/// loop on the fast path ([`Trainer::run`]), stopping after the current
/// step when asked. A run that ends early is saved as `cargo xtask train`
/// saves an interrupted one: its plots and `model-interrupted.safetensors`,
/// served labelled as stopped.
fn train_into(
    state: &AppState,
    config: &TrainConfig,
    run: &TrainRun,
    run_dir: &RunDir,
) -> Result<Saved, Error> {
    let (train, test) = (state.train(), state.test());
    let run_config = RunConfig::new(config, &state.mnist().dir, train.len(), test.len());
    run_dir.write("config.json", run_config.to_json()?.as_bytes())?;
    let metrics = run_dir.file("metrics.csv");
    let log = PageLog {
        run,
        stride: TrainRun::stride(config),
        run_dir,
        run_config,
        error: None,
    };
    let doctor = Doctor::for_run(config, &train, &test);
    let mut recorder = Recorder::new(log, &metrics, Arc::clone(&run.stop), doctor)?;
    let outcome = Trainer::new(&train, &test, config).and_then(|t| t.run(&mut recorder));
    let (log, record) = recorder.finish(&outcome);
    let record = record?;
    if let Some(error) = log.error {
        return Err(error);
    }
    run_dir.write("findings.json", record.findings_json()?.as_bytes())?;
    let report = outcome?;
    let (iteration, name) = match report.stopped_after {
        None => (config.iters, "model.safetensors"),
        Some(iterations) => (iterations, "model-interrupted.safetensors"),
    };
    let net = report.net;
    let model = run_dir.file(name);
    checkpoint::save(&model, &net).map_err(|source| Error::Save {
        path: model.clone(),
        source,
    })?;
    let mut files = runs::pictures::plot_files(&record)?;
    if iteration == config.iters {
        files.extend(runs::pictures::picture_files(
            &net,
            &test,
            &runs::pictures::model_name(&model),
        )?);
    }
    for (file, contents) in files {
        run_dir.write(&file, &contents)?;
    }
    let test_acc = twolayer::fast::evaluate(&net, &test);
    let stopped = (iteration < config.iters).then_some(StoppedAt {
        iteration,
        iters: config.iters,
    });
    state.serve(Served {
        net,
        model: model.clone(),
        stopped,
    });
    Ok(Saved {
        model,
        test_acc,
        iteration,
        iters: config.iters,
    })
}

/// The [`TrainObserver`] of a run started from the page: every `stride`-th
/// loss and each epoch go to the run's log (the [`Recorder`] around it writes
/// `metrics.csv` and stops the run when asked); between steps it waits on
/// the run's controls, and records each change of the learning rate in the
/// log and in `config.json`'s `lr_schedule`.
struct PageLog<'a> {
    run: &'a TrainRun,
    stride: usize,
    run_dir: &'a RunDir,
    run_config: RunConfig<'a>,
    /// The first failure to rewrite `config.json`.
    error: Option<Error>,
}

impl TrainObserver for PageLog<'_> {
    fn on_iteration(&mut self, iteration: usize, loss: f64) -> ControlFlow<()> {
        self.run.reached(iteration + 1);
        if iteration.is_multiple_of(self.stride) {
            self.run
                .push(json!({ "type": "loss", "iteration": iteration, "loss": loss }));
        }
        ControlFlow::Continue(())
    }

    fn on_epoch(&mut self, stats: &EpochStats) {
        self.run.push(json!({
            "type": "epoch",
            "epoch": stats.epoch,
            "iteration": stats.iteration,
            "train_acc": stats.train_acc,
            "test_acc": stats.test_acc,
        }));
    }

    fn next_steps(&mut self, iteration: usize) -> NextSteps {
        let (count, learning_rate) = self.run.controls.next_steps(&self.run.stop);
        if let Some(lr) = learning_rate {
            self.run
                .push(json!({ "type": "lr", "iteration": iteration, "lr": lr }));
            self.run_config.lr_schedule.push(LrChange { iteration, lr });
            let written = self
                .run_config
                .to_json()
                .and_then(|json| self.run_dir.replace("config.json", json.as_bytes()));
            if let Err(error) = written {
                self.error.get_or_insert(error.into());
            }
        }
        NextSteps {
            count,
            learning_rate,
        }
    }
}

/// Each finding of the run's doctor, when first seen, as an event.
impl RunObserver for PageLog<'_> {
    fn on_finding(&mut self, finding: &Finding) {
        if let Ok(Value::Object(mut event)) = serde_json::to_value(finding) {
            event.insert("type".to_owned(), json!("finding"));
            event.insert("message".to_owned(), json!(finding.to_string()));
            self.run.push(Value::Object(event));
        }
    }
}
