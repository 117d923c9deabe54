//! View 5: XOR (`cargo xtask xor`) trained live: `GET /api/figures/xor`
//! streams one run as server-sent events, a frame every 1/50th of the run,
//! so the page redraws the decision surface as the net learns.

use std::convert::Infallible;
use std::ops::ControlFlow;
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use studies::xor::{self, DEFAULT_HIDDEN, XorFit, XorFrame, XorSettings};

use super::descent::MAX_STEPS;
use super::knobs::{Knobs, Notes, Refused};
use crate::slots::Slots;

/// Hidden units a run may have: 0 (the single layer) to 8.
const HIDDEN_BOUNDS: std::ops::RangeInclusive<usize> = 0..=8;
/// Learning rates a run may have.
const LR_BOUNDS: std::ops::RangeInclusive<f64> = 1e-3..=10.0;
/// Frames of a run (besides the one before the first step).
const FRAMES: usize = 50;
/// The pause between two frames, so that learning can be watched (a run
/// takes milliseconds).
const PACE: Duration = Duration::from_millis(40);
/// XOR runs a server streams at once, over all clients: each holds a
/// blocking thread for about two seconds; one more gets 503.
pub const MAX_XOR_RUNS: usize = 8;

/// `xor?hidden=3&seed=0&lr=1&steps=5000`: server-sent events, each one JSON
/// object: `{"type": "frame", "step", "steps", "losses", "loss", "correct",
/// "probabilities": [4], "surface": {"low", "high", "cells", "p": [cells²]}}`
/// (see [`frame`]), then `{"type": "done",
/// "correct", "final_loss", "diagnosis", "flat", "boundary"}`. The knobs are
/// checked before the stream starts (400 naming a bad one); 503 while
/// [`MAX_XOR_RUNS`] runs are streaming.
///
/// `runs` holds the server's [`MAX_XOR_RUNS`] slots; a run holds one until
/// its thread ends.
pub fn events(knobs: &Knobs, runs: &Slots) -> Result<Response, Refused> {
    knobs.only("xor", &["hidden", "seed", "lr", "steps"])?;
    let book = XorSettings::default();
    let hidden = knobs.count("hidden", DEFAULT_HIDDEN, HIDDEN_BOUNDS)?;
    let seed = knobs.count("seed", 0, 0..=1_000_000_000)?;
    let settings = XorSettings {
        learning_rate: knobs.number("lr", book.learning_rate, LR_BOUNDS)?,
        iters: knobs.count("steps", book.iters, 1..=MAX_STEPS)?,
        ..book
    };
    let layers: Vec<usize> = (hidden > 0).then_some(hidden).into_iter().collect();
    let permit = runs.take().ok_or_else(|| {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("{MAX_XOR_RUNS} XOR runs are streaming already, the most at once; try again when one ends"),
        )
    })?;
    let (sender, receiver) = tokio::sync::mpsc::channel::<Value>(2);
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let every = settings.iters.div_ceil(FRAMES);
        let fit = xor::fit_watched(&settings, &layers, seed as u64, every, |f| {
            match sender.blocking_send(frame(&f, settings.iters)) {
                Ok(()) => ControlFlow::Continue(()),
                Err(_) => ControlFlow::Break(()),
            }
        });
        let last = match fit {
            Ok(fit) => done(&fit),
            Err(error) => json!({ "type": "failed", "error": error.to_string() }),
        };
        // The client may have gone: nothing to tell then.
        let _ = sender.blocking_send(last);
    });
    let stream =
        futures_util::stream::unfold((receiver, true), |(mut receiver, first)| async move {
            if !first {
                tokio::time::sleep(PACE).await;
            }
            let value = receiver.recv().await?;
            let event = Event::default().data(value.to_string());
            Some((Ok::<_, Infallible>(event), (receiver, false)))
        });
    Ok(Sse::new(stream).into_response())
}

/// A frame: the run so far, `surface.p[i * cells + j]` being `P(t = 1)` at
/// `(x1, x2) = (centre(i), centre(j))`.
fn frame(frame: &XorFrame, steps: usize) -> Value {
    let mut notes = Notes::default();
    let surface = &frame.surface;
    let cells = surface.cells();
    let p = (0..cells * cells).map(|n| surface.probability(n / cells, n % cells));
    json!({
        "type": "frame",
        "step": frame.step,
        "steps": steps,
        "losses": notes.series("losses", frame.losses.iter().copied()),
        "loss": notes.number("loss", frame.loss),
        "correct": frame.correct,
        "probabilities": notes.series("probabilities", frame.probabilities),
        "surface": {
            "low": surface.low,
            "high": surface.high,
            "cells": cells,
            "p": notes.series("surface", p),
        },
        "notes": notes.into_value(),
    })
}

/// The last event: how the run came out and why (`cargo xtask xor`'s
/// diagnosis), with the boundary `P = 1/2` as segments `[x1, x2, x1', x2']`
/// (none when the net is flat, `P = 1/2` everywhere).
fn done(fit: &XorFit) -> Value {
    let mut notes = Notes::default();
    let flat = fit.surface.is_flat();
    let boundary: Vec<[f64; 4]> = if flat {
        Vec::new()
    } else {
        fit.surface
            .boundary()
            .iter()
            .map(|[(a, b), (c, d)]| [*a, *b, *c, *d])
            .collect()
    };
    json!({
        "type": "done",
        "correct": fit.correct,
        "final_loss": notes.number("final_loss", fit.final_loss),
        "diagnosis": fit.diagnosis().to_string(),
        "flat": flat,
        "boundary": boundary,
        "notes": notes.into_value(),
    })
}
