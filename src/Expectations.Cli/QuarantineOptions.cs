using System.CommandLine;
using Expectations.Parquet;

namespace Expectations.Cli;

/// <summary>Where <c>validate --quarantine BAD.parquet --valid GOOD.parquet</c> writes the split rows (either may be absent).</summary>
/// <param name="InvalidPath">The quarantine file: rows that failed a row-level expectation, plus <c>_failed_expectations</c>.</param>
/// <param name="ValidPath">The other rows.</param>
internal sealed record QuarantineTargets(string? InvalidPath, string? ValidPath)
{
    /// <summary>
    /// Validates and splits <paramref name="source"/> (opened from <paramref name="dataPath"/>) into temporary files of
    /// <paramref name="outputs"/>, published with the run's reports. A Parquet input is reopened by path so the split
    /// files keep its Parquet column types; any other source is written by batch type. Every expectation runs at
    /// result format COMPLETE, which the report then shows.
    /// </summary>
    public async Task<ParquetQuarantineResult> RunAsync(ValidationPlan plan, string dataPath, IDataSource source, ValidationOptions options, OutputSet outputs, CancellationToken cancellationToken)
    {
        Check(dataPath);
        var invalid = InvalidPath is null ? null : outputs.Stage(InvalidPath);
        var valid = ValidPath is null ? null : outputs.Stage(ValidPath);
        // A partitioned folder goes through the source itself, so that --partition filters hold for the split too.
        return source is ParquetDataSource { PartitionColumns.Count: 0 }
            ? await plan.QuarantineAsync(dataPath, valid, invalid, options, cancellationToken)
            : await plan.QuarantineAsync(source, valid, invalid, options, cancellationToken);
    }

    /// <summary>Says on stderr where the rows went (stdout may carry the JSON report, which must stay parseable); once the files are published.</summary>
    public async Task PrintAsync(ParquetQuarantineResult result, TextWriter stderr)
    {
        if (InvalidPath is not null)
        {
            await stderr.WriteLineAsync($"Quarantined {result.InvalidRowCount:N0} rows to {InvalidPath}");
        }

        if (ValidPath is not null)
        {
            await stderr.WriteLineAsync($"Wrote {result.ValidRowCount:N0} valid rows to {ValidPath}");
        }
    }

    /// <summary>Refuses targets that would overwrite the input or each other, or that live in a missing folder.</summary>
    private void Check(string dataPath)
    {
        var input = Path.GetFullPath(dataPath);
        foreach (var (option, path) in new[] { ("--quarantine", InvalidPath), ("--valid", ValidPath) })
        {
            if (path is null)
            {
                continue;
            }

            var full = Path.GetFullPath(path);
            if (full == input || full.StartsWith(input.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new CliInputException($"{option} '{path}' would overwrite the data being validated");
            }

            if (Directory.Exists(full) || !Directory.Exists(Path.GetDirectoryName(full)))
            {
                throw new CliInputException($"{option} '{path}' must be a file in an existing folder");
            }
        }

        if (InvalidPath is not null && ValidPath is not null && Path.GetFullPath(InvalidPath) == Path.GetFullPath(ValidPath))
        {
            throw new CliInputException("--quarantine and --valid must be different files");
        }
    }
}

/// <summary>The <c>--quarantine</c> and <c>--valid</c> options of <c>validate</c>.</summary>
internal sealed class QuarantineOptions
{
    private readonly Option<string?> _quarantine = new("--quarantine")
    {
        Description = "Write the rows that fail a row-level expectation to this Parquet file, with a _failed_expectations column naming what each failed.",
        HelpName = "BAD.parquet",
    };

    private readonly Option<string?> _valid = new("--valid")
    {
        Description = "Write the rows that pass every row-level expectation to this Parquet file (written whatever the exit code: the gate is the exit code).",
        HelpName = "GOOD.parquet",
    };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_quarantine);
        command.Options.Add(_valid);
    }

    /// <summary>The targets given on the command line, or null when neither option was.</summary>
    public QuarantineTargets? Read(ParseResult parse)
    {
        var invalid = parse.GetValue(_quarantine);
        var valid = parse.GetValue(_valid);
        return invalid is null && valid is null ? null : new QuarantineTargets(invalid, valid);
    }
}
