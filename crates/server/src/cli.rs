//! The command line: `stitchfork serve` and `stitchfork seed`. Every option also reads an
//! environment variable, so the same binary is configured by flags locally and by env in
//! containers.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "stitchfork",
    version,
    about = "Stitchfork: customize, publish and fork product patterns"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the web app.
    Serve(ServeArgs),
    /// Fill the database with demo patterns.
    Seed(SeedArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the first output line names it).
    #[arg(long, env = "STITCHFORK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// sqlite://path/to/file.db (created if missing) or postgres://user:pass@host/db.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/stitchfork.db"
    )]
    pub database_url: String,
    /// The built web app (Trunk's output folder).
    #[arg(long, env = "STITCHFORK_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// Publish the demo patterns first if the database has no patterns.
    #[arg(long, env = "STITCHFORK_SEED_DEMO", action = ArgAction::SetTrue)]
    pub seed_demo_if_empty: bool,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Publish the demo patterns (does nothing if the database already has patterns).
    #[arg(long)]
    pub demo: bool,
    /// Publish N generated patterns (for load measurements).
    #[arg(long, hide = true)]
    pub bulk: Option<u64>,
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/stitchfork.db"
    )]
    pub database_url: String,
}
