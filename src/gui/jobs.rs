//! Work off the UI thread: every job runs on its own thread and sends one message
//! back through a channel, then asks for a repaint. In synchronous mode (tests,
//! benchmarks) a job runs inline and its message is read on the next frame.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};

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
        let slot = std::sync::Arc::new(std::sync::Mutex::new(Some(job)));
        let in_thread = std::sync::Arc::clone(&slot);
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
