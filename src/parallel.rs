//! Spreading one document's work over threads.
//!
//! When the engine runs on a rayon pool, these helpers hand independent parts
//! of one document's check (the patterns, the detectors) to the pool's other
//! threads; anywhere else they run the parts one after the other. A caller
//! thus opts in by choice of thread: `clauselint check` runs a file on a pool
//! only when cores would otherwise sit idle (fewer files than threads, as in a
//! pre-commit hook), and the results are the same either way.

use rayon::prelude::*;

/// Whether the calling thread belongs to a rayon pool.
fn on_pool() -> bool {
    rayon::current_thread_index().is_some()
}

/// Runs `a` and `b`, in parallel on a pool.
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    if on_pool() {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// `f` of every item, in order; items are spread over the pool's threads.
pub(crate) fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    if on_pool() {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_results_on_and_off_a_pool() {
        let items: Vec<u32> = (0..100).collect();
        let work = || (map(&items, |x| x * 2), join(on_pool, || 7));
        let (doubled, (pooled, seven)) = work();
        assert!(!pooled);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let (doubled_on_pool, (pooled_on_pool, seven_on_pool)) = pool.install(work);
        assert!(pooled_on_pool);
        assert_eq!(doubled, doubled_on_pool);
        assert_eq!(doubled[99], 198);
        assert_eq!((seven, seven_on_pool), (7, 7));
    }
}
