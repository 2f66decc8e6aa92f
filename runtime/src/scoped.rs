//! Flags a synchronous decoding runs under, so that a value's `Deserialize` can read what
//! the wire it came from means (a multipart file's place, a text that spells a number) where
//! serde passes no such context. Each is set for one call on this thread and restored after,
//! even when the call panics.

use std::cell::Cell;
use std::thread::LocalKey;

/// A flag a decoding may run under.
pub(crate) type Flag = LocalKey<Cell<bool>>;

/// Runs `call` with `flag` set.
pub(crate) fn with<T>(flag: &'static Flag, call: impl FnOnce() -> T) -> T {
    struct Restore(&'static Flag, bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            self.0.with(|flag| flag.set(self.1));
        }
    }
    let _restore = Restore(flag, flag.with(|f| f.replace(true)));
    call()
}

/// Whether `flag` is set.
pub(crate) fn is_set(flag: &'static Flag) -> bool {
    flag.with(Cell::get)
}
