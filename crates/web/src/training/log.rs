//! [`TrainRun`]: one run from the page as its clients see it: a bounded log
//! of events (the loss thinned to at most [`MAX_LOGGED_LOSSES`] points,
//! every epoch, learning-rate change and the end kept), its controls and
//! its stop flag. Each `/api/train/events` client reads the log from its
//! own position, at most [`MAX_BATCH`] events a message, without a copy
//! of the whole log; the training thread never waits for a client.

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::response::sse::Event;
use futures_util::Stream;
use serde_json::{Value, json};
use tokio::sync::watch;
use twolayer::TrainConfig;

use super::controls::Controls;
use super::knobs;

/// How long an event stream waits to gather events into one message.
const BATCH_DELAY: Duration = Duration::from_millis(100);

/// The most loss events a run's log keeps: a longer run logs every
/// `ceil(iters / MAX_LOGGED_LOSSES)`-th loss.
pub const MAX_LOGGED_LOSSES: usize = 10_000;

/// The most events in one message of a stream: a client that connects late
/// gets the log in bounded pieces.
const MAX_BATCH: usize = 1_000;

/// One training run: its settings, log, controls and stop flag.
#[derive(Debug)]
pub struct TrainRun {
    config: TrainConfig,
    log: Mutex<Vec<Value>>,
    /// Bumped on every new event and control change, waking the streams.
    changed: watch::Sender<u64>,
    pub(super) stop: Arc<AtomicBool>,
    finished: AtomicBool,
    pub(super) controls: Controls,
    /// The iterations done so far.
    iteration: AtomicUsize,
    started: Instant,
}

impl TrainRun {
    /// A run of `config` whose log starts with `{"type": "start",
    /// "config": knobs, "stride"}` (every `stride`-th loss is logged).
    pub fn new(config: TrainConfig) -> Arc<Self> {
        let start = json!({
            "type": "start",
            "config": knobs::to_json(&config),
            "stride": Self::stride(&config),
        });
        Arc::new(Self {
            controls: Controls::new(config.learning_rate),
            config,
            log: Mutex::new(vec![start]),
            changed: watch::Sender::new(0),
            stop: Arc::new(AtomicBool::new(false)),
            finished: AtomicBool::new(false),
            iteration: AtomicUsize::new(0),
            started: Instant::now(),
        })
    }

    /// Every how many iterations a loss is logged.
    pub fn stride(config: &TrainConfig) -> usize {
        config.iters.div_ceil(MAX_LOGGED_LOSSES).max(1)
    }

    /// The run's settings.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// Whether the run has ended (finished, stopped or failed).
    pub fn is_finished(&self) -> bool {
        self.finished.load(Ordering::Acquire)
    }

    /// The iterations done so far.
    pub fn iteration(&self) -> usize {
        self.iteration.load(Ordering::Acquire)
    }

    /// Records that `iterations` are done.
    pub fn reached(&self, iterations: usize) {
        self.iteration.store(iterations, Ordering::Release);
    }

    /// Wakes the event streams (the controls changed).
    pub fn announce(&self) {
        self.changed.send_modify(|n| *n += 1);
    }

    /// Appends `event` to the log.
    pub fn push(&self, event: Value) {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(event);
        self.announce();
    }

    /// At most [`MAX_BATCH`] events from `from` on, and the log's length.
    fn since(&self, from: usize) -> (Vec<Value>, usize) {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let batch = log
            .get(from..)
            .map(|rest| rest[..rest.len().min(MAX_BATCH)].to_vec())
            .unwrap_or_default();
        (batch, log.len())
    }

    /// `{"type": "progress", "iteration", "iters", "elapsed", "paused",
    /// "pace", "lr", "finished"}`: where the run is now (not logged: each
    /// message of a stream ends with it).
    fn progress(&self) -> Value {
        let mut progress = self.controls.to_json();
        if let Value::Object(fields) = &mut progress {
            fields.insert("type".into(), json!("progress"));
            fields.insert(
                "iteration".into(),
                json!(self.iteration.load(Ordering::Acquire)),
            );
            fields.insert("iters".into(), json!(self.config.iters));
            fields.insert(
                "elapsed".into(),
                json!(self.started.elapsed().as_secs_f64()),
            );
            fields.insert("finished".into(), json!(self.is_finished()));
        }
        progress
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

    /// Asks the run to stop after its current step (a paused one too).
    pub fn request_stop(&self) {
        self.stop.store(true, Ordering::Release);
        self.controls.wake();
    }

    /// Asks the run to stop after its current step, waits until it has
    /// ended (saved, or failed), and returns its last event's message.
    pub fn stop_and_wait(&self) -> String {
        self.request_stop();
        loop {
            if let Some(message) = self.end_message() {
                return message;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The last event, then marks the run finished.
    pub fn finish(&self, event: Value) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.push(event);
        self.finished.store(true, Ordering::Release);
        drop(log);
        self.announce();
    }
}

/// Where one client's stream is.
struct Reader {
    run: Arc<TrainRun>,
    changes: watch::Receiver<u64>,
    sent: usize,
    /// The controls' generation last reported.
    controls: Option<u64>,
    ended: bool,
}

/// The run's log as a stream of messages, each a JSON array of events
/// ending with a `progress` event; it ends after the run's last event.
pub fn event_stream(run: Arc<TrainRun>) -> impl Stream<Item = Result<Event, Infallible>> {
    let reader = Reader {
        changes: run.changed.subscribe(),
        run,
        sent: 0,
        controls: None,
        ended: false,
    };
    futures_util::stream::unfold(reader, |mut reader| async move {
        if reader.ended {
            return None;
        }
        loop {
            reader.changes.borrow_and_update();
            let finished = reader.run.is_finished();
            let generation = reader.run.controls.generation();
            let (mut batch, len) = reader.run.since(reader.sent);
            if !batch.is_empty() || reader.controls != Some(generation) {
                reader.sent += batch.len();
                reader.controls = Some(generation);
                reader.ended = finished && reader.sent == len;
                batch.push(reader.run.progress());
                let event = Event::default().data(Value::Array(batch).to_string());
                if !reader.ended {
                    tokio::time::sleep(BATCH_DELAY).await;
                }
                return Some((Ok(event), reader));
            }
            if finished || reader.changes.changed().await.is_err() {
                return None;
            }
        }
    })
}
