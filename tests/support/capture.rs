//! A `tracing` subscriber keeping every span (its name and fields, later records included) and
//! event as a line of text, for tests of what the generated clients and servers record.

use std::sync::{Arc, Mutex, OnceLock};

/// The captured lines: `name: field=value …` for a span, `event target: field=value …` for
/// an event. Clones share the lines.
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<String>>>);

impl Capture {
    /// The capture installed as the process's global subscriber (once; later calls return the
    /// same): it sees the spans of every task, those a server spawns included, and of every
    /// test of the binary, so a test picks out its own.
    pub fn global() -> Capture {
        static GLOBAL: OnceLock<Capture> = OnceLock::new();
        GLOBAL
            .get_or_init(|| {
                let capture = Capture::default();
                tracing::subscriber::set_global_default(capture.clone())
                    .expect("no other global subscriber");
                capture
            })
            .clone()
    }

    /// Every line so far.
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().expect("capture").clone()
    }

    fn push(&self, line: String) -> usize {
        let mut lines = self.0.lock().expect("capture");
        lines.push(line);
        lines.len()
    }

    /// The spans named `name`, each as its fields' text.
    pub fn spans(&self, name: &str) -> Vec<String> {
        let prefix = format!("{name}:");
        self.lines()
            .into_iter()
            .filter(|line| line.starts_with(&prefix))
            .collect()
    }
}

/// Writes each field as ` name=value`.
struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut line = format!("{}:", span.metadata().name());
        span.record(&mut Fields(&mut line));
        tracing::span::Id::from_u64(self.push(line) as u64)
    }

    fn record(&self, span: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut lines = self.0.lock().expect("capture");
        if let Some(line) = lines.get_mut(span.into_u64() as usize - 1) {
            values.record(&mut Fields(line));
        }
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut line = format!("event {}:", event.metadata().target());
        event.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}
