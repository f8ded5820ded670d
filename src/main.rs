//! The `citebot` binary: parse the command line, then hand over to one function per mode.
//! Every error ends here as one line on stderr and exit status 2.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use std::sync::Arc;

use citebot::Engine;
use citebot::cli::{Cli, Mode};
use citebot::config::Config;
use citebot::console::{self, Format};
use citebot::discord::definitions::{self, definitions};
use citebot::discord::rest::{Rest, RestError};
use citebot::discord::{endpoint, gateway};
use citebot::render::terminal::Style;
use citebot::secret::Secret;
use citebot::service::{self, Service};

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
    // A missing .env is normal (production sets the environment itself); a broken one is not.
    let dotenv = dotenvy::dotenv();
    let bot = match &cli.command {
        None => Secret::from_env(TOKEN_VAR).is_some(),
        Some(mode) => matches!(
            mode,
            Mode::Run | Mode::Register { .. } | Mode::Invite | Mode::ServeHttp { .. }
        ),
    };
    init_logging(bot);
    if let Err(e) = dotenv
        && !e.not_found()
    {
        return Err(e).context("reading .env");
    }
    let mut config = Config::load(cli.config.as_deref())?;
    if let Some(dir) = cli.library {
        config.library.dir = dir;
    }
    match cli.command {
        // The bot when there is a token to run it with; the console otherwise.
        None if Secret::from_env(TOKEN_VAR).is_some() => gateway(&config),
        None => console_mode(&config, false, None),
        Some(Mode::Console { json, server }) => console_mode(&config, json, server),
        Some(Mode::Ask { json, line, server }) => ask(&config, json, &line.join(" "), server),
        Some(Mode::Index) => index(&config),
        Some(Mode::Add {
            source,
            server,
            title,
            author,
            published,
            json,
        }) => {
            let mut line = format!(
                "/library add {}:{}",
                // Anything with a scheme is a link, so `ftp://…` is refused as a link (only
                // http and https are fetched) rather than looked for as a file.
                if source.contains("://") {
                    "url"
                } else {
                    "file"
                },
                quoted(&source)
            );
            for (name, value) in [
                ("title", title),
                ("author", author),
                ("published", published),
            ] {
                if let Some(value) = value {
                    line.push_str(&format!(" {name}:{}", quoted(&value)));
                }
            }
            ask(&config, json, &line, server)
        }
        Some(Mode::Remove { doc, server, json }) => ask(
            &config,
            json,
            &format!("/library remove doc:{}", quoted(&doc)),
            server,
        ),
        Some(Mode::List { server, json }) => ask(&config, json, "/library list", server),
        Some(Mode::Run) => gateway(&config),
        Some(Mode::Register { guild }) => register(&config, guild),
        Some(Mode::Invite) => invite(&config),
        Some(Mode::ServeHttp { bind }) => serve_http(&config, bind),
    }
}

const TOKEN_VAR: &str = "DISCORD_TOKEN";

/// The bot token, or the one-line explanation of how to get one (and how to do without).
fn token() -> anyhow::Result<Secret> {
    Secret::from_env(TOKEN_VAR).ok_or_else(|| {
        anyhow::anyhow!(
            "DISCORD_TOKEN is not set: put the bot token in .env (see .env.example) or the environment, or run `citebot console` to use citebot in this terminal"
        )
    })
}

/// A tokio runtime for the Discord modes. Shutting down waits at most a second for stragglers,
/// so SIGTERM ends the process promptly.
fn runtime<T>(work: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = runtime.block_on(work);
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    result
}

/// The Discord bot over the gateway, until SIGINT or SIGTERM.
fn gateway(config: &Config) -> anyhow::Result<ExitCode> {
    let token = token()?;
    let service = open_service(config, false)?;
    let engine = service.engine();
    let settings = gateway::Settings {
        token,
        api_base: config.discord.api_base.clone(),
        application_id: config.discord.application_id,
        guild_id: config.discord.guild_id,
        connect_timeout: std::time::Duration::from_secs(config.discord.connect_timeout_secs),
    };
    tracing::info!(
        paragraphs = engine.catalog().paragraph_count(),
        documents = engine.catalog().len(),
        "connecting to Discord"
    );
    runtime(async move {
        // Documents dropped into the folder, or added by another replica, go live as they come.
        let _watching = service.watch();
        Ok(gateway::run(service, settings).await?)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Uploads the command definitions, to one server or globally.
fn register(config: &Config, guild: Option<u64>) -> anyhow::Result<ExitCode> {
    let token = token()?;
    let guild = guild.or(config.discord.guild_id);
    let count = runtime(async {
        let http = gateway::http(
            &token,
            config.discord.api_base.as_deref(),
            config.discord.application_id,
        );
        let rest = Rest::new(Arc::new(http));
        if config.discord.application_id.is_none() {
            let id = rest.application_id().await.map_err(explain)?;
            rest.http().set_application_id(id.into());
        }
        rest.register(&definitions(), guild).await.map_err(explain)
    })?;
    match guild {
        Some(g) => println!("Registered {count} commands in server {g}; they are usable now."),
        None => println!(
            "Registered {count} commands globally; Discord may take up to an hour to show them everywhere."
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// The invite link, for the configured application (or the token's, when there is one).
fn invite(config: &Config) -> anyhow::Result<ExitCode> {
    let id = match config.discord.application_id {
        Some(id) => id,
        None => {
            let token = token().map_err(|_| {
                anyhow::anyhow!("set discord.application_id in config/citebot.toml (or CITEBOT_DISCORD__APPLICATION_ID), or DISCORD_TOKEN so it can be looked up")
            })?;
            runtime(async {
                let http = gateway::http(&token, config.discord.api_base.as_deref(), None);
                Rest::new(Arc::new(http))
                    .application_id()
                    .await
                    .map_err(explain)
            })?
        }
    };
    println!("{}", definitions::invite_url(id));
    Ok(ExitCode::SUCCESS)
}

/// The HTTP interactions endpoint, until SIGINT or SIGTERM. It listens at once and loads the
/// library meanwhile (`/healthz` answers 503 until it is ready), so a large library's index
/// build does not look like a dead process to the load balancer.
fn serve_http(config: &Config, bind: Option<std::net::SocketAddr>) -> anyhow::Result<ExitCode> {
    let public_key = Secret::from_env("DISCORD_PUBLIC_KEY").ok_or_else(|| {
        anyhow::anyhow!(
            "DISCORD_PUBLIC_KEY is not set: put the application's public key (Developer Portal → General Information) in .env or the environment"
        )
    })?;
    let verifier = endpoint::verifier(public_key.expose())?;
    let token = token()?;
    let addr = bind.unwrap_or(config.http.bind);
    let settings = endpoint::Settings {
        verifier,
        rest: Rest::new(Arc::new(gateway::http(
            &token,
            config.discord.api_base.as_deref(),
            config.discord.application_id,
        ))),
        max_skew: std::time::Duration::from_secs(config.http.max_clock_skew_secs),
        max_body: config.http.max_body_bytes,
    };
    let config = config.clone();
    runtime(async move {
        let listener = endpoint::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        // The one line scripts and tests wait for (the port, when --bind asked for port 0).
        println!("citebot: listening on http://{local}/interactions");
        let endpoint = endpoint::Endpoint::new(settings);
        let loading = {
            let endpoint = endpoint.clone();
            tokio::task::spawn_blocking(move || -> anyhow::Result<Arc<Service>> {
                let service = open_service(&config, false)?;
                tracing::info!(
                    paragraphs = service.engine().catalog().paragraph_count(),
                    "library loaded; answering interactions"
                );
                endpoint.ready(Arc::clone(&service));
                Ok(service)
            })
        };
        let serving = endpoint.serve(
            listener,
            gateway::shutdown_signal(),
            std::time::Duration::from_secs(4),
        );
        tokio::pin!(serving);
        tokio::select! {
            loaded = loading => {
                let service = loaded??;
                let _watching = service.watch();
                serving.await?;
            }
            served = &mut serving => served?,
        }
        tracing::info!("stopped");
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// A REST failure, said for the person running the command.
fn explain(error: RestError) -> anyhow::Error {
    match error {
        RestError::Unauthorized => anyhow::anyhow!(
            "Discord rejected the bot token (401 Unauthorized): check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token)"
        ),
        other => anyhow::anyhow!("Discord: {other}"),
    }
}

/// Logs go to stderr, filtered by RUST_LOG. By default the bot logs what it does (info), and the
/// console and `ask` only warnings, so their output is the answers alone.
/// Logging to stderr, redacted: the bot token (from the environment or `.env`, read before this
/// runs) and anything shaped like a token never reach the log, at any level.
fn init_logging(bot: bool) {
    let default = if bot {
        "citebot=info,serenity=warn,warn"
    } else {
        "warn"
    };
    // The public key is public; citebot never holds its private counterpart.
    let secrets = Secret::from_env(TOKEN_VAR).map(|s| s.expose().to_string());
    citebot::logging::init(default, secrets);
}

/// Loads the library and its index, reporting documents that were skipped.
fn open_service(config: &Config, rebuild: bool) -> anyhow::Result<Arc<Service>> {
    if !config.fetch.test_hosts.is_empty() {
        tracing::warn!(
            hosts = ?config.fetch.test_hosts.keys().collect::<Vec<_>>(),
            "fetch.test_hosts is set: these names resolve to fixed, possibly private addresses — for tests only"
        );
    }
    let started = Service::open(
        &config.library.dir,
        service::Options {
            index_dir: config.library.index_dir.clone(),
            settings: config.settings(),
            rebuild,
            fetch: citebot::fetch::Limits {
                timeout: std::time::Duration::from_secs(config.fetch.timeout_secs),
                max_bytes: config.fetch.max_bytes,
                max_redirects: config.fetch.max_redirects,
                test_hosts: config.fetch.test_hosts.clone(),
            },
        },
    )?;
    for skipped in &started.skipped {
        eprintln!("citebot: skipped {skipped}");
    }
    Ok(started.service)
}

/// The library as it is now, for one-off answers.
fn open(config: &Config, rebuild: bool) -> anyhow::Result<Arc<Engine>> {
    Ok(open_service(config, rebuild)?.engine())
}

fn text_style() -> Style {
    Style {
        ansi: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// A value for a console line: in quotes when it has spaces (or quotes of its own).
fn quoted(value: &str) -> String {
    if value.chars().any(|c| c.is_whitespace() || c == '"') {
        format!("\"{}\"", value.replace('"', "'"))
    } else {
        value.to_string()
    }
}

/// The local console: a prompt on a terminal, one answer per line otherwise.
fn console_mode(config: &Config, json: bool, server: Option<u64>) -> anyhow::Result<ExitCode> {
    let service = open_service(config, false)?;
    let interactive = io::stdin().is_terminal();
    if interactive && Secret::from_env(TOKEN_VAR).is_none() {
        eprintln!("No DISCORD_TOKEN set: answering here. Set it in .env to run the Discord bot.");
    }
    let format = if json {
        Format::Json
    } else {
        Format::Text(text_style())
    };
    console::run(
        &service,
        io::stdin().lock(),
        io::stdout().lock(),
        console::Options {
            interactive,
            format,
            audience: citebot::library::Audience { server },
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// One command, answered on stdout; exit status 2 when the command itself was wrong.
fn ask(config: &Config, json: bool, line: &str, server: Option<u64>) -> anyhow::Result<ExitCode> {
    let service = open_service(config, false)?;
    let outcome = match service.answer_local(line, citebot::library::Audience { server }) {
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
        engine.catalog().paragraph_count(),
        engine.catalog().len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
