using System.CommandLine;
using Expectations.Parquet;

namespace Expectations.Cli;

/// <summary>Opens the DATA argument: a Parquet file, a folder of Parquet files, or a CSV file.</summary>
internal static class DataSources
{
    /// <summary>
    /// The <c>--parse-dates a,b</c> option of the commands that read data: CSV columns to read as timestamps, as pandas'
    /// <c>read_csv(parse_dates=[...])</c>. Without it CSV dates stay strings, as in pandas.
    /// </summary>
    public static Option<string[]> ParseDatesOption()
    {
        var option = new Option<string[]>("--parse-dates")
        {
            Description = "Read these CSV columns as timestamps (ISO-8601 dates and date-times), like pandas' parse_dates; comma-separated or repeated. "
                + "Without it, CSV dates stay strings, as in pandas.",
            HelpName = "a,b",
            Arity = ArgumentArity.ZeroOrMore,
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Split(',', StringSplitOptions.TrimEntries).Any(n => n.Length == 0))
                {
                    result.AddError($"--parse-dates '{token.Value}' holds an empty column name");
                }
            }
        });
        return option;
    }

    /// <summary>The column names given to <see cref="ParseDatesOption"/>, split at commas, each once (its validator refused empty names).</summary>
    public static IReadOnlyList<string> ParseDates(ParseResult parse, Option<string[]> option) =>
        [.. (parse.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Opens <paramref name="path"/> by what it is: a folder or a non-CSV file is read as Parquet. The columns of
    /// <paramref name="parseDates"/> are read as timestamps from a CSV file; they are an error for Parquet, whose
    /// columns carry their own types.
    /// </summary>
    /// <exception cref="CliInputException">The path does not exist, its format is not supported, or a <paramref name="parseDates"/> column cannot apply.</exception>
    /// <exception cref="DataSourceException">The data cannot be read.</exception>
    public static async Task<IDataSource> OpenAsync(string path, CancellationToken cancellationToken, IReadOnlyCollection<string>? parseDates = null)
    {
        parseDates ??= [];
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
            if (parseDates.Count == 0)
            {
                return CsvDataSource.Open(path);
            }

            var header = CsvDataSource.Open(path, new CsvOptions { InferenceRows = 1 }).Columns.Select(c => c.Name).ToList();
            var unknown = parseDates.Where(n => !header.Contains(n, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                throw new CliInputException(
                    $"--parse-dates names {string.Join(", ", unknown.Select(n => $"'{n}'"))}, not a column of '{path}'; its columns are {string.Join(", ", header.Select(n => $"'{n}'"))}");
            }

            return CsvDataSource.Open(path, new CsvOptions { ColumnTypes = parseDates.ToDictionary(n => n, _ => DataKind.Timestamp, StringComparer.Ordinal) });
        }

        return await ParquetDataSource.OpenAsync(path, cancellationToken);
    }
}
