//! `caremap analyse` and `caremap report`.

use anyhow::{Context, Result};
use caremap_core::analysis::{analyse_with_progress, Analysis};
use caremap_core::Network;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::options;
use crate::cli::{AnalysisArgs, OutputFormat, ReadArgs};
use crate::input::read_map;
use crate::progress::Progress;

fn run_analysis(
    files: &[PathBuf],
    read: &ReadArgs,
    args: &AnalysisArgs,
) -> Result<(Network, Analysis)> {
    let progress = Progress::new("analysing");
    progress.step("reading");
    let network = read_map(files, read)?;
    // CAREMAP_PHASE_TIMES=1 prints how long each step took (for profiling large maps).
    let timing = std::env::var_os("CAREMAP_PHASE_TIMES").is_some();
    let mut last: Option<(String, std::time::Instant)> = None;
    let mut report_step = |name: Option<&str>| {
        if let (true, Some((step, started))) = (timing, &last) {
            eprintln!("phase {step}: {:.3} s", started.elapsed().as_secs_f64());
        }
        last = name.map(|n| (n.to_string(), std::time::Instant::now()));
    };
    let analysis = analyse_with_progress(&network, &options(args), &mut |step| {
        progress.step(step);
        report_step(Some(step));
    });
    report_step(None);
    Ok((network, analysis))
}

/// Prints every chapter of the analysis.
pub fn analyse(
    files: &[PathBuf],
    format: OutputFormat,
    read: &ReadArgs,
    args: &AnalysisArgs,
) -> Result<()> {
    let (_, analysis) = run_analysis(files, read, args)?;
    let text = match format {
        OutputFormat::Text => caremap_report::render_text(&analysis),
        OutputFormat::Markdown => caremap_report::render_markdown(&analysis),
        OutputFormat::Json => {
            let mut s = serde_json::to_string_pretty(&analysis)?;
            s.push('\n');
            s
        }
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// Writes the self-contained HTML report.
pub fn report(
    files: &[PathBuf],
    output: &Path,
    read: &ReadArgs,
    args: &AnalysisArgs,
) -> Result<()> {
    let (network, analysis) = run_analysis(files, read, args)?;
    let html = caremap_report::render_html(&analysis, &network);
    std::fs::write(output, html).with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!("wrote {}", output.display());
    Ok(())
}
