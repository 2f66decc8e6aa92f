//! Flags a synchronous decoding runs under, so that a value's `Deserialize` can read what
//! the wire it came from means (a multipart file's place, a text that spells a number, a
//! value read from XML) where serde passes no such context. Each is set for one call on this
//! thread and restored after, even when the call panics.

use std::cell::Cell;
use std::thread::LocalKey;

/// A flag a decoding may run under.
pub(crate) type Flag = LocalKey<Cell<bool>>;

/// Runs `call` with `flag` set.
pub(crate) fn with<T>(flag: &'static Flag, call: impl FnOnce() -> T) -> T {
    with_value(flag, true, call)
}

/// Runs `call` with `cell` holding `value`.
pub(crate) fn with_value<V: Copy + 'static, T>(
    cell: &'static LocalKey<Cell<V>>,
    value: V,
    call: impl FnOnce() -> T,
) -> T {
    struct Restore<V: Copy + 'static>(&'static LocalKey<Cell<V>>, V);
    impl<V: Copy + 'static> Drop for Restore<V> {
        fn drop(&mut self) {
            self.0.with(|cell| cell.set(self.1));
        }
    }
    let _restore = Restore(cell, cell.with(|c| c.replace(value)));
    call()
}

/// Whether `flag` is set.
pub(crate) fn is_set(flag: &'static Flag) -> bool {
    flag.with(Cell::get)
}
