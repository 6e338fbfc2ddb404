using System.Globalization;
using System.Text;
using System.Text.Json;
using Expectations.Parquet;

namespace Expectations.Fuzz;

/// <summary>
/// The fuzz targets, each one entry point from bytes to the library's public API. The SharpFuzz harness
/// (fuzz/Expectations.Fuzz) runs them under afl-fuzz; FuzzRegressionTests replays fuzz/corpus/regressions through the
/// same <see cref="Run"/>. A target catches only the library's documented exception types (<see cref="IsDocumented"/>):
/// anything else escapes and is a finding, and so is an expectation result whose <c>exception_info</c> carries one of
/// the runtime's bug types (<see cref="BugTypes"/>): the library turned an internal error into a result.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The target names, as given on the harness's command line and as folder names of the corpus.</summary>
    public static IReadOnlyList<string> Names { get; } = ["suite", "parquet", "csv", "row_condition", "parameter", "profile"];

    /// <summary>
    /// Exception types that mean a bug when they reach a result's <c>exception_info</c>: the library's own errors
    /// (expectation, kernel, data source, format errors) say what is wrong in the input, these say nothing.
    /// </summary>
    public static IReadOnlySet<string> BugTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(NullReferenceException), nameof(IndexOutOfRangeException), nameof(InvalidCastException),
        nameof(OverflowException), nameof(ArgumentOutOfRangeException), nameof(ArgumentNullException),
        nameof(ArgumentException), nameof(KeyNotFoundException), nameof(InvalidOperationException),
        nameof(DivideByZeroException), nameof(ArithmeticException), nameof(NotImplementedException),
        nameof(OutOfMemoryException), nameof(InsufficientExecutionStackException), nameof(AccessViolationException),
        nameof(NullReferenceException), nameof(ObjectDisposedException), nameof(AggregateException),
    };

    /// <summary>The exceptions the library documents for bad input: a suite, a data file, an expectation or a profile that is wrong.</summary>
    public static bool IsDocumented(Exception e) =>
        e is SuiteFormatException or DataSourceException or InvalidExpectationException or ProfileFormatException;

    /// <summary>Runs one input through <paramref name="target"/>; returns normally or with a documented exception, which it catches.</summary>
    /// <param name="target">One of <see cref="Names"/>.</param>
    /// <param name="input">The bytes (the fuzzer's or a corpus file's).</param>
    /// <param name="scratchFile">Where the file-based targets (parquet, csv) write the input; reused between runs.</param>
    public static void Run(string target, ReadOnlySpan<byte> input, string scratchFile)
    {
        try
        {
            switch (target)
            {
                case "suite": Suite(input); break;
                case "parquet": Parquet(input, scratchFile); break;
                case "csv": Csv(input, scratchFile); break;
                case "row_condition": RowCondition(input); break;
                case "parameter": Parameter(input); break;
                case "profile": Profile(input); break;
                default: throw new ArgumentException($"unknown fuzz target '{target}'; one of {string.Join(", ", Names)}", nameof(target));
            }
        }
        catch (Exception e) when (IsDocumented(e))
        {
            // Bad input, refused with a documented error: what the library promises.
        }
    }

    /// <summary>Suite JSON: load, compile the plan, validate it over <see cref="Fixture.Table"/>.</summary>
    private static void Suite(ReadOnlySpan<byte> input)
    {
        var suite = SuiteJson.Parse(Encoding.UTF8.GetString(input));
        var plan = ValidationPlan.Compile(suite);
        Check(Fixture.Table.Validate(plan, Fixture.Options));
    }

    /// <summary>The input is a row_condition (first byte: 'p' for the pandas parser, else great_expectations), inside a suite over <see cref="Fixture.Table"/>.</summary>
    private static void RowCondition(ReadOnlySpan<byte> input)
    {
        var parser = input.Length > 0 && input[0] == (byte)'p' ? "pandas" : "great_expectations";
        var condition = Encoding.UTF8.GetString(input.Length > 0 ? input[1..] : input);
        var json = SuiteOf(w =>
        {
            Expectation(w, "expect_column_values_to_not_be_null", k => k.WriteString("column", "a"), condition, parser);
            Expectation(w, "expect_column_values_to_be_between", k => { k.WriteString("column", "b"); k.WriteNumber("min_value", 0); }, condition, parser);
            Expectation(w, "expect_column_values_to_be_in_set", k => { k.WriteString("column", "c"); k.WriteStartArray("value_set"); k.WriteStringValue("x"); k.WriteEndArray(); }, condition, parser);
        });
        Check(Fixture.Table.Validate(ValidationPlan.Compile(SuiteJson.Parse(json)), Fixture.Options));
    }

    /// <summary>The input is a <c>$PARAMETER</c> expression, the bound of a between expectation on a number and on a timestamp column.</summary>
    private static void Parameter(ReadOnlySpan<byte> input)
    {
        var expression = Encoding.UTF8.GetString(input);
        var json = SuiteOf(w =>
        {
            Expectation(w, "expect_column_values_to_be_between", k => { k.WriteString("column", "b"); Param(k, "min_value", expression); }, null, null);
            Expectation(w, "expect_column_values_to_be_between", k => { k.WriteString("column", "d"); Param(k, "max_value", expression); }, null, null);
            Expectation(w, "expect_column_max_to_be_between", k => { k.WriteString("column", "a"); Param(k, "min_value", expression); }, null, null);
        });
        Check(Fixture.Table.Validate(ValidationPlan.Compile(SuiteJson.Parse(json)), Fixture.Options));

        static void Param(Utf8JsonWriter k, string name, string expression)
        {
            k.WriteStartObject(name);
            k.WriteString("$PARAMETER", expression);
            k.WriteEndObject();
        }
    }

    /// <summary>The input is a CSV file: open it (header, type inference), validate a suite that reads every column.</summary>
    private static void Csv(ReadOnlySpan<byte> input, string scratchFile)
    {
        File.WriteAllBytes(scratchFile, input);
        var source = CsvDataSource.Open(scratchFile);
        Check(source.Validate(ValidationPlan.Compile(SuiteJson.Parse(SuiteFor(source.Columns))), Fixture.Options));
    }

    /// <summary>The input is a Parquet file: open it (footer, schema), validate a suite that reads every column.</summary>
    private static void Parquet(ReadOnlySpan<byte> input, string scratchFile)
    {
        File.WriteAllBytes(scratchFile, input);
        var source = ParquetDataSource.OpenAsync(scratchFile).GetAwaiter().GetResult();
        try
        {
            var plan = ValidationPlan.Compile(SuiteJson.Parse(SuiteFor(source.Columns)));
            Check(plan.ValidateAsync(source, Fixture.Options).AsTask().GetAwaiter().GetResult());
        }
        finally
        {
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The input is profile JSON: load it, compare it with itself for drift, save it again.</summary>
    private static void Profile(ReadOnlySpan<byte> input)
    {
        using var stream = new MemoryStream(input.ToArray(), writable: false);
        var profile = DatasetProfile.Load(stream);
        _ = DriftDetector.Compare(profile, profile);
        _ = profile.ToJson();
    }

    /// <summary>
    /// The data of the text-only targets and the options of every run, built on first use: the library's assemblies are
    /// instrumented, and none of their code may run before SharpFuzz has set up the coverage map.
    /// </summary>
    private static class Fixture
    {
        /// <summary>A small table with a column of each scalar kind, the data of the text-only targets.</summary>
            public static readonly InMemoryTable Table = InMemoryTable.Builder("fuzz table")
            .Add("a", new long?[] { 1, 2, null, -5, long.MaxValue })
            .Add("b", new double?[] { 0.5, double.NaN, null, -1e300, 3 })
            .Add("c", new string?[] { "x", "", null, "héllo", "2026-01-01" })
            .Add("d", new DateTime?[] { new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), DateTime.MinValue, null, DateTime.MaxValue, new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc) })
            .Add("e", new bool?[] { true, false, null, true, true })
            .Build();

            public static readonly ValidationOptions Options = new()
        {
            MaxDegreeOfParallelism = 1,
            ResultFormat = new ResultFormat { Level = ResultFormatLevel.Complete },
            Now = new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc),
            RegexBudget = TimeSpan.FromMilliseconds(200),
            Parameters = new Dictionary<string, Scalar>(StringComparer.Ordinal)
            {
                ["n"] = Scalar.From(5L),
                ["x"] = Scalar.From(2.5),
                ["s"] = Scalar.From("2026-01-01"),
                ["t"] = Scalar.From(true),
            },
        };
    }

    /// <summary>Expectations that read each column (at most 8) in the way its kind allows, plus the row count.</summary>
    private static string SuiteFor(IReadOnlyList<ColumnInfo> columns) => SuiteOf(w =>
    {
        Expectation(w, "expect_table_row_count_to_be_between", k => k.WriteNumber("min_value", 1), null, null);
        foreach (var column in columns.Take(8))
        {
            var name = column.Name;
            Expectation(w, "expect_column_values_to_not_be_null", k => k.WriteString("column", name), null, null);
            switch (column.Kind)
            {
                case DataKind.Integer or DataKind.Float or DataKind.Decimal:
                    Expectation(w, "expect_column_values_to_be_between", k => { k.WriteString("column", name); k.WriteNumber("min_value", 0); }, null, null);
                    Expectation(w, "expect_column_mean_to_be_between", k => { k.WriteString("column", name); k.WriteNumber("max_value", 1e6); }, null, null);
                    Expectation(w, "expect_column_quantile_values_to_be_between", k =>
                    {
                        k.WriteString("column", name);
                        k.WriteStartObject("quantile_ranges");
                        k.WriteStartArray("quantiles"); k.WriteNumberValue(0.5); k.WriteEndArray();
                        k.WriteStartArray("value_ranges"); k.WriteStartArray(); k.WriteNumberValue(0); k.WriteNullValue(); k.WriteEndArray(); k.WriteEndArray();
                        k.WriteEndObject();
                    }, null, null);
                    break;
                case DataKind.String:
                    Expectation(w, "expect_column_value_lengths_to_be_between", k => { k.WriteString("column", name); k.WriteNumber("max_value", 20); }, null, null);
                    Expectation(w, "expect_column_values_to_match_regex", k => { k.WriteString("column", name); k.WriteString("regex", "^[a-z]+$"); }, null, null);
                    Expectation(w, "expect_column_values_to_be_unique", k => k.WriteString("column", name), null, null);
                    break;
                case DataKind.Timestamp:
                    Expectation(w, "expect_column_max_to_be_between", k => { k.WriteString("column", name); k.WriteString("max_value", "2030-01-01"); }, null, null);
                    break;
                case DataKind.Boolean:
                    Expectation(w, "expect_column_distinct_values_to_be_in_set", k => { k.WriteString("column", name); k.WriteStartArray("value_set"); k.WriteBooleanValue(true); k.WriteEndArray(); }, null, null);
                    break;
                default:
                    Expectation(w, "expect_column_unique_value_count_to_be_between", k => { k.WriteString("column", name); k.WriteNumber("min_value", 1); }, null, null);
                    break;
            }
        }
    });

    private static string SuiteOf(Action<Utf8JsonWriter> expectations)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", "fuzz");
            w.WriteStartArray("expectations");
            expectations(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Expectation(Utf8JsonWriter w, string type, Action<Utf8JsonWriter> kwargs, string? rowCondition, string? parser)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteStartObject("kwargs");
        kwargs(w);
        if (rowCondition is not null)
        {
            w.WriteString("row_condition", rowCondition);
            w.WriteString("condition_parser", parser);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A result's <c>exception_info</c> of a bug type is a finding: it is thrown, with the expectation and the message.</summary>
    private static void Check(ValidationReport report)
    {
        foreach (var result in report.Results)
        {
            if (result.ExceptionInfo is { } info && BugTypes.Contains(info.ExceptionType))
            {
                throw new FuzzFindingException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{result.Expectation.Type}: exception_info of type {info.ExceptionType}: {info.ExceptionMessage}\n{info.ExceptionTraceback}"));
            }
        }
    }
}

/// <summary>An internal error that the library reported as an expectation's result instead of a clear message.</summary>
public sealed class FuzzFindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FuzzFindingException() { }

    /// <summary>Creates the exception with a message.</summary>
    public FuzzFindingException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public FuzzFindingException(string message, Exception innerException) : base(message, innerException) { }
}
