//! `pyarch check`'s peak memory on a 200 MB notebook of images, as its own test binary.
//!
//! A child's `ru_maxrss` starts from its parent's peak (Linux copies the old address
//! space's high-water mark into the process at `exec`), so the parent must be a small
//! process: in the `it` binary the other tests' memory would count.
#![cfg(target_os = "linux")]

#[path = "it/big_notebook.rs"]
mod big_notebook;

use big_notebook::write_big_image_notebook;
use std::path::Path;

/// Runs `pyarch check FILE` as a child process and returns its exit code and its own
/// peak resident memory (from `wait4`).
fn check_peak_rss(file: &Path) -> (i32, u64) {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_pyarch"))
        .args(["check", "--no-progress", "--fail-on", "never"])
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("runs pyarch");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; `pid` is our own child, which
    // `Child` never waits for after this (it is dropped without `wait`).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    drop(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // ru_maxrss is in KiB on Linux.
    (code, usage.ru_maxrss as u64 * 1024)
}

#[test]
fn pyarch_check_on_a_200_mb_notebook_of_images_holds_it_about_once() {
    let dir = tempfile::tempdir().unwrap();
    let (path, size) = write_big_image_notebook(dir.path());
    let (code, peak) = check_peak_rss(&path);
    eprintln!("{size}-byte notebook: `pyarch check` peaked at {peak} bytes resident");
    assert_eq!(code, 0, "pyarch check failed on the big notebook");
    // The file's bytes once plus the program; keeping the images as strings would
    // double it. (bench/memory.sh measures the release build against size + 50 MB.)
    assert!(
        peak < size + 100 * 1024 * 1024,
        "peak memory {peak} bytes for a {size}-byte file"
    );
}
