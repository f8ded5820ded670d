//! The command line: `citebot [--library DIR] [--config FILE] [COMMAND]`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Quote articles verbatim, always with their sources — in Discord or in a terminal.
///
/// With no command, citebot runs the Discord bot when DISCORD_TOKEN is set (in the environment
/// or .env), and otherwise answers commands typed in the terminal (the console).
#[derive(Debug, Parser)]
#[command(name = "citebot", version, about, long_about)]
pub struct Cli {
    /// Folder of documents to serve (overrides library.dir in the configuration).
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Configuration file [default: config/citebot.toml, if present].
    #[arg(long, global = true, value_name = "FILE", env = "CITEBOT_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Mode>,
}

#[derive(Debug, Subcommand)]
pub enum Mode {
    /// Answer commands typed in the terminal, or piped in one per line.
    Console {
        /// Answer in JSON, one line per command.
        #[arg(long)]
        json: bool,
        /// Answer as this Discord server sees the library (its own readings and the shared).
        #[arg(long, value_name = "ID")]
        server: Option<u64>,
    },
    /// Answer one command and exit: citebot ask "/quote hot peace".
    Ask {
        /// Answer in JSON.
        #[arg(long)]
        json: bool,
        /// Answer as this Discord server sees the library.
        #[arg(long, value_name = "ID")]
        server: Option<u64>,
        /// The command line, e.g. /quote nato count:2 (words may be given unquoted).
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true, value_name = "COMMAND")]
        line: Vec<String>,
    },
    /// Rebuild the search index of the library now.
    Index,
    /// Add a reading from a file or a web page: to a server's library with --server, to the
    /// shared library otherwise.
    Add {
        /// A .html, .md or .txt file, or an http(s) link.
        #[arg(value_name = "PATH|URL")]
        source: String,
        #[arg(long, value_name = "ID")]
        server: Option<u64>,
        /// The title to cite instead of the page's.
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        author: Option<String>,
        /// The date to cite, e.g. 2025-04-01.
        #[arg(long)]
        published: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a reading by its id: from a server's library with --server, the shared otherwise.
    Remove {
        #[arg(value_name = "ID")]
        doc: String,
        #[arg(long, value_name = "ID")]
        server: Option<u64>,
        #[arg(long)]
        json: bool,
    },
    /// List a server's readings (with --server) and the shared ones.
    List {
        #[arg(long, value_name = "ID")]
        server: Option<u64>,
        #[arg(long)]
        json: bool,
    },
    /// Run the Discord bot over the gateway (needs DISCORD_TOKEN).
    Run,
    /// Upload the slash-command definitions to Discord without starting the bot.
    Register {
        /// Register in this server only (instant) instead of globally [default: discord.guild_id].
        #[arg(long, value_name = "ID")]
        guild: Option<u64>,
    },
    /// Print the link that adds the bot to a server, with the permissions it needs.
    Invite,
    /// Serve Discord's signed interaction requests over HTTP instead of the gateway (needs
    /// DISCORD_PUBLIC_KEY, and DISCORD_TOKEN for pinning).
    ServeHttp {
        /// Address to listen on [default: http.bind, 127.0.0.1:8080].
        #[arg(long, value_name = "ADDR")]
        bind: Option<std::net::SocketAddr>,
    },
}
