//! `score` as a stream on every core. A reader thread reads the input in chunks, worker threads
//! score chunks, and the main thread writes each chunk's cards in input order. Every channel is
//! bounded, so memory holds a few chunks whatever the input's size, and the reader waits when
//! the output is not being read. Threads are detached: when the writer stops early (a closed
//! pipe, `--on-error stop`), the process ends without waiting for a reader blocked on stdin.

use crate::args::{Format, OnError, ScoreArgs};
use crate::coverage;
use crate::files::{self, is_stdin, load_scorer, name};
use crate::output::{stdout_failed, Cards};
use crate::progress::Progress;
use crate::source::{Chunk, Lead, Source};
use crate::Exit;
use leadscore::api::{Error, Kind, ScoreSettings};
use leadscore::evaluate::Coverage;
use leadscore::Scorer;
use std::io::{BufWriter, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

/// A chunk to score and where its result goes.
type Job = (Chunk, SyncSender<Scored>);
/// The chunks in input order: the receiver of each one's result, or why the input stopped.
type Order = Receiver<Result<Receiver<Scored>, String>>;

/// A chunk scored.
struct Scored {
    /// The cards, rendered.
    cards: Vec<u8>,
    /// Each refused lead, with how many bytes of `cards` come before it.
    refused: Vec<(usize, Error)>,
    /// Leads read (scored or refused).
    leads: usize,
    /// Input bytes the chunk covers.
    bytes: u64,
    /// Which fields the model reads the chunk's leads have.
    coverage: Coverage,
}

/// Runs `score`.
pub fn run(args: &ScoreArgs) -> Result<(), Exit> {
    if args.explain && args.format == Format::Csv {
        return Err(Exit::new(Kind::Usage, "--explain writes whole cards as JSON Lines: leave out --format csv"));
    }
    let settings = args.options().resolve(files::now)?;
    let scorer = Arc::new(load_scorer(&args.model)?);
    let source = Source::open(&args.input, &args.separator)?;
    let columns = source.columns();
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let (work, jobs) = sync_channel::<Job>(workers);
    let (order_in, order) = sync_channel(2 * workers);
    spawn("reader", move || read(source, &order_in, &work))?;
    let jobs = Arc::new(Mutex::new(jobs));
    for _ in 0..workers {
        let (jobs, scorer, format) = (Arc::clone(&jobs), Arc::clone(&scorer), args.format);
        spawn("worker", move || score_chunks(&jobs, &scorer, settings, format))?;
    }
    let size = if is_stdin(&args.input) { None } else { std::fs::metadata(&args.input).ok().map(|m| m.len()) };
    let coverage = Coverage::new(scorer.model());
    write_in_order(order, &name(&args.input), args, Progress::new(size), (coverage, columns))
}

fn spawn(what: &str, f: impl FnOnce() + Send + 'static) -> Result<(), Exit> {
    let spawned = std::thread::Builder::new().name(what.to_string()).spawn(f);
    spawned.map(drop).map_err(|e| Exit::new(Kind::Io, format!("cannot start a {what} thread: {e}")))
}

/// The reader: chunks to the workers and, in the same order, their result receivers to the writer.
fn read(mut source: Source, order: &SyncSender<Result<Receiver<Scored>, String>>, work: &SyncSender<Job>) {
    loop {
        match source.next_chunk() {
            Ok(Some(chunk)) => {
                let (done, result) = sync_channel(1);
                if order.send(Ok(result)).is_err() || work.send((chunk, done)).is_err() {
                    return; // the writer stopped
                }
            }
            Ok(None) => return,
            Err(reason) => {
                let _ = order.send(Err(reason));
                return;
            }
        }
    }
}

/// A worker: scores chunks until the reader is done.
fn score_chunks(jobs: &Mutex<Receiver<Job>>, scorer: &Scorer, settings: ScoreSettings, format: Format) {
    loop {
        let job = match jobs.lock() {
            Ok(jobs) => jobs.recv(),
            Err(_) => return,
        };
        let Ok((chunk, done)) = job else { return };
        let _ = done.send(score_chunk(scorer, chunk, settings, format));
    }
}

fn score_chunk(scorer: &Scorer, chunk: Chunk, settings: ScoreSettings, format: Format) -> Scored {
    let mut cards = Cards::new(format, settings.explain);
    let mut refused = Vec::new();
    let mut coverage = Coverage::new(scorer.model());
    let leads = chunk.leads.len();
    for (line, lead) in chunk.leads {
        let parsed = match lead {
            Lead::Text(range) => leadscore::Lead::from_json(chunk.text.get(range).unwrap_or(""), &scorer.model().input),
            Lead::Value(value) => scorer.parse_lead(value),
            Lead::Refused(e) => {
                refused.push((cards.len(), e));
                continue;
            }
        };
        let card = parsed.and_then(|lead| {
            coverage.add(&lead);
            scorer.score(&lead, settings.as_of)
        });
        if let Err(e) = card.map_err(Error::from).and_then(|card| cards.push(&card)) {
            refused.push((cards.len(), e.at_line(line)));
        }
    }
    Scored { cards: cards.into_bytes(), refused, leads, bytes: chunk.bytes, coverage }
}

/// The writer: each chunk's cards in input order, its refused leads on stderr.
fn write_in_order(
    order: Order,
    file: &str,
    args: &ScoreArgs,
    progress: Progress,
    (mut coverage, columns): (Coverage, Vec<String>),
) -> Result<(), Exit> {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    out.write_all(&Cards::header(args.format)).map_err(stdout_failed)?;
    let (mut leads, mut refused) = (0, 0);
    for next in order {
        let next = next.map_err(|reason| Exit::from(Error::io(file, reason)))?;
        let scored = next.recv().map_err(|_| Exit::new(Kind::Io, "a scoring thread stopped"))?;
        let stop = args.on_error == OnError::Stop && !scored.refused.is_empty();
        let end = scored.refused.first().filter(|_| stop).map_or(scored.cards.len(), |(at, _)| *at);
        out.write_all(scored.cards.get(..end).unwrap_or_default()).map_err(stdout_failed)?;
        for (_, e) in scored.refused.into_iter().take(if stop { 1 } else { usize::MAX }) {
            progress.note(&Exit::in_file(file, e).message);
            refused += 1;
        }
        if stop {
            out.flush().map_err(stdout_failed)?;
            return Err(Exit::new(Kind::Lead, "stopped at the first refused lead (--on-error stop)"));
        }
        leads += scored.leads;
        coverage.merge(scored.coverage);
        progress.advance(scored.bytes, leads);
    }
    out.flush().map_err(stdout_failed)?;
    progress.finish(leads, refused);
    let covered = coverage::report(file, &coverage.finish(&columns), args.coverage.strict_coverage);
    match refused {
        0 => covered,
        n => Err(Exit::new(Kind::Lead, format!("{n} of {leads} leads refused"))),
    }
}
