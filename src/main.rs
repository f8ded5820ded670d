//! The `citebot` binary: parse the command line, then hand over to one function per mode.
//! Every error ends here as one line on stderr and exit status 2.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use citebot::Engine;
use citebot::cli::{Cli, Mode};
use citebot::config::Config;
use citebot::console::{self, Format};
use citebot::render::terminal::Style;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`citebot ask … | head -1`) means the reader has what it wanted.
            if err
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("citebot: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    init_logging();
    // A missing .env is normal (production sets the environment itself); a broken one is not.
    if let Err(e) = dotenvy::dotenv()
        && !e.not_found()
    {
        return Err(e).context("reading .env");
    }
    let mut config = Config::load(cli.config.as_deref())?;
    if let Some(dir) = cli.library {
        config.library.dir = dir;
    }
    match cli.command {
        None => console_mode(&config, false),
        Some(Mode::Console { json }) => console_mode(&config, json),
        Some(Mode::Ask { json, line }) => ask(&config, json, &line.join(" ")),
        Some(Mode::Index) => index(&config),
    }
}

/// Logs go to stderr, filtered by RUST_LOG; by default only warnings, so the console's output
/// is the answers alone.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .init();
}

/// Loads the library and its index, reporting documents that were skipped.
fn open(config: &Config, rebuild: bool) -> anyhow::Result<Engine> {
    let opened = Engine::open(&config.library.dir, config.settings(), rebuild)?;
    for skipped in &opened.skipped {
        eprintln!("citebot: skipped {skipped}");
    }
    Ok(opened.engine)
}

fn text_style() -> Style {
    Style {
        ansi: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// The local console: a prompt on a terminal, one answer per line otherwise.
fn console_mode(config: &Config, json: bool) -> anyhow::Result<ExitCode> {
    let engine = open(config, false)?;
    let interactive = io::stdin().is_terminal();
    if interactive && std::env::var_os("DISCORD_TOKEN").is_some() {
        eprintln!("DISCORD_TOKEN is set, but this build answers in the terminal only.");
    }
    let format = if json {
        Format::Json
    } else {
        Format::Text(text_style())
    };
    console::run(
        &engine,
        io::stdin().lock(),
        io::stdout().lock(),
        console::Options {
            interactive,
            format,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// One command, answered on stdout; exit status 2 when the command itself was wrong.
fn ask(config: &Config, json: bool, line: &str) -> anyhow::Result<ExitCode> {
    let engine = open(config, false)?;
    let outcome = match engine.answer_line(line) {
        Ok(Some(reply)) => Ok(reply),
        Ok(None) => Err(citebot::commands::CommandError::MissingOption {
            command: "ask".into(),
            option: "a command".into(),
            example: "citebot ask \"/quote nato\"".into(),
        }),
        Err(e) => Err(e),
    };
    let format = if json {
        Format::Json
    } else {
        Format::Text(text_style())
    };
    println!("{}", console::render(&outcome, format));
    Ok(if outcome.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Rebuilds the index from the documents, replacing the cached one atomically.
fn index(config: &Config) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let engine = open(config, true)?;
    println!(
        "Indexed {} paragraphs of {} document(s) in {:.2} s.",
        engine.library().paragraph_count(),
        engine.library().documents().len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
