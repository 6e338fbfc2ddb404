using System.CommandLine;
using System.Globalization;
using Expectations.Parquet;
using Expectations.Parquet.Delta;

namespace Expectations.Cli;

/// <summary>How the commands that read data read a CSV file: <c>--parse-dates</c> and <c>--replace-invalid-utf8</c>.</summary>
/// <param name="ParseDates">Columns to read as timestamps.</param>
/// <param name="ReplaceInvalidUtf8">Read invalid UTF-8 as U+FFFD instead of stopping with exit 2.</param>
internal sealed record CsvReading(IReadOnlyList<string> ParseDates, bool ReplaceInvalidUtf8)
{
    /// <summary>No column parsed as dates; invalid UTF-8 is an error.</summary>
    public static CsvReading Default { get; } = new([], false);
}

/// <summary>
/// Which part of a partitioned folder or Delta table to read: <c>--partition</c> filters, and the Delta version
/// (<c>--version N</c>, <c>--as-of TIME</c>).
/// </summary>
/// <param name="Partitions">Partition filters; a file must pass all of them.</param>
/// <param name="Version">The Delta table version, or null for the latest.</param>
/// <param name="AsOf">Read the Delta version current at this time, or null.</param>
internal sealed record TableReading(IReadOnlyList<PartitionFilter> Partitions, long? Version, DateTimeOffset? AsOf)
{
    /// <summary>Everything, at the latest version.</summary>
    public static TableReading Default { get; } = new([], null, null);
}

/// <summary>Opens the DATA argument: a Delta table folder, a (Hive-partitioned) folder of Parquet files, a Parquet file, or a CSV file.</summary>
internal static class DataSources
{
    /// <summary>The options of <c>validate</c> that choose what of a table to read: <c>--partition</c>, <c>--version</c>, <c>--as-of</c>.</summary>
    internal sealed class TableOptionsSet
    {
        private readonly Option<string[]> _partition = new("--partition")
        {
            Description = "Read only the partitions that pass this filter, such as \"date>=2024-06-01\" or \"region in (eu, us)\" (= != < <= > >= in, not in, is null; "
                + "conditions joined by commas or 'and'); repeatable, all must hold. For Hive-partitioned folders (key=value sub-folders) and partitioned Delta tables.",
            HelpName = "FILTER",
            Arity = ArgumentArity.ZeroOrMore,
        };

        private readonly Option<long?> _version = new("--version")
        {
            Description = "Read this version of a Delta table (time travel); default: the latest.",
            HelpName = "N",
        };

        private readonly Option<string?> _asOf = new("--as-of")
        {
            Description = "Read the version of a Delta table that was current at this time (ISO-8601, such as 2024-01-01T00:00:00Z; without an offset, UTC).",
            HelpName = "TIME",
        };

        public TableOptionsSet()
        {
            _partition.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                {
                    try
                    {
                        PartitionFilter.Parse(token.Value);
                    }
                    catch (FormatException e)
                    {
                        result.AddError($"--partition: {e.Message}");
                    }
                }
            });
            _version.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                {
                    if (!long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        result.AddError($"--version must be a table version, a whole number 0 or more (got '{token.Value}').");
                    }
                }
            });
            _asOf.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                {
                    if (!TryParseTime(token.Value, out _))
                    {
                        result.AddError($"--as-of must be an ISO-8601 time such as 2024-01-01T00:00:00Z (got '{token.Value}').");
                    }
                }
            });
        }

        /// <summary>Adds the options to <paramref name="command"/>, and refuses <c>--version</c> with <c>--as-of</c>.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(_partition);
            command.Options.Add(_version);
            command.Options.Add(_asOf);
            command.Validators.Add(result =>
            {
                if (result.GetResult(_version) is { Tokens.Count: > 0 } && result.GetResult(_asOf) is { Tokens.Count: > 0 })
                {
                    result.AddError("--version and --as-of both choose a Delta table version: give one of them.");
                }
            });
        }

        /// <summary>What a parse asks for (the validators already refused malformed values).</summary>
        public TableReading Read(ParseResult parse) => new(
            [.. (parse.GetValue(_partition) ?? []).Select(PartitionFilter.Parse)],
            parse.GetValue(_version),
            parse.GetValue(_asOf) is { } text && TryParseTime(text, out var time) ? time : null);

        private static bool TryParseTime(string text, out DateTimeOffset time) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time);
    }

    /// <summary>
    /// The CSV options of the commands that read data: <c>--parse-dates a,b</c> (columns to read as timestamps, as
    /// pandas' <c>read_csv(parse_dates=[...])</c>; without it CSV dates stay strings, as in pandas) and
    /// <c>--replace-invalid-utf8</c>.
    /// </summary>
    internal sealed class CsvOptionsSet
    {
        private readonly Option<string[]> _parseDates = new("--parse-dates")
        {
            Description = "Read these CSV columns as timestamps (ISO-8601 dates and date-times), like pandas' parse_dates; comma-separated or repeated. "
                + "Without it, CSV dates stay strings, as in pandas.",
            HelpName = "a,b",
            Arity = ArgumentArity.ZeroOrMore,
        };

        private readonly Option<bool> _replaceInvalidUtf8 = new("--replace-invalid-utf8")
        {
            Description = "Read invalid UTF-8 bytes of a CSV file as U+FFFD (the replacement character); by default they are an error (exit 2) naming the line, row and column.",
        };

        public CsvOptionsSet() => _parseDates.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Split(',', StringSplitOptions.TrimEntries).Any(n => n.Length == 0))
                {
                    result.AddError($"--parse-dates '{token.Value}' holds an empty column name");
                }
            }
        });

        /// <summary>Adds both options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(_parseDates);
            command.Options.Add(_replaceInvalidUtf8);
        }

        /// <summary>What a parse asks for; <c>--parse-dates</c> names split at commas, each once (the validator refused empty names).</summary>
        public CsvReading Read(ParseResult parse) => new(
            [.. (parse.GetValue(_parseDates) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)],
            parse.GetValue(_replaceInvalidUtf8));
    }

    /// <summary>
    /// Opens <paramref name="path"/> by what it is: a folder holding <c>_delta_log</c> is a Delta table (at the version
    /// <paramref name="table"/> asks for); another folder or a non-CSV file is read as Parquet (a folder with
    /// <c>key=value</c> sub-folders as Hive-partitioned). The columns of <see cref="CsvReading.ParseDates"/> are read as
    /// timestamps from a CSV file; they are an error for Parquet, whose columns carry their own types.
    /// </summary>
    /// <exception cref="CliInputException">The path does not exist, its format is not supported, or a parse-dates, partition or version option cannot apply.</exception>
    /// <exception cref="DataSourceException">The data cannot be read.</exception>
    public static async Task<IDataSource> OpenAsync(string path, CancellationToken cancellationToken, CsvReading? reading = null, TableReading? table = null)
    {
        reading ??= CsvReading.Default;
        table ??= TableReading.Default;
        var delta = DeltaTable.IsDeltaTable(path);
        if ((table.Version is not null || table.AsOf is not null) && !delta)
        {
            throw new CliInputException($"--version and --as-of read a Delta table, but '{path}' is not one (it has no _delta_log folder)");
        }

        if (delta)
        {
            if (reading.ParseDates.Count > 0)
            {
                throw new CliInputException($"--parse-dates reads CSV text as timestamps, but '{path}' is a Delta table, whose columns carry their own types");
            }

            return await DeltaTable.OpenAsync(path, new DeltaReadOptions { Version = table.Version, AsOf = table.AsOf, Filters = table.Partitions }, cancellationToken);
        }

        var csvFile = File.Exists(path) && Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);
        if (table.Partitions.Count > 0 && (csvFile || File.Exists(path)))
        {
            throw new CliInputException($"--partition selects partitions of a partitioned folder or Delta table, but '{path}' is one file");
        }
        var parseDates = reading.ParseDates;
        var csv = File.Exists(path) && Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);
        if (parseDates.Count > 0 && !csv && (File.Exists(path) || Directory.Exists(path)))
        {
            throw new CliInputException($"--parse-dates reads CSV text as timestamps, but '{path}' is Parquet, whose columns carry their own types");
        }

        if (Directory.Exists(path))
        {
            return await ParquetDataSource.OpenAsync(path, new ParquetReadOptions { Filters = table.Partitions }, cancellationToken);
        }

        if (!File.Exists(path))
        {
            throw new CliInputException($"data path '{path}' does not exist");
        }

        if (csv)
        {
            // Type inference reads a sample of rows; a header or sample problem is a DataSourceException naming the file.
            var options = new CsvOptions { ReplaceInvalidUtf8 = reading.ReplaceInvalidUtf8 };
            if (parseDates.Count == 0)
            {
                return CsvDataSource.Open(path, options);
            }

            var header = CsvDataSource.Open(path, options with { InferenceRows = 1 }).Columns.Select(c => c.Name).ToList();
            var unknown = parseDates.Where(n => !header.Contains(n, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                throw new CliInputException(
                    $"--parse-dates names {string.Join(", ", unknown.Select(n => $"'{n}'"))}, not a column of '{path}'; its columns are {string.Join(", ", header.Select(n => $"'{n}'"))}");
            }

            return CsvDataSource.Open(path, options with { ColumnTypes = parseDates.ToDictionary(n => n, _ => DataKind.Timestamp, StringComparer.Ordinal) });
        }

        return await ParquetDataSource.OpenAsync(path, cancellationToken);
    }
}
