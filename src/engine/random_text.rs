//! Pseudo-random texts for tests that compare a hand-written check with the
//! regex it replaces.

/// `count` texts, each `parts` pieces drawn from `pieces` (a fixed sequence
/// for a given `seed`); the piece `long` is repeated 0 to `max_repeat` times
/// where drawn, to cross length bounds such as `{0,160}`.
pub(super) fn texts(
    pieces: &[&str],
    long: &str,
    max_repeat: usize,
    parts: usize,
    count: usize,
    mut seed: u32,
) -> Vec<String> {
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        seed
    };
    (0..count)
        .map(|_| {
            (0..parts)
                .map(|_| {
                    let r = next();
                    let piece = pieces[(r >> 16) as usize % pieces.len()];
                    let times = if piece == long {
                        (r >> 4) as usize % (max_repeat + 1)
                    } else {
                        1
                    };
                    piece.repeat(times)
                })
                .collect()
        })
        .collect()
}
