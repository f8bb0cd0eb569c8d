//! Splitting one pass over many records across the machine's cores, in order.

/// Below this many records per chunk, a thread costs more than it saves.
const MIN_CHUNK: usize = 50_000;

/// How many chunks to split `n` records into on this machine.
pub fn chunks_for(n: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    (n / MIN_CHUNK).clamp(1, cores)
}

/// Runs `work` over `items` in `chunks` ordered chunks on their own threads, each given
/// its chunk's offset; the results in chunk order.
pub fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    chunks: usize,
    work: impl Fn(usize, &[T]) -> R + Sync,
) -> Vec<R> {
    if chunks <= 1 || items.len() < 2 {
        return vec![work(0, items)];
    }
    let size = items.len().div_ceil(chunks).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .enumerate()
            .map(|(i, chunk)| {
                let work = &work;
                scope.spawn(move || work(i * size, chunk))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// [`in_parallel`] over the positions `0..len` rather than a slice.
pub fn ranges_in_parallel<R: Send>(
    len: usize,
    chunks: usize,
    work: impl Fn(std::ops::Range<usize>) -> R + Sync,
) -> Vec<R> {
    if chunks <= 1 || len < 2 {
        return vec![work(0..len)];
    }
    let size = len.div_ceil(chunks).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..len)
            .step_by(size)
            .map(|start| {
                let work = &work;
                scope.spawn(move || work(start..(start + size).min(len)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
