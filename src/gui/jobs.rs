//! Work off the UI thread: every job runs on its own thread and sends one message
//! back through a channel, then asks for a repaint. In synchronous mode (tests,
//! benchmarks) a job runs inline and its message is read on the next frame.
//!
//! A job that takes long reports its stage through a [`Progress`], which the frame
//! reads; a [`Gate`] (a test hook) can hold a job at a stage.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

pub struct Jobs<M> {
    tx: Sender<M>,
    rx: Receiver<M>,
    synchronous: bool,
    running: usize,
}

impl<M: Send + 'static> Jobs<M> {
    pub fn new(synchronous: bool) -> Self {
        let (tx, rx) = channel();
        Jobs {
            tx,
            rx,
            synchronous,
            running: 0,
        }
    }

    /// Jobs started and not yet received.
    pub fn running(&self) -> usize {
        self.running
    }

    /// Runs `work` off the UI thread. A panic inside `work` becomes `on_panic(message)`,
    /// so the window survives a bug in the core and shows it.
    pub fn spawn(
        &mut self,
        ctx: &egui::Context,
        work: impl FnOnce() -> M + Send + 'static,
        on_panic: impl FnOnce(String) -> M + Send + 'static,
    ) {
        self.running += 1;
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let job = move || {
            let message = catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
                let text = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                on_panic(text)
            });
            // The receiver only goes away when the app closes; nothing to report then.
            let _ = tx.send(message);
            ctx.request_repaint();
        };
        if self.synchronous {
            job();
            return;
        }
        // `spawn` hands the closure back only through a panic, so keep it shareable to
        // run it inline if no thread can be started (resource exhaustion).
        let slot = Arc::new(Mutex::new(Some(job)));
        let in_thread = Arc::clone(&slot);
        let started = std::thread::Builder::new()
            .name("pyarch-job".into())
            .spawn(move || {
                let job = in_thread.lock().ok().and_then(|mut j| j.take());
                if let Some(job) = job {
                    job();
                }
            });
        if started.is_err() {
            let job = slot.lock().ok().and_then(|mut j| j.take());
            if let Some(job) = job {
                job();
            }
        }
    }

    /// Messages that arrived since the last call.
    pub fn poll(&mut self) -> Vec<M> {
        let messages: Vec<M> = self.rx.try_iter().collect();
        self.running = self.running.saturating_sub(messages.len());
        messages
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The latest progress report of a running job: written by the job, read by the
/// frame. The frame repaints on its own while a job runs (spinner); a report only
/// asks for a repaint when the stage changes, not on every step within it.
pub struct Progress<P> {
    latest: Arc<Mutex<P>>,
    ctx: egui::Context,
    gate: Option<Gate<P>>,
}

impl<P> Clone for Progress<P> {
    fn clone(&self) -> Self {
        Progress {
            latest: Arc::clone(&self.latest),
            ctx: self.ctx.clone(),
            gate: self.gate.clone(),
        }
    }
}

impl<P: Clone + PartialEq> Progress<P> {
    pub fn new(ctx: &egui::Context, initial: P, gate: Option<Gate<P>>) -> Self {
        Progress {
            latest: Arc::new(Mutex::new(initial)),
            ctx: ctx.clone(),
            gate,
        }
    }

    pub fn set(&self, progress: P) {
        let new_stage = {
            let mut latest = lock(&self.latest);
            let new_stage = std::mem::discriminant(&*latest) != std::mem::discriminant(&progress);
            *latest = progress.clone();
            new_stage
        };
        if new_stage {
            self.ctx.request_repaint();
        }
        if let Some(gate) = &self.gate {
            gate.pass(&progress);
        }
    }

    pub fn get(&self) -> P {
        lock(&self.latest).clone()
    }
}

/// Test hook: holds a job at every progress report that `matches`, until
/// [`Gate::release`], so a test can look at the window while the job is in flight.
pub struct Gate<P> {
    matches: Arc<dyn Fn(&P) -> bool + Send + Sync>,
    state: Arc<(Mutex<GateState<P>>, Condvar)>,
}

struct GateState<P> {
    held: Option<P>,
    permits: usize,
}

impl<P> Clone for Gate<P> {
    fn clone(&self) -> Self {
        Gate {
            matches: Arc::clone(&self.matches),
            state: Arc::clone(&self.state),
        }
    }
}

/// A held job gives up waiting after this long, so a failing test cannot hang.
const GATE_TIMEOUT: Duration = Duration::from_secs(60);

impl<P: Clone> Gate<P> {
    pub fn new(matches: impl Fn(&P) -> bool + Send + Sync + 'static) -> Self {
        Gate {
            matches: Arc::new(matches),
            state: Arc::new((
                Mutex::new(GateState {
                    held: None,
                    permits: 0,
                }),
                Condvar::new(),
            )),
        }
    }

    /// Called by the job: waits here if `progress` matches, until released.
    fn pass(&self, progress: &P) {
        if !(self.matches)(progress) {
            return;
        }
        let (state, changed) = &*self.state;
        let mut s = lock(state);
        s.held = Some(progress.clone());
        changed.notify_all();
        let deadline = Instant::now() + GATE_TIMEOUT;
        while s.permits == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                s.held = None;
                return;
            }
            s = changed
                .wait_timeout(s, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        s.permits -= 1;
    }

    /// Waits (up to `timeout`) until a job is held, and returns where.
    pub fn wait_held(&self, timeout: Duration) -> Option<P> {
        let (state, changed) = &*self.state;
        let deadline = Instant::now() + timeout;
        let mut s = lock(state);
        while s.held.is_none() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            s = changed
                .wait_timeout(s, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        s.held.clone()
    }

    /// Lets the held job go on (to the next matching report, if any).
    pub fn release(&self) {
        let (state, changed) = &*self.state;
        let mut s = lock(state);
        s.held = None;
        s.permits += 1;
        changed.notify_all();
    }
}
