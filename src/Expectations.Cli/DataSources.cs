using System.CommandLine;
using Expectations.Parquet;

namespace Expectations.Cli;

/// <summary>How the commands that read data read a CSV file: <c>--parse-dates</c> and <c>--replace-invalid-utf8</c>.</summary>
/// <param name="ParseDates">Columns to read as timestamps.</param>
/// <param name="ReplaceInvalidUtf8">Read invalid UTF-8 as U+FFFD instead of stopping with exit 2.</param>
internal sealed record CsvReading(IReadOnlyList<string> ParseDates, bool ReplaceInvalidUtf8)
{
    /// <summary>No column parsed as dates; invalid UTF-8 is an error.</summary>
    public static CsvReading Default { get; } = new([], false);
}

/// <summary>Opens the DATA argument: a Parquet file, a folder of Parquet files, or a CSV file.</summary>
internal static class DataSources
{
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
    /// Opens <paramref name="path"/> by what it is: a folder or a non-CSV file is read as Parquet. The columns of
    /// <see cref="CsvReading.ParseDates"/> are read as timestamps from a CSV file; they are an error for Parquet, whose
    /// columns carry their own types.
    /// </summary>
    /// <exception cref="CliInputException">The path does not exist, its format is not supported, or a parse-dates column cannot apply.</exception>
    /// <exception cref="DataSourceException">The data cannot be read.</exception>
    public static async Task<IDataSource> OpenAsync(string path, CancellationToken cancellationToken, CsvReading? reading = null)
    {
        reading ??= CsvReading.Default;
        var parseDates = reading.ParseDates;
        var csv = File.Exists(path) && Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);
        if (parseDates.Count > 0 && !csv && (File.Exists(path) || Directory.Exists(path)))
        {
            throw new CliInputException($"--parse-dates reads CSV text as timestamps, but '{path}' is Parquet, whose columns carry their own types");
        }

        if (Directory.Exists(path))
        {
            return await ParquetDataSource.OpenAsync(path, cancellationToken);
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
