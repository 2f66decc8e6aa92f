//! Independent jobs on the machine's cores, with their results in job order.
//!
//! Rendering a service is a handful of coarse jobs (one per generated file) of very different
//! sizes, so a shared queue that each thread takes the next job from is all the scheduling
//! needed. `proc_macro2` tokens cannot cross threads, so a job emits and renders its own.

extern crate proc_macro;

use std::sync::{Mutex, PoisonError};

/// The stack of a main thread on Linux, for each helper thread.
const MAIN_STACK_BYTES: usize = 8 << 20;

/// One job: any work that can move to another thread.
pub(crate) type Job<'a, T> = Box<dyn FnOnce() -> T + Send + 'a>;

/// Runs every job and returns their results in the order of `jobs`, whatever order they ran in.
/// Inside a proc-macro everything runs on the calling thread: the compiler's token API works
/// only there, and `proc_macro2` picks that API for the whole process.
pub(crate) fn run<T: Send>(jobs: Vec<Job<'_, T>>) -> Vec<T> {
    let threads = if proc_macro::is_available() {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    run_on(jobs, threads)
}

fn run_on<T: Send>(jobs: Vec<Job<'_, T>>, threads: usize) -> Vec<T> {
    let threads = threads.min(jobs.len());
    if threads <= 1 {
        return jobs.into_iter().map(|job| job()).collect();
    }
    let count = jobs.len();
    let queue = Mutex::new(jobs.into_iter().enumerate());
    let worker = || {
        let mut done = Vec::new();
        loop {
            // The lock is held only to take the next job, never while one runs.
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((index, job)) = next else {
                return done;
            };
            done.push((index, job()));
        }
    };
    let mut results: Vec<Option<T>> = (0..count).map(|_| None).collect();
    std::thread::scope(|scope| {
        // Helpers work beside the calling thread; one that cannot be started leaves its share
        // to the others. They get a main thread's stack: parsing and printing recurse.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(MAIN_STACK_BYTES)
                    .spawn_scoped(scope, worker)
                    .ok()
            })
            .collect();
        let mut finished = vec![worker()];
        for helper in helpers {
            // A job that panicked panics here too, as it would have on one thread.
            finished.push(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        for (index, result) in finished.into_iter().flatten() {
            results[index] = Some(result);
        }
    });
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jobs(count: usize) -> Vec<Job<'static, usize>> {
        (0..count)
            .map(|i| {
                Box::new(move || {
                    // Uneven work, so jobs finish out of order.
                    std::thread::sleep(std::time::Duration::from_millis(((i * 7) % 5) as u64));
                    i * i
                }) as Job<'static, usize>
            })
            .collect()
    }

    #[test]
    fn results_come_back_in_job_order_on_any_number_of_threads() {
        let expected: Vec<usize> = (0..23).map(|i| i * i).collect();
        for threads in [1, 2, 3, 8, 64] {
            assert_eq!(run_on(jobs(23), threads), expected, "{threads} threads");
        }
        assert!(run_on(jobs(0), 4).is_empty());
    }

    #[test]
    fn jobs_may_borrow_from_the_caller() {
        let words = ["models", "client", "server"];
        let jobs: Vec<Job<'_, usize>> = words
            .iter()
            .map(|w| Box::new(move || w.len()) as Job<'_, usize>)
            .collect();
        assert_eq!(run_on(jobs, 2), vec![6, 6, 6]);
    }

    #[test]
    #[should_panic(expected = "job 3 failed")]
    fn a_panicking_job_panics_the_caller() {
        let jobs: Vec<Job<'static, ()>> = (0..6)
            .map(|i| Box::new(move || assert!(i != 3, "job {i} failed")) as Job<'static, ()>)
            .collect();
        run_on(jobs, 2);
    }
}
