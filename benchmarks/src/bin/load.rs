//! A load generator for the mock server on loopback (BENCHMARKS.md, section 5; run by
//! `benchmarks/load.sh`). CONNECTIONS keep-alive connections each send LINE WORKS's documented
//! request (register a custom field) as soon as the answer to the previous one is in: for
//! WARMUP seconds unmeasured, then for SECONDS measured. It prints one line: the requests
//! answered 201 per second, the median and 99th-percentile latency, the failures (another
//! status, a broken connection, a read past [`PATIENCE`]), and, given the server's process id
//! (Linux), the CPU time the server used per request answered while measured: a figure that
//! other work on the machine disturbs far less than requests per second.
//!
//! Usage: `load ADDR CONNECTIONS WARMUP SECONDS [SERVER_PID]`, e.g. `load 127.0.0.1:8080 64 2 5`.
//!
//! It runs on one thread, so it takes at most one core from the server it loads, whichever
//! server that is.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use specgen_benchmarks::requests::Endpoint;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long one exchange may take before it counts as failed and its connection is dropped.
const PATIENCE: Duration = Duration::from_secs(5);

/// The most a response may hold, head and body, before it counts as failed.
const MAX_RESPONSE: usize = 1 << 20;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (addr, connections, warmup, seconds, server) = match args.as_slice() {
        [a, c, w, s] => (a, c, w, s, None),
        [a, c, w, s, pid] => (
            a,
            c,
            w,
            s,
            Some(pid.parse().map_err(|e| format!("PID: {e}"))?),
        ),
        _ => return Err("usage: load ADDR CONNECTIONS WARMUP SECONDS [SERVER_PID]".into()),
    };
    let addr: SocketAddr = addr.parse().map_err(|e| format!("ADDR: {e}"))?;
    let connections: usize = connections
        .parse()
        .map_err(|e| format!("CONNECTIONS: {e}"))?;
    let warmup = seconds_in(warmup, "WARMUP")?;
    let measured = seconds_in(seconds, "SECONDS")?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let (tally, cpu) = runtime.block_on(load(addr, connections, warmup, measured, server));
    println!("{}", tally.summary(connections, measured, cpu));
    Ok(())
}

fn seconds_in(text: &str, name: &str) -> Result<Duration, String> {
    let seconds: f64 = text.parse().map_err(|e| format!("{name}: {e}"))?;
    Duration::try_from_secs_f64(seconds).map_err(|e| format!("{name}: {e}"))
}

/// Runs `connections` connections against `addr`; what they measured, together, and the CPU
/// time the process `server` used while they measured.
async fn load(
    addr: SocketAddr,
    connections: usize,
    warmup: Duration,
    measured: Duration,
    server: Option<u32>,
) -> (Tally, Option<Duration>) {
    let request: Arc<[u8]> = Endpoint::lineworks().wire("/lineworks").into();
    let measuring = Instant::now() + warmup;
    let window = Window {
        from: measuring,
        to: measuring + measured,
    };
    let cpu = tokio::spawn(cpu_during(server, window));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..connections {
        tasks.spawn(connection(addr, request.clone(), window));
    }
    let mut all = Tally::default();
    while let Some(tally) = tasks.join_next().await {
        let tally = tally.expect("a connection's task does not panic");
        all.latencies.extend(tally.latencies);
        all.failures += tally.failures;
        all.first_failure = all.first_failure.or(tally.first_failure);
    }
    (all, cpu.await.expect("the CPU sampler does not panic"))
}

/// The CPU time (user and system) the process `pid` used during `window`.
async fn cpu_during(pid: Option<u32>, window: Window) -> Option<Duration> {
    let pid = pid?;
    tokio::time::sleep_until(window.from.into()).await;
    let from = cpu_time(pid)?;
    tokio::time::sleep_until(window.to.into()).await;
    Some(cpu_time(pid)?.saturating_sub(from))
}

/// The CPU time (user and system) the process `pid` has used so far, from
/// `/proc/PID/stat` (its 14th and 15th fields, in clock ticks of 10 ms).
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which may hold spaces, from the 3rd on.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |n: usize| fields.get(n - 3)?.parse::<u64>().ok();
    Some(Duration::from_millis((ticks(14)? + ticks(15)?) * 10))
}

/// When requests are measured: those sent from `from` on; none is sent from `to` on.
#[derive(Debug, Clone, Copy)]
struct Window {
    from: Instant,
    to: Instant,
}

/// What one or all connections measured: each answered request's latency in microseconds, the
/// failures, and what the first one was.
#[derive(Debug, Default)]
struct Tally {
    latencies: Vec<u32>,
    failures: u64,
    first_failure: Option<String>,
}

impl Tally {
    /// `connections=… requests=… rps=… p50_us=… p99_us=… failures=…`, the server's CPU
    /// time per request after `cpu_us=` when `cpu` (its CPU time while measured) is known, and
    /// the first failure's reason after `first_failure=` when there was one.
    fn summary(mut self, connections: usize, measured: Duration, cpu: Option<Duration>) -> String {
        self.latencies.sort_unstable();
        let quantile = |q: f64| {
            let rank = (q * self.latencies.len() as f64).ceil() as usize;
            self.latencies
                .get(rank.saturating_sub(1))
                .copied()
                .unwrap_or(0)
        };
        let requests = self.latencies.len();
        let per_request = cpu.filter(|_| requests > 0).map_or(String::new(), |cpu| {
            format!(" cpu_us={:.2}", cpu.as_secs_f64() * 1e6 / requests as f64)
        });
        let first = self.first_failure.as_ref();
        format!(
            "connections={connections} requests={requests} rps={:.0} p50_us={} p99_us={} failures={}{per_request}{}",
            requests as f64 / measured.as_secs_f64(),
            quantile(0.50),
            quantile(0.99),
            self.failures,
            first.map_or(String::new(), |why| format!(" first_failure={why:?}")),
        )
    }
}

/// One keep-alive connection sending `request` back to back until the window closes; a
/// failed exchange drops the connection and the next opens a new one.
async fn connection(addr: SocketAddr, request: Arc<[u8]>, window: Window) -> Tally {
    let mut tally = Tally::default();
    let mut stream = None;
    let mut buffer = Vec::with_capacity(4096);
    loop {
        let sent = Instant::now();
        if sent >= window.to {
            return tally;
        }
        let exchanged =
            tokio::time::timeout(PATIENCE, exchange(&mut stream, addr, &request, &mut buffer))
                .await;
        let failure = match exchanged {
            Ok(Ok(201)) => None,
            Ok(Ok(status)) => Some(format!("status {status}")),
            Ok(Err(error)) => Some(error.to_string()),
            Err(_) => Some(format!("no answer within {PATIENCE:?}")),
        };
        let answered = failure.is_none();
        if !answered {
            stream = None;
            // A server that refuses connections is not asked again at once.
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        if sent < window.from {
            continue;
        }
        if answered {
            let micros = sent.elapsed().as_micros();
            tally
                .latencies
                .push(u32::try_from(micros).unwrap_or(u32::MAX));
        } else {
            tally.failures += 1;
            tally.first_failure = tally.first_failure.or(failure);
        }
    }
}

/// Sends `request` on `stream` (connecting first when there is none) and reads the whole
/// response; its status.
async fn exchange(
    stream: &mut Option<TcpStream>,
    addr: SocketAddr,
    request: &[u8],
    buffer: &mut Vec<u8>,
) -> std::io::Result<u16> {
    let socket = match stream {
        Some(socket) => socket,
        None => stream.insert(connect(addr).await?),
    };
    socket.write_all(request).await?;
    buffer.clear();
    let (head, length) = loop {
        if let Some(found) = head_and_length(buffer)? {
            break found;
        }
        read_more(socket, buffer).await?;
    };
    while buffer.len() < head + length {
        read_more(socket, buffer).await?;
    }
    let status = std::str::from_utf8(&buffer[9..12])
        .ok()
        .and_then(|s| s.parse().ok());
    status.ok_or_else(|| std::io::Error::other("no status"))
}

/// A new connection to `addr`, its writes sent at once.
async fn connect(addr: SocketAddr) -> std::io::Result<TcpStream> {
    let connected = TcpStream::connect(addr).await?;
    connected.set_nodelay(true)?;
    Ok(connected)
}

/// Appends what `socket` has to `buffer`; an error when it closed or the response is too long.
async fn read_more(socket: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    if buffer.len() > MAX_RESPONSE {
        return Err(std::io::Error::other("response too long"));
    }
    let mut chunk = [0_u8; 4096];
    match socket.read(&mut chunk).await? {
        0 => Err(std::io::ErrorKind::UnexpectedEof.into()),
        n => {
            buffer.extend_from_slice(&chunk[..n]);
            Ok(())
        }
    }
}

/// Once `buffer` holds a whole response head: its length, and the body's (`Content-Length`;
/// the mock server sends it on every answer of this request).
fn head_and_length(buffer: &[u8]) -> std::io::Result<Option<(usize, usize)>> {
    let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = std::str::from_utf8(&buffer[..end]).map_err(std::io::Error::other)?;
    let length = head
        .split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .ok_or_else(|| std::io::Error::other("no Content-Length"))?;
    Ok(Some((end + 4, length)))
}
