//! Steering a run from the page: pause, resume, single steps, a pace in
//! iterations per second, and the learning rate changed as it goes. The
//! controls are the server's (every open tab steers the same run); the
//! training thread asks them between steps ([`Controls::next_steps`]) and
//! waits there while the run is paused or ahead of its pace.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::input;

/// The slowest pace, in iterations per second.
pub const MIN_PACE: f64 = 0.1;
/// The fastest pace short of full speed.
pub const MAX_PACE: f64 = 100_000.0;
/// The most single steps one request may ask for.
pub const MAX_STEPS: u64 = 1_000;
/// The most learning-rate changes in one run (each is recorded).
pub const MAX_LR_CHANGES: usize = 1_000;
/// Steps run at full speed before the controls are asked again: a pause
/// or a new learning rate takes effect within this many steps.
const FULL_SPEED_STEPS: usize = 50;
/// Paced runs are woken this many times a second.
const PACED_WAKES: f64 = 20.0;

/// The fields of `POST /api/train/control`.
pub const FIELDS: [&str; 4] = ["paused", "step", "pace", "lr"];

/// The controls of one run.
#[derive(Debug)]
pub struct Controls {
    steer: Mutex<Steer>,
    wake: Condvar,
    /// Bumped on every change, so that event streams report it.
    generation: AtomicU64,
}

#[derive(Debug)]
struct Steer {
    paused: bool,
    /// Single steps still to run while paused.
    steps: u64,
    /// Iterations per second; `None` is full speed.
    pace: Option<f64>,
    lr: f64,
    pending_lr: Option<f64>,
    lr_changes: usize,
    next_due: Instant,
}

impl Controls {
    /// Controls of a run starting at full speed with learning rate `lr`.
    pub fn new(lr: f64) -> Self {
        Self {
            steer: Mutex::new(Steer {
                paused: false,
                steps: 0,
                pace: None,
                lr,
                pending_lr: None,
                lr_changes: 0,
                next_due: Instant::now(),
            }),
            wake: Condvar::new(),
            generation: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Steer> {
        self.steer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many times the controls changed.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Wakes the training thread (to see a stop request).
    pub fn wake(&self) {
        self.wake.notify_all();
    }

    /// `{"paused", "pace", "lr"}` (`pace` null at full speed).
    pub fn to_json(&self) -> Value {
        let steer = self.lock();
        json!({ "paused": steer.paused, "pace": steer.pace, "lr": steer.lr })
    }

    /// Blocks while the run is paused (and no single step is asked) or
    /// ahead of its pace, or until `stop`; then returns how many steps may
    /// run and the new learning rate, if it changed.
    pub fn next_steps(&self, stop: &AtomicBool) -> (usize, Option<f64>) {
        let mut steer = self.lock();
        loop {
            if stop.load(Ordering::Acquire) {
                return (1, steer.pending_lr.take());
            }
            let wait = if steer.paused && steer.steps == 0 {
                Some(Duration::from_secs(1))
            } else {
                steer
                    .pace
                    .and_then(|_| steer.next_due.checked_duration_since(Instant::now()))
            };
            if let Some(wait) = wait {
                steer = self
                    .wake
                    .wait_timeout(steer, wait)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
                continue;
            }
            let count = if steer.paused {
                steer.steps -= 1;
                1
            } else {
                steer.pace.map_or(FULL_SPEED_STEPS, |pace| {
                    (pace / PACED_WAKES).ceil().max(1.0) as usize
                })
            };
            if let Some(pace) = steer.pace {
                steer.next_due = Instant::now() + Duration::from_secs_f64(count as f64 / pace);
            }
            return (count, steer.pending_lr.take());
        }
    }

    /// Applies `POST /api/train/control`'s body: `paused` (bool), `step`
    /// (1..=[`MAX_STEPS`] single steps, then paused), `pace`
    /// ([`MIN_PACE`]..=[`MAX_PACE`] iterations per second, or null for full
    /// speed), `lr` (a learning rate the run's checks accept, `check_lr`).
    /// Nothing changes unless every field is valid.
    pub fn apply(
        &self,
        body: &[u8],
        check_lr: impl Fn(f64) -> Result<(), String>,
    ) -> Result<(), String> {
        let fields = input::object(body)?;
        input::only(&fields, &FIELDS)?;
        let request = Request::read(&fields)?;
        if let Some(lr) = request.lr {
            check_lr(lr)?;
        }
        let mut steer = self.lock();
        if request.lr.is_some() && steer.lr_changes >= MAX_LR_CHANGES {
            return Err(format!(
                "`lr`: a run's learning rate may change at most {MAX_LR_CHANGES} times"
            ));
        }
        if let Some(paused) = request.paused {
            steer.paused = paused;
            steer.steps = 0;
        }
        if let Some(steps) = request.step {
            steer.paused = true;
            steer.steps = steps;
        }
        if let Some(pace) = request.pace {
            steer.pace = pace;
            steer.next_due = Instant::now();
        }
        if let Some(lr) = request.lr {
            steer.lr = lr;
            steer.pending_lr = Some(lr);
            steer.lr_changes += 1;
        }
        drop(steer);
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.wake.notify_all();
        Ok(())
    }
}

/// A checked control request.
struct Request {
    paused: Option<bool>,
    step: Option<u64>,
    pace: Option<Option<f64>>,
    lr: Option<f64>,
}

impl Request {
    fn read(fields: &Map<String, Value>) -> Result<Self, String> {
        let paused = match fields.get("paused") {
            None => None,
            Some(Value::Bool(paused)) => Some(*paused),
            Some(other) => return Err(format!("`paused` is {other}: expected true or false")),
        };
        let step = match fields.get("step") {
            None => None,
            Some(value) => Some(
                value
                    .as_u64()
                    .filter(|n| (1..=MAX_STEPS).contains(n))
                    .ok_or_else(|| {
                        format!("`step` is {value}: expected an integer in 1..={MAX_STEPS}")
                    })?,
            ),
        };
        let pace = match fields.get("pace") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(value) => Some(Some(
                value
                    .as_f64()
                    .filter(|pace| (MIN_PACE..=MAX_PACE).contains(pace))
                    .ok_or_else(|| {
                        format!(
                            "`pace` is {value}: expected iterations per second from {MIN_PACE} \
                             to {MAX_PACE}, or null for full speed"
                        )
                    })?,
            )),
        };
        let lr = match fields.get("lr") {
            None => None,
            Some(value) => Some(
                value
                    .as_f64()
                    .filter(|lr| lr.is_finite() && *lr > 0.0)
                    .ok_or_else(|| format!("`lr` is {value}: expected a finite number > 0"))?,
            ),
        };
        if paused.is_some() && step.is_some() {
            return Err("`paused` and `step` together: send one of them".to_owned());
        }
        Ok(Self {
            paused,
            step,
            pace,
            lr,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(_: f64) -> Result<(), String> {
        Ok(())
    }

    #[test]
    fn requests_are_checked_before_anything_changes() {
        let controls = Controls::new(0.1);
        for (body, expected) in [
            (
                r#"{"pace": 0}"#,
                "`pace` is 0: expected iterations per second",
            ),
            (r#"{"pace": 1e9}"#, "`pace` is 1000000000.0: expected"),
            (
                r#"{"step": 0}"#,
                "`step` is 0: expected an integer in 1..=1000",
            ),
            (r#"{"paused": "yes"}"#, "`paused` is \"yes\""),
            (
                r#"{"lr": -1, "paused": true}"#,
                "`lr` is -1: expected a finite number > 0",
            ),
            (r#"{"speed": 3}"#, "unknown field `speed`"),
        ] {
            let error = controls.apply(body.as_bytes(), ok).expect_err(body);
            assert!(error.starts_with(expected), "{body}: {error}");
        }
        assert_eq!(
            controls.to_json(),
            json!({"paused": false, "pace": null, "lr": 0.1})
        );
        assert_eq!(controls.generation(), 0);
        let refused = controls.apply(br#"{"lr": 5}"#, |_| Err("too big".to_owned()));
        assert_eq!(refused, Err("too big".to_owned()));
    }

    #[test]
    fn a_paused_run_takes_single_steps_and_gets_its_new_learning_rate_once() {
        let controls = Controls::new(0.1);
        let stop = AtomicBool::new(false);
        assert_eq!(controls.next_steps(&stop), (FULL_SPEED_STEPS, None));
        controls
            .apply(br#"{"step": 2, "lr": 0.5}"#, ok)
            .expect("valid");
        assert_eq!(controls.next_steps(&stop), (1, Some(0.5)));
        assert_eq!(controls.next_steps(&stop), (1, None));
        assert_eq!(
            controls.to_json(),
            json!({"paused": true, "pace": null, "lr": 0.5})
        );
        // Paused with no steps left: only a stop ends the wait.
        stop.store(true, Ordering::Release);
        assert_eq!(controls.next_steps(&stop), (1, None));
        controls
            .apply(br#"{"paused": false, "pace": 40}"#, ok)
            .expect("valid");
        stop.store(false, Ordering::Release);
        assert_eq!(
            controls.next_steps(&stop),
            (2, None),
            "40/s: 2 steps a wake"
        );
    }
}
