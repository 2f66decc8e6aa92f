//! Imports and generates every OpenAPI document of a folder (the APIs.guru directory, say) and
//! writes a table: imported cleanly, imported with reported gaps (counted by kind, ranked by
//! how many documents each blocks), failed, panicked; the time and peak memory. A panic in one
//! document is caught and counted; the run goes on.
//!
//! ```text
//! import-corpus DIR [--sample N] [--threads N] [--out FILE.md] [--gaps FILE.tsv]
//!               [--max-failed PERCENT] [--specs DIR]
//! ```
//!
//! `--specs DIR` also writes each document's imported specs to `DIR/<service>/`, for
//! `specgen generate` and a compile of the results (`benchmarks/compile-corpus.sh`).
//! `--gaps` writes every gap reported, one per line: document, kind, JSON pointer, message.
//! With `IMPORT_CORPUS_TRACE` set, each document's path is printed as its import starts, and
//! the memory resident after each step.
//! `--sample N` takes N documents spread evenly over the sorted list (the same N every run).
//! With `--max-failed`, the exit status is non-zero when any document panicked or more than
//! that percentage failed, so CI can hold the line.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use specgen::import::gaps::Severity;
use specgen::import::source::Sources;

#[derive(Debug)]
struct Args {
    dir: PathBuf,
    sample: Option<usize>,
    threads: usize,
    out: Option<PathBuf>,
    gaps: Option<PathBuf>,
    max_failed: Option<f64>,
    specs: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut given = std::env::args().skip(1);
    let mut args = Args {
        dir: PathBuf::new(),
        sample: None,
        threads: 2,
        out: None,
        gaps: None,
        max_failed: None,
        specs: None,
    };
    let number = |v: Option<String>, flag: &str| -> Result<String, String> {
        v.ok_or_else(|| format!("{flag} needs a value"))
    };
    while let Some(flag) = given.next() {
        match flag.as_str() {
            "--sample" => args.sample = Some(parse(&number(given.next(), &flag)?, &flag)?),
            "--threads" => {
                args.threads = parse::<usize>(&number(given.next(), &flag)?, &flag)?.max(1)
            }
            "--out" => args.out = Some(PathBuf::from(number(given.next(), &flag)?)),
            "--gaps" => args.gaps = Some(PathBuf::from(number(given.next(), &flag)?)),
            "--specs" => args.specs = Some(PathBuf::from(number(given.next(), &flag)?)),
            "--max-failed" => args.max_failed = Some(parse(&number(given.next(), &flag)?, &flag)?),
            _ if args.dir.as_os_str().is_empty() && !flag.starts_with('-') => {
                args.dir = PathBuf::from(flag)
            }
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }
    if args.dir.as_os_str().is_empty() {
        return Err("usage: import-corpus DIR [--sample N] [--threads N] [--out FILE.md] [--gaps FILE.tsv] [--max-failed PERCENT] [--specs DIR]".into());
    }
    Ok(args)
}

fn parse<T: std::str::FromStr>(text: &str, flag: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag}: `{text}` is not a number"))
}

/// How one document went.
#[derive(Debug)]
enum Outcome {
    /// Imported and generated; the kinds of the gaps it reported (none: clean).
    Imported {
        operations: usize,
        gap_kinds: Vec<&'static str>,
        /// Each gap's kind and what it says, names masked (`X`), once per document.
        messages: Vec<(&'static str, String)>,
        /// Each gap as `kind\tpointer\tmessage`, unmasked.
        lines: Vec<String>,
    },
    Failed(String),
    Panicked(String),
}

struct Run {
    name: String,
    outcome: Outcome,
    time: Duration,
}

/// Imports, checks and generates one document. Each step's input is dropped as soon as the
/// next step has what it needs: the largest documents hold hundreds of MiB at each step.
fn one(path: &Path, specs: Option<&Path>) -> Outcome {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let service = specgen::check::snake(&format!("api {}", stem.unwrap_or_default()));
    trace_memory("start");
    let sources = match Sources::read(path) {
        Ok(sources) => sources,
        Err(problem) => return Outcome::Failed(problem.0),
    };
    trace_memory("read");
    let imported = match specgen::import::translate(&sources, &service) {
        Ok(imported) => imported,
        Err(failure) => return Outcome::Failed(failure.to_string()),
    };
    let gaps: Vec<_> = imported
        .gaps
        .iter()
        .filter(|g| g.severity == Severity::Gap)
        .map(|g| (g.kind, g.what.clone(), sources.show(&g.at)))
        .collect();
    drop(sources);
    trace_memory("imported");
    let api = match specgen::check_service_texts(&service, &imported.files) {
        Ok(api) => api,
        Err(problems) => return Outcome::Failed(format!("{} check error(s)", problems.len())),
    };
    let operations = imported.endpoints;
    if let Some(dir) = specs
        && let Err(problem) = write_specs(&dir.join(&service), &imported.files)
    {
        return Outcome::Failed(problem);
    }
    drop(imported);
    trace_memory("checked");
    // Each file is dropped as it is made: only that it could be made is counted here.
    let generated = specgen::layout::crate_files_each(&api, &Default::default(), &|_, _| {});
    if let Err(error) = generated {
        return Outcome::Failed(format!("generate: {error}"));
    }
    trace_memory("generated");
    imported_with(operations, gaps)
}

/// Writes one document's imported specs into `dir`, which must not exist yet (two documents of
/// one name in different folders are one service folder; the second is not written).
fn write_specs(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    std::fs::create_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The outcome of a document imported and generated with `gaps` (kind, message, pointer).
fn imported_with(operations: usize, gaps: Vec<(&'static str, String, String)>) -> Outcome {
    let mut gap_kinds: Vec<&'static str> = gaps.iter().map(|g| g.0).collect();
    gap_kinds.sort_unstable();
    gap_kinds.dedup();
    let mut messages: Vec<(&'static str, String)> =
        gaps.iter().map(|g| (g.0, masked(&g.1))).collect();
    messages.sort();
    messages.dedup();
    let lines = gaps
        .into_iter()
        .map(|(kind, what, at)| format!("{kind}\t{at}\t{what}"))
        .collect();
    Outcome::Imported {
        operations,
        gap_kinds,
        messages,
        lines,
    }
}

/// With `IMPORT_CORPUS_TRACE` set, the heap in use after `step` and its peak during the step
/// (of the whole process: trace with `--threads 1`), and the peak resident memory so far.
fn trace_memory(step: &str) {
    if std::env::var_os("IMPORT_CORPUS_TRACE").is_some() {
        let (live, peak) = heap::take_peak();
        let resident = memory_mib("VmHWM:").map_or("?".into(), |m| m.to_string());
        eprintln!(
            "  {step}: heap {} MiB, its peak in the step {} MiB; resident peak {resident} MiB",
            live >> 20,
            peak >> 20
        );
    }
}

/// The system allocator, counting the bytes in use and their peak, so a trace can say what
/// each step holds (resident memory stays high after a step frees what it used).
mod heap {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

    /// Counting is on only while tracing: two threads adding to one counter slow the run.
    static COUNTING: AtomicBool = AtomicBool::new(false);
    static LIVE: AtomicIsize = AtomicIsize::new(0);
    static PEAK: AtomicIsize = AtomicIsize::new(0);

    struct Counting;

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    // SAFETY: every call is passed on to the system allocator unchanged; only counted.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            grow(layout.size());
            // SAFETY: the caller's guarantees for `layout` hold for the system allocator.
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            shrink(layout.size());
            // SAFETY: `ptr` was allocated by `alloc` above with this `layout`.
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if new_size > layout.size() {
                grow(new_size - layout.size());
            } else {
                shrink(layout.size() - new_size);
            }
            // SAFETY: as for `alloc` and `dealloc`.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    /// Starts counting; the few bytes allocated before are not counted (and their frees may
    /// take the count a little below zero).
    pub fn count() {
        COUNTING.store(true, Ordering::Relaxed);
    }

    fn shrink(bytes: usize) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(bytes as isize, Ordering::Relaxed);
        }
    }

    fn grow(bytes: usize) {
        if !COUNTING.load(Ordering::Relaxed) {
            return;
        }
        let live = LIVE.fetch_add(bytes as isize, Ordering::Relaxed) + bytes as isize;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }

    /// The bytes in use now and their peak since the last call.
    pub fn take_peak() -> (usize, usize) {
        let live = LIVE.load(Ordering::Relaxed);
        let peak = PEAK.swap(live, Ordering::Relaxed);
        (live.max(0) as usize, peak.max(0) as usize)
    }
}

/// A message with what it quotes masked, so messages about different names count as one.
fn masked(what: &str) -> String {
    let mut out = String::new();
    for (i, part) in what.split('`').enumerate() {
        out.push_str(if i % 2 == 1 { "`X`" } else { part });
    }
    out
}

fn documents(dir: &Path, sample: Option<usize>) -> std::io::Result<Vec<PathBuf>> {
    let mut all = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            ) {
                all.push(path);
            }
        }
    }
    all.sort();
    Ok(match sample {
        Some(n) if n < all.len() => (0..n).map(|i| all[i * all.len() / n].clone()).collect(),
        _ => all,
    })
}

fn run_all(paths: &[PathBuf], threads: usize, specs: Option<&Path>) -> Vec<Run> {
    let next = AtomicUsize::new(0);
    let runs = Mutex::new(Vec::with_capacity(paths.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            // The CLI imports and generates on a main thread, whose stack is 8 MiB: so do the
            // workers (parsing and printing the generated code recurse).
            let worker = std::thread::Builder::new().stack_size(8 << 20);
            let spawned = worker.spawn_scoped(scope, || {
                while let Some(path) = paths.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if std::env::var_os("IMPORT_CORPUS_TRACE").is_some() {
                        eprintln!("{}", path.display());
                    }
                    let start = Instant::now();
                    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| one(path, specs)))
                        .unwrap_or_else(|panic| Outcome::Panicked(panic_text(&panic)));
                    let name = path
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned();
                    let run = Run {
                        name,
                        outcome,
                        time: start.elapsed(),
                    };
                    runs.lock().expect("no worker panics holding it").push(run);
                }
            });
            spawned.expect("a worker thread starts");
        }
    });
    let mut runs = runs.into_inner().expect("workers done");
    runs.sort_by(|a, b| a.name.cmp(&b.name));
    runs
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic without a message".into())
}

/// Every gap of every document, a line each: `document\tkind\tpointer\tmessage`.
fn gap_lines(runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        if let Outcome::Imported { lines, .. } = &run.outcome {
            for line in lines {
                out += &format!("{}\t{line}\n", run.name);
            }
        }
    }
    out
}

/// The peak resident memory of this process, in MiB (Linux).
fn peak_mib() -> Option<u64> {
    memory_mib("VmHWM:")
}

/// A memory figure of `/proc/self/status` (`VmRSS:` now, `VmHWM:` the peak), in MiB.
fn memory_mib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn main() -> std::process::ExitCode {
    if std::env::var_os("IMPORT_CORPUS_TRACE").is_some() {
        heap::count();
    }
    // Panics are counted, not printed one by one.
    std::panic::set_hook(Box::new(|_| {}));
    let args = match args() {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("error: {problem}");
            return std::process::ExitCode::from(2);
        }
    };
    let paths = match documents(&args.dir, args.sample) {
        Ok(paths) if !paths.is_empty() => paths,
        Ok(_) => {
            eprintln!(
                "error: no .json or .yaml document under {}",
                args.dir.display()
            );
            return std::process::ExitCode::from(2);
        }
        Err(error) => {
            eprintln!("error: {}: {error}", args.dir.display());
            return std::process::ExitCode::from(2);
        }
    };
    let start = Instant::now();
    if let Some(dir) = &args.specs
        && let Err(error) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: {}: {error}", dir.display());
        return std::process::ExitCode::from(2);
    }
    let runs = run_all(&paths, args.threads, args.specs.as_deref());
    let report = report::Report::of(&runs, start.elapsed(), peak_mib());
    let text = report.markdown(&args.dir);
    print!("{text}");
    let written = [
        (args.out.as_ref(), text),
        (args.gaps.as_ref(), gap_lines(&runs)),
    ];
    for (path, contents) in written {
        if let Some(path) = path
            && let Err(error) = std::fs::write(path, contents)
        {
            eprintln!("error: {}: {error}", path.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    match args.max_failed {
        Some(limit) if report.panicked > 0 || report.failed_percent() > limit => {
            eprintln!(
                "error: {} panicked, {:.1} % failed (at most {limit} % allowed)",
                report.panicked,
                report.failed_percent()
            );
            std::process::ExitCode::FAILURE
        }
        _ => std::process::ExitCode::SUCCESS,
    }
}

mod report {
    use super::*;

    /// The counts of a run.
    pub struct Report<'r> {
        runs: &'r [Run],
        pub clean: usize,
        pub with_gaps: usize,
        pub failed: usize,
        pub panicked: usize,
        operations: usize,
        /// Each gap kind, with the documents it appears in.
        kinds: BTreeMap<&'static str, usize>,
        /// Each gap message (names masked), with the documents it appears in.
        messages: BTreeMap<(&'static str, &'r str), usize>,
        elapsed: Duration,
        peak_mib: Option<u64>,
    }

    impl<'r> Report<'r> {
        pub fn of(runs: &'r [Run], elapsed: Duration, peak_mib: Option<u64>) -> Report<'r> {
            let mut report = Report {
                runs,
                clean: 0,
                with_gaps: 0,
                failed: 0,
                panicked: 0,
                operations: 0,
                kinds: BTreeMap::new(),
                messages: BTreeMap::new(),
                elapsed,
                peak_mib,
            };
            for run in runs {
                match &run.outcome {
                    Outcome::Imported {
                        operations,
                        gap_kinds,
                        messages,
                        ..
                    } => {
                        for (kind, what) in messages {
                            *report.messages.entry((kind, what.as_str())).or_default() += 1;
                        }
                        report.operations += operations;
                        if gap_kinds.is_empty() {
                            report.clean += 1;
                        } else {
                            report.with_gaps += 1;
                        }
                        for kind in gap_kinds {
                            *report.kinds.entry(kind).or_default() += 1;
                        }
                    }
                    Outcome::Failed(_) => report.failed += 1,
                    Outcome::Panicked(_) => report.panicked += 1,
                }
            }
            report
        }

        pub fn failed_percent(&self) -> f64 {
            percent(self.failed + self.panicked, self.runs.len())
        }

        pub fn markdown(&self, dir: &Path) -> String {
            let total = self.runs.len();
            let mut out = format!(
                "# Import of {} document(s) under `{}`\n\n",
                total,
                dir.display()
            );
            out += "| outcome | documents | share |\n|---|---|---|\n";
            for (label, count) in [
                ("imported and generated, no gap reported", self.clean),
                ("imported and generated, with reported gaps", self.with_gaps),
                ("failed (a diagnostic)", self.failed),
                ("panicked", self.panicked),
            ] {
                out += &format!("| {label} | {count} | {:.1} % |\n", percent(count, total));
            }
            out += &format!(
                "\n{} operation(s) written; {:.1} s in all; peak memory {} MiB.\n",
                self.operations,
                self.elapsed.as_secs_f64(),
                self.peak_mib.map_or("?".into(), |m| m.to_string())
            );
            out += &self.ranking();
            out += &self.failures();
            out += &self.slowest();
            out
        }

        /// The gap kinds by how many documents each keeps from a clean import.
        fn ranking(&self) -> String {
            let mut kinds: Vec<(&&str, &usize)> = self.kinds.iter().collect();
            kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let mut out = "\n## Gap kinds, by documents they appear in\n\n".to_owned();
            out += "| kind | documents | the most common messages (documents) |\n|---|---|---|\n";
            for (kind, count) in kinds {
                out += &format!(
                    "| `{kind}` | {count} | {} |\n",
                    self.common(kind).join("; ")
                );
            }
            out
        }

        /// The three messages of `kind` met in the most documents.
        fn common(&self, kind: &str) -> Vec<String> {
            let mut messages: Vec<(&str, usize)> = self
                .messages
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, what), n)| (*what, *n))
                .collect();
            messages.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            messages
                .iter()
                .take(3)
                .map(|(what, n)| format!("{} ({n})", what.replace('|', "\\|")))
                .collect()
        }

        fn failures(&self) -> String {
            let failed = self.runs.iter().filter_map(|run| match &run.outcome {
                Outcome::Failed(why) => Some((run, "failed", why)),
                Outcome::Panicked(why) => Some((run, "panicked", why)),
                Outcome::Imported { .. } => None,
            });
            let mut out = "\n## Failures\n\n".to_owned();
            for (run, how, why) in failed {
                let why: String = why.chars().take(160).collect();
                out += &format!("- `{}` {how}: {}\n", run.name, why.replace('\n', " "));
            }
            out
        }

        fn slowest(&self) -> String {
            let mut runs: Vec<&Run> = self.runs.iter().collect();
            runs.sort_by_key(|run| std::cmp::Reverse(run.time));
            let mut out = "\n## Slowest\n\n".to_owned();
            for run in runs.iter().take(5) {
                out += &format!("- `{}`: {:.2} s\n", run.name, run.time.as_secs_f64());
            }
            out
        }
    }

    fn percent(count: usize, total: usize) -> f64 {
        if total == 0 {
            0.0
        } else {
            count as f64 * 100.0 / total as f64
        }
    }
}
