//! A parallel map whose results come out in input order through a bounded window.
//!
//! `check` and batch `export` walk folders of any size. Collecting every result before
//! printing would hold every notebook's analysis at once (about 350 KB each); here the
//! workers never run more than `window` items ahead of the printer, so peak memory
//! depends on the window and the largest notebooks, not on how many there are.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Stack of a worker thread: the syntax walk is bounded for 2 MiB in a debug build;
/// this leaves room for the rest of the pipeline.
const WORKER_STACK: usize = 8 * 1024 * 1024;

/// How many results may wait for the printer per worker thread.
const WINDOW_PER_THREAD: usize = 8;

#[derive(Default)]
struct Cursor {
    /// The next item a worker will take.
    next: usize,
    /// How many results the sink has taken, in order.
    emitted: usize,
    /// The sink asked to stop (the reader went away).
    stopped: bool,
}

/// Runs `work` on every item on `threads` threads and gives the results to `sink` in
/// input order. A worker waits while it is `window` items ahead of the sink. When
/// `sink` returns `Break`, no new item is started and the call returns.
pub fn for_each_ordered<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> ControlFlow<()>,
) {
    let window = window.max(1);
    let cursor = Mutex::new(Cursor::default());
    let moved = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            let tx = tx.clone();
            let (cursor, moved, work) = (&cursor, &moved, &work);
            let spawned = std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || {
                    while let Some(index) = take_next(cursor, moved, items.len(), window) {
                        let result = run_or_stop(cursor, moved, || work(&items[index]));
                        if tx.send((index, result)).is_err() {
                            break;
                        }
                    }
                });
            if spawned.is_err() {
                break; // fewer threads; at least the ones spawned so far carry on
            }
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut emitted = 0;
        let mut stopped = false;
        for (index, result) in rx.iter() {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&emitted) {
                emitted += 1;
                stopped = sink(result).is_break();
                let mut state = lock(&cursor);
                state.emitted = emitted;
                state.stopped = stopped;
                moved.notify_all();
                if stopped {
                    break;
                }
            }
            if stopped {
                break;
            }
        }
    });
}

/// `for_each_ordered` with one thread per core and the default window.
pub fn for_each_ordered_default<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    sink: impl FnMut(R) -> ControlFlow<()>,
) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for_each_ordered(items, threads, threads * WINDOW_PER_THREAD, work, sink);
}

fn take_next(cursor: &Mutex<Cursor>, moved: &Condvar, len: usize, window: usize) -> Option<usize> {
    let mut state = lock(cursor);
    while !state.stopped && state.next < len && state.next >= state.emitted + window {
        state = moved.wait(state).unwrap_or_else(|e| e.into_inner());
    }
    if state.stopped || state.next >= len {
        return None;
    }
    state.next += 1;
    Some(state.next - 1)
}

/// Runs one item; a panic stops every worker (so none waits for the missing result)
/// and then carries on unwinding, to be re-raised when the scope joins.
fn run_or_stop<R>(cursor: &Mutex<Cursor>, moved: &Condvar, work: impl FnOnce() -> R) -> R {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(panic) => {
            lock(cursor).stopped = true;
            moved.notify_all();
            std::panic::resume_unwind(panic)
        }
    }
}

fn lock(cursor: &Mutex<Cursor>) -> std::sync::MutexGuard<'_, Cursor> {
    // A worker that panicked leaves the cursor consistent: recover it.
    cursor.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_input_order() {
        let items: Vec<usize> = (0..500).collect();
        let mut seen = Vec::new();
        for_each_ordered(
            &items,
            4,
            3,
            |&i| {
                // Later items finish sooner, so order must come from the window.
                std::thread::sleep(std::time::Duration::from_micros(((500 - i) % 7) as u64));
                i * 2
            },
            |r| {
                seen.push(r);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn workers_never_run_more_than_the_window_ahead() {
        let items: Vec<usize> = (0..300).collect();
        let started = AtomicUsize::new(0);
        let mut emitted = 0;
        let mut worst_lead = 0;
        for_each_ordered(
            &items,
            4,
            5,
            |_| started.fetch_add(1, Ordering::SeqCst),
            |_| {
                emitted += 1;
                worst_lead = worst_lead.max(started.load(Ordering::SeqCst) - emitted);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(emitted, 300);
        assert!(worst_lead <= 5, "a worker ran {worst_lead} items ahead");
    }

    #[test]
    fn a_break_stops_new_work() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let mut taken = 0;
        for_each_ordered(
            &items,
            2,
            4,
            |_| started.fetch_add(1, Ordering::SeqCst),
            |_| {
                taken += 1;
                if taken == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(taken, 3);
        assert!(started.load(Ordering::SeqCst) <= 3 + 4 + 2);
    }

    #[test]
    fn a_panicking_item_is_raised_not_a_deadlock() {
        let items: Vec<usize> = (0..100).collect();
        let outcome = std::panic::catch_unwind(|| {
            for_each_ordered(
                &items,
                2,
                2,
                |&i| assert_ne!(i, 7, "item seven"),
                |()| ControlFlow::Continue(()),
            );
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn no_items_is_fine() {
        let items: Vec<u8> = Vec::new();
        let mut calls = 0;
        for_each_ordered(
            &items,
            4,
            4,
            |_| (),
            |()| {
                calls += 1;
                ControlFlow::Continue(())
            },
        );
        assert_eq!(calls, 0);
    }
}
