//! Training from the page: `POST /api/train` starts one run at a time on a
//! blocking thread, `POST /api/train/stop` asks it to stop, and
//! `GET /api/train/events` streams its losses and accuracies as
//! server-sent events. The run is the same as `cargo xtask train`'s: a
//! claimed run directory with `config.json` and `metrics.csv` streamed as
//! it grows (`runs::Recorder`); finished (or stopped), its model and
//! pictures are written there and it becomes the served model.
//!
//! The training thread only appends to the run's log and never waits for a
//! client: each event stream reads the log at its own pace, from the start,
//! and a client that goes away just drops its stream.

use std::convert::Infallible;
use std::ops::ControlFlow;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use doctor::{Doctor, Finding};
use futures_util::Stream;
use runs::{Recorder, RunConfig, RunDir, RunObserver};
use serde_json::{Value, json};
use tokio::sync::watch;
use twolayer::fast::Trainer;
use twolayer::{EpochStats, TrainConfig, TrainObserver, checkpoint};

use crate::Error;
use crate::api::{error, reply};
use crate::input;
use crate::state::{AppState, Served, StoppedAt};

/// How long an event stream waits to gather events into one message.
const BATCH_DELAY: Duration = Duration::from_millis(100);

/// The most loss events a run's log keeps: a longer run logs every
/// `ceil(iters / MAX_LOGGED_LOSSES)`-th loss (epochs and the end are all kept).
const MAX_LOGGED_LOSSES: usize = 10_000;

/// The most events in one message of a stream: a client that connects late
/// gets the log in bounded pieces, not one copy of it all.
const MAX_BATCH: usize = 1_000;

/// One training run: its log of events and its stop flag.
#[derive(Debug)]
pub struct TrainRun {
    log: Mutex<Vec<Value>>,
    /// The log's length, announced to the event streams.
    len: watch::Sender<usize>,
    stop: Arc<AtomicBool>,
    finished: AtomicBool,
}

impl TrainRun {
    fn new() -> Arc<Self> {
        Arc::new(Self {
            log: Mutex::new(Vec::new()),
            len: watch::Sender::new(0),
            stop: Arc::new(AtomicBool::new(false)),
            finished: AtomicBool::new(false),
        })
    }

    /// Whether the run has ended (finished, stopped or failed).
    pub fn is_finished(&self) -> bool {
        self.finished.load(Ordering::Acquire)
    }

    fn push(&self, event: Value) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.push(event);
        self.len.send_replace(log.len());
    }

    /// The events from `from` on.
    fn since(&self, from: usize) -> Vec<Value> {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.get(from..)
            .map(|rest| rest[..rest.len().min(MAX_BATCH)].to_vec())
            .unwrap_or_default()
    }

    /// The last event's `message`, once the run has ended.
    fn end_message(&self) -> Option<String> {
        if !self.is_finished() {
            return None;
        }
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let last = log.last()?;
        Some(last["message"].as_str().unwrap_or_default().to_owned())
    }

    /// Asks the run to stop after its current step, waits until it has
    /// ended (saved, or failed), and returns its last event's message.
    pub fn stop_and_wait(&self) -> String {
        self.stop.store(true, Ordering::Release);
        loop {
            if let Some(message) = self.end_message() {
                return message;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The last event, then marks the run finished.
    fn finish(&self, event: Value) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.push(event);
        self.finished.store(true, Ordering::Release);
        self.len.send_replace(log.len());
    }
}

/// `POST /api/train` with `{"activation": "sigmoid"|"relu", "iters": n}`
/// (both optional; the other hyperparameters are the book's): 202 with
/// `{"started": true, "iters": n, "activation": name}`, 409 while another
/// run is going, 400 naming a bad or unknown field.
pub async fn start(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    let book = TrainConfig::default();
    let body = if body.is_empty() {
        &b"{}"[..]
    } else {
        &body[..]
    };
    let fields = match input::object(body)
        .and_then(|fields| input::only(&fields, &["activation", "iters"]).map(|()| fields))
    {
        Ok(fields) => fields,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let config = match (
        input::activation(&fields),
        input::iters(&fields, book.iters),
    ) {
        (Ok(activation), Ok(iters)) => TrainConfig {
            activation,
            iters,
            ..book
        },
        (Err(message), _) | (_, Err(message)) => return error(StatusCode::BAD_REQUEST, message),
    };
    if let Err(refused) = runs::check_train(&config) {
        return error(StatusCode::BAD_REQUEST, refused.to_string());
    }
    let Some(run) = state.start_run(TrainRun::new) else {
        return error(
            StatusCode::CONFLICT,
            "a training run is already going; stop it or wait for it to finish",
        );
    };
    let (iters, activation) = (config.iters, config.activation.to_string());
    let worker = Arc::clone(&state);
    tokio::task::spawn_blocking(move || {
        // Even a panic ends the run, so that the next one can start.
        let outcome =
            panic::catch_unwind(AssertUnwindSafe(|| train_and_save(&worker, &config, &run)));
        run.finish(match outcome {
            Ok(Ok(saved)) => saved.event(),
            Ok(Err(failure)) => failed(&chain(&failure)),
            Err(_) => failed("the training thread panicked"),
        });
    });
    reply(
        StatusCode::ACCEPTED,
        &json!({ "started": true, "iters": iters, "activation": activation }),
    )
}

/// `POST /api/train/stop`: 202 `{"stopping": true}`, or 409 when no run is
/// going. The run stops within a hundred steps and is saved as it is.
pub async fn stop(State(state): State<Arc<AppState>>) -> Response {
    match state.run().filter(|run| !run.is_finished()) {
        Some(run) => {
            run.stop.store(true, Ordering::Release);
            reply(StatusCode::ACCEPTED, &json!({ "stopping": true }))
        }
        None => error(StatusCode::CONFLICT, "no training run is going"),
    }
}

/// `GET /api/train/events`: the current (or last) run's events, from its
/// start, as server-sent events whose data is a JSON array of
/// `{"type": "loss", "iteration", "loss"}`, `{"type": "epoch", "epoch",
/// "iteration", "train_acc", "test_acc"}`, `{"type": "finding"}` with a
/// `doctor::Finding`'s fields and its `"message"`, and last `{"type": "done"}` or
/// `{"type": "stopped"}` (with `"model"`, `"test_acc"` (the saved model's),
/// `"iteration"` and `"iters"`) or `{"type": "failed", "error"}`, each
/// last event with its `"message"`; 404 before any run.
pub async fn events(State(state): State<Arc<AppState>>) -> Response {
    match state.run() {
        Some(run) => Sse::new(event_stream(run)).into_response(),
        None => error(StatusCode::NOT_FOUND, "no training run has started"),
    }
}

/// The run's log as a stream of batches, ending after the last event.
fn event_stream(run: Arc<TrainRun>) -> impl Stream<Item = Result<Event, Infallible>> {
    let changes = run.len.subscribe();
    futures_util::stream::unfold(
        (run, changes, 0_usize, false),
        |(run, mut changes, sent, ended)| async move {
            if ended {
                return None;
            }
            loop {
                let finished = run.is_finished();
                let batch = run.since(sent);
                if !batch.is_empty() {
                    let event = Event::default().data(Value::Array(batch.clone()).to_string());
                    let next = sent + batch.len();
                    tokio::time::sleep(BATCH_DELAY).await;
                    return Some((Ok(event), (run, changes, next, finished)));
                }
                if finished || changes.changed().await.is_err() {
                    return None;
                }
            }
        },
    )
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

/// Trains on a blocking thread in a new run directory (released when the
/// run ends), logging to `run`, then serves its model.
fn train_and_save(state: &AppState, config: &TrainConfig, run: &TrainRun) -> Result<Saved, Error> {
    let run_dir = RunDir::create(None, &state.runs_root)?;
    let outcome = train_into(state, config, run, &run_dir);
    match &outcome {
        Ok(_) => run_dir.release(),
        Err(failure) => run_dir.release_failed(&chain(failure)),
    }
    outcome
}

/// The run of [`train_and_save`] once its directory is claimed: the book's
/// loop on the fast path ([`Trainer::run`]), stopping after the current
/// step when the stop button is pressed. A run that ends early is saved as
/// `cargo xtask train` saves an interrupted one: its plots and
/// `model-interrupted.safetensors`, served labelled as stopped.
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
    let stride = config.iters.div_ceil(MAX_LOGGED_LOSSES).max(1);
    let log = PageLog { run, stride };
    let doctor = Doctor::for_run(config, &train, &test);
    let mut recorder = Recorder::new(log, &metrics, Arc::clone(&run.stop), doctor)?;
    let outcome = Trainer::new(&train, &test, config).and_then(|t| t.run(&mut recorder));
    let record = recorder.finish(&outcome).1?;
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
/// `metrics.csv` and stops the run when asked).
struct PageLog<'a> {
    run: &'a TrainRun,
    stride: usize,
}

impl TrainObserver for PageLog<'_> {
    fn on_iteration(&mut self, iteration: usize, loss: f64) -> ControlFlow<()> {
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
