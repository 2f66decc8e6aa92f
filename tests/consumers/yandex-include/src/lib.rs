//! The Yandex 360 bindings, generated at compile time from the spec folder.

pub mod yandex360 {
    specgen_runtime::include_spec!("../../../specs/yandex360");
}
