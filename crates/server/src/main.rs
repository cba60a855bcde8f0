//! `stitchfork`: the one binary of Stitchfork. Parses the command line, sets up logging
//! (stderr; stdout is kept for the "running at" line), and runs the chosen command.

use clap::Parser;
use stitchfork_server::cli::{Cli, Command};
use stitchfork_server::db::Db;
use stitchfork_server::{seed, server};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    let result: Result<(), Box<dyn std::error::Error>> = match cli.command {
        Command::Serve(a) => server::serve(server::ServeOptions {
            addr: a.addr,
            database_url: a.database_url,
            dist: a.dist,
            seed_demo_if_empty: a.seed_demo_if_empty,
        })
        .await
        .map_err(Into::into),
        Command::Seed(a) => run_seed(a).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stitchfork: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run_seed(a: stitchfork_server::cli::SeedArgs) -> Result<(), Box<dyn std::error::Error>> {
    if !a.demo && a.bulk.is_none() {
        return Err("nothing to do: pass --demo".into());
    }
    let db = Db::open(&a.database_url).await?;
    if a.demo {
        let n = seed::seed_demo(&db).await?;
        println!("seeded {n} demo patterns");
    }
    if let Some(n) = a.bulk {
        seed::seed_bulk(&db, n).await?;
        println!("seeded {n} generated patterns");
    }
    db.close().await;
    Ok(())
}
