//! One function per subcommand.

mod analyse;
mod convert;
mod diff;
mod generate;
mod layout;
mod person;
mod serve;

use anyhow::Result;

use crate::cli::{AnalysisArgs, Cli, Command};

/// Runs the subcommand.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Analyse {
            files,
            format,
            read,
            analysis,
        } => analyse::analyse(&files, format, &read, &analysis),
        Command::Report {
            files,
            output,
            read,
            analysis,
        } => analyse::report(&files, &output, &read, &analysis),
        Command::Diff {
            old,
            new,
            format,
            read,
        } => diff::diff(&old, &new, format, &read),
        Command::Person {
            file,
            label,
            against,
            format,
            svg,
            read,
        } => person::person(
            &file,
            &label,
            against.as_deref(),
            format,
            svg.as_deref(),
            &read,
        ),
        Command::Serve { server } => serve::serve(&server),
        Command::User(command) => serve::user(&command),
        Command::Convert { files, to, read } => convert::convert(&files, to.as_deref(), &read),
        Command::Layout {
            files,
            to,
            layout,
            read,
        } => layout::layout(&files, to.as_deref(), &layout, &read),
        Command::Generate {
            elements,
            connections,
            seed,
            output,
            to,
        } => generate::generate(elements, connections, seed, &output, to.as_deref()),
    }
}

fn options(args: &AnalysisArgs) -> caremap_core::analysis::AnalysisOptions {
    caremap_core::analysis::AnalysisOptions {
        seed: args.seed,
        exact_betweenness_limit: args.exact_betweenness_limit,
        ..Default::default()
    }
}
