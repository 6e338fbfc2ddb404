using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Expectations.Parquet;

namespace Expectations.Tests.Parquet;

/// <summary>
/// The Parquet files of apache/parquet-testing (written by parquet-mr, Arrow, parquet-rs, Impala, Spark and others,
/// in <c>../shared/realworld/parquet-testing</c>) read as DuckDB reads them: the same top-level columns, rows, nulls,
/// min and max (DuckDB's answers are in its <c>expected.json</c>), every column readable, and the files DuckDB cannot
/// read either read or refused with a clear error naming the file.
/// </summary>
public sealed class RealWorldCorpusTests
{
    /// <summary>Columns beyond a documented limit (docs/parquet.md): the map keys of large_string_map hold more than 2 GB of text in one row group.</summary>
    private static readonly HashSet<(string File, string Column)> KnownLimits = [("data/large_string_map.brotli.parquet", "arr.key")];

    [RealWorldFact]
    public async Task A_column_beyond_two_gigabytes_in_one_row_group_is_a_clear_error()
    {
        var path = Path.Combine(RealWorldFactAttribute.Directory!, "data/large_string_map.brotli.parquet");
        await using var source = await ParquetDataSource.OpenAsync(path);
        var read = async () =>
        {
            await foreach (var _ in source.ReadAsync(["arr.key"]))
            {
            }
        };
        (await read.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("'arr.key'").And.Contain("row group 0").And.Contain("2 GB");
    }

    [RealWorldFact]
    public async Task Every_file_DuckDB_reads_gives_DuckDBs_columns_rows_nulls_min_and_max()
    {
        var failures = new List<string>();
        foreach (var file in RealWorldFactAttribute.Files().Where(f => f.GetProperty("readable").GetBoolean()))
        {
            var name = file.GetProperty("file").GetString()!;
            try
            {
                await CompareAsync(Path.Combine(RealWorldFactAttribute.Directory!, name), file, failures, name);
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [RealWorldFact]
    public async Task Files_DuckDB_cannot_read_are_read_or_refused_with_an_error_naming_the_file()
    {
        var failures = new List<string>();
        foreach (var file in RealWorldFactAttribute.Files().Where(f => !f.GetProperty("readable").GetBoolean()))
        {
            var name = file.GetProperty("file").GetString()!;
            var path = Path.Combine(RealWorldFactAttribute.Directory!, name);
            try
            {
                await using var source = await ParquetDataSource.OpenAsync(path);
                await foreach (var _ in source.ReadAsync([.. source.Columns.Select(c => c.Name)]))
                {
                }
            }
            catch (DataSourceException e) when (e.Message.Contains(path, StringComparison.Ordinal))
            {
                if (name.Contains("encrypt", StringComparison.Ordinal) && !e.Message.Contains("encrypted", StringComparison.Ordinal))
                {
                    failures.Add($"{name}: an encrypted file is refused without saying so: {e.Message}");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [RealWorldFact]
    public async Task Every_readable_file_is_profiled_and_passes_its_own_suggested_suite()
    {
        var failures = new List<string>();
        foreach (var file in RealWorldFactAttribute.Files().Where(f => f.GetProperty("readable").GetBoolean()))
        {
            var name = file.GetProperty("file").GetString()!;
            try
            {
                await using var source = await ParquetDataSource.OpenAsync(Path.Combine(RealWorldFactAttribute.Directory!, name));
                var profile = await DatasetProfile.BuildAsync(source, columns: [.. source.Columns.Select(c => c.Name).Where(c => !KnownLimits.Contains((name, c)))]);
                var suite = SuiteSuggester.Suggest(profile, "own");
                var report = await ValidationPlan.Compile(suite).ValidateAsync(source);
                foreach (var result in report.Results.Where(r => !r.Success))
                {
                    failures.Add($"{name}: {result.Expectation.Type}({result.Expectation.ColumnName}) failed: {result.ExceptionInfo?.ExceptionMessage ?? JsonSerializer.Serialize(result.Result.ObservedValue)} {result.ExceptionInfo?.ExceptionTraceback?.Split(Environment.NewLine).Skip(1).FirstOrDefault()}");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message} {e.StackTrace?.Split(Environment.NewLine).FirstOrDefault()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task CompareAsync(string path, JsonElement expected, List<string> failures, string name)
    {
        await using var source = await ParquetDataSource.OpenAsync(path);
        var columns = expected.GetProperty("columns").EnumerateArray().ToList();
        var topLevel = source.Columns.Where(c => c.Parent is null).Select(c => c.Name).ToList();
        var expectedNames = columns.Select(c => c.GetProperty("name").GetString()!).ToList();
        if (!topLevel.SequenceEqual(expectedNames))
        {
            failures.Add($"{name}: columns [{string.Join(", ", topLevel)}], DuckDB [{string.Join(", ", expectedNames)}]");
            return;
        }

        var rows = expected.GetProperty("rows").GetInt64();
        if (source.RowCount != rows)
        {
            failures.Add($"{name}: {source.RowCount} rows, DuckDB {rows}");
        }

        // Every column (nested fields too) must decode, but for the documented limit of 2 GB per column and row group.
        var all = source.Columns.Select(c => c.Name).Where(c => !KnownLimits.Contains((name, c))).ToArray();
        var facts = all.ToDictionary(c => c, _ => new ColumnFacts(), StringComparer.Ordinal);
        long read = 0;
        await foreach (var chunk in source.ReadAsync(all))
        {
            read += chunk.RowCount;
            foreach (var column in all)
            {
                facts[column].Add(chunk[column]);
            }
        }

        if (read != rows)
        {
            failures.Add($"{name}: read {read} rows, DuckDB {rows}");
        }

        foreach (var column in columns)
        {
            var columnName = column.GetProperty("name").GetString()!;
            var ours = facts[columnName];
            var type = column.TryGetProperty("duckdb_type", out var t) ? t.GetString()! : column.GetProperty("duckdb_type_base").GetString()!;
            if (column.TryGetProperty("nulls", out var nulls) && nulls.GetInt64() != ours.Nulls)
            {
                failures.Add($"{name}: '{columnName}' has {ours.Nulls} nulls, DuckDB {nulls.GetInt64()}");
            }

            foreach (var bound in new[] { "min", "max" })
            {
                var mine = bound == "min" ? ours.Min : ours.Max;
                if (column.TryGetProperty(bound, out var value))
                {
                    if (!SameValue(type, value, mine))
                    {
                        failures.Add($"{name}: '{columnName}' ({type}) {bound} is {Describe(mine)}, DuckDB {value.GetRawText()}");
                    }
                }
                else if (column.TryGetProperty($"{bound}_sha256", out var hash))
                {
                    var text = mine as string;
                    var ourHash = text is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
                    if (ourHash != hash.GetString())
                    {
                        failures.Add($"{name}: '{columnName}' {bound} (left out of expected.json) hashes differently");
                    }
                }
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        TimestampValue ts => new DateTime(ts.Ticks).ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>Compares one of our values with DuckDB's JSON rendering of it (see README-expected.md).</summary>
    private static bool SameValue(string type, JsonElement expected, object? ours)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return ours is null;
        }

        if (ours is null)
        {
            return false;
        }

        var text = expected.ValueKind == JsonValueKind.String ? expected.GetString()! : expected.GetRawText();
        switch (ours)
        {
            case bool b:
                return expected.ValueKind is JsonValueKind.True or JsonValueKind.False && expected.GetBoolean() == b;
            case BigInteger i:
                return BigInteger.Parse(text, CultureInfo.InvariantCulture) == i;
            case decimal m:
                return decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == m;
            case double d:
                return text switch
                {
                    "Infinity" => double.IsPositiveInfinity(d),
                    "-Infinity" => double.IsNegativeInfinity(d),
                    _ => double.Parse(text, CultureInfo.InvariantCulture) == d,
                };
            case TimestampValue ts:
                if (type == "DATE")
                {
                    return new DateTime(ts.Ticks).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == text;
                }

                if (!DateTime.TryParse(text.TrimEnd('Z'), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    // Beyond years 1-9999 (DuckDB renders e.g. "226414-01-07 (BC) ..."): we clamp to the DateTime range.
                    return ts.Ticks == DateTime.MinValue.Ticks || ts.Ticks == DateTime.MaxValue.Ticks;
                }

                // DuckDB keeps microseconds (TIMESTAMP_NS nanoseconds); DateTime ticks are 100 ns.
                return parsed.Ticks / 10 == ts.Ticks / 10;
            case string s:
                if (type.StartsWith("TIME", StringComparison.Ordinal) && !type.StartsWith("TIMESTAMP", StringComparison.Ordinal))
                {
                    return TimeSpan.Parse(text.Split('+')[0], CultureInfo.InvariantCulture) == TimeSpan.Parse(s, CultureInfo.InvariantCulture);
                }

                return s == text;
            default:
                return false;
        }
    }

    private readonly record struct TimestampValue(long Ticks);

    /// <summary>Nulls, min and max of one column the way DuckDB computes them (NaN left out, strings by UTF-8 bytes).</summary>
    private sealed class ColumnFacts
    {
        public long Nulls { get; private set; }

        public object? Min { get; private set; }

        public object? Max { get; private set; }

        public void Add(ColumnBatch batch)
        {
            Nulls += batch.NullCount;
            for (var i = 0; i < batch.Length; i++)
            {
                if (!batch.IsValid(i))
                {
                    continue;
                }

                object? value = batch switch
                {
                    PrimitiveBatch<bool> b => b.Values.Span[i],
                    PrimitiveBatch<long> b when b.Kind == DataKind.Timestamp => new TimestampValue(b.Values.Span[i]),
                    PrimitiveBatch<long> b => new BigInteger(b.Values.Span[i]),
                    PrimitiveBatch<ulong> b => new BigInteger(b.Values.Span[i]),
                    PrimitiveBatch<int> b => new BigInteger(b.Values.Span[i]),
                    PrimitiveBatch<uint> b => new BigInteger(b.Values.Span[i]),
                    PrimitiveBatch<short> b => new BigInteger(b.Values.Span[i]),
                    PrimitiveBatch<ushort> b => new BigInteger(b.Values.Span[i]),
                    PrimitiveBatch<sbyte> b => new BigInteger(b.Values.Span[i]),
                    PrimitiveBatch<byte> b => new BigInteger(b.Values.Span[i]),
                    PrimitiveBatch<float> b => float.IsNaN(b.Values.Span[i]) ? null : (double)b.Values.Span[i],
                    PrimitiveBatch<double> b => double.IsNaN(b.Values.Span[i]) ? null : b.Values.Span[i],
                    PrimitiveBatch<decimal> b => b.Values.Span[i],
                    StringBatch s => s.GetString(i),
                    _ => null,
                };

                if (value is null)
                {
                    continue;
                }

                if (Min is null || Compare(value, Min) < 0)
                {
                    Min = value;
                }

                if (Max is null || Compare(value, Max) > 0)
                {
                    Max = value;
                }
            }
        }

        private static int Compare(object a, object b) => (a, b) switch
        {
            (string x, string y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)),
            (double x, double y) => x.CompareTo(y),
            (TimestampValue x, TimestampValue y) => x.Ticks.CompareTo(y.Ticks),
            _ => ((IComparable)a).CompareTo(b),
        };
    }
}

/// <summary>A fact that needs <c>../shared/realworld/parquet-testing</c> beside the repository (or <c>EXPECTATIONS_PARQUET_TESTING</c>); skipped without it.</summary>
public sealed class RealWorldFactAttribute : FactAttribute
{
    public RealWorldFactAttribute()
    {
        if (Directory is null)
        {
            Skip = "parquet-testing corpus not found: set EXPECTATIONS_PARQUET_TESTING or keep ../shared/realworld/parquet-testing beside the repository.";
        }
    }

    public static string? Directory { get; } = Find();

    /// <summary>The entries of expected.json.</summary>
    public static IEnumerable<JsonElement> Files()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory!, "expected.json")));
        return [.. document.RootElement.GetProperty("files").EnumerateArray().Select(f => f.Clone())];
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("EXPECTATIONS_PARQUET_TESTING") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Expectations.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "realworld", "parquet-testing"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
