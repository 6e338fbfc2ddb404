using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Expectations.Kernels;

namespace Expectations.Profiling;

/// <summary>
/// The profile file format, version 1: per column a human-readable <c>summary</c> (derived, ignored when
/// loading) and the mergeable <c>state</c> (moments, quantile sketch levels, distinct sketch, value counts)
/// that loading restores exactly. Non-finite doubles are written as the strings "Infinity", "-Infinity", "NaN".
/// Binary values are written as <c>\x</c>-hex and lists as their JSON text; a field of a struct or map names its
/// <c>parent</c>, a list column its <c>element_kind</c>, and a list column's state holds the profiles of its lengths
/// (<c>list_lengths</c>) and of its elements (<c>elements</c>), each written as a column.
/// </summary>
internal static class ProfileJson
{
    public const string Format = "expectations-profile";
    public const int Version = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    public static void Write(Stream stream, DatasetProfile profile)
    {
        using var w = new Utf8JsonWriter(stream, WriterOptions);
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteString("source", profile.Source);
        w.WriteNumber("row_count", profile.RowCount);
        w.WriteStartArray("columns");
        foreach (var column in profile.Columns)
        {
            WriteColumn(w, column, includeDistinct: true);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes one column profile; <paramref name="includeDistinct"/> false leaves out the distinct sketch (drift does not need it).</summary>
    public static void WriteColumn(Utf8JsonWriter w, ColumnProfile column, bool includeDistinct)
    {
        var s = column.State;
        w.WriteStartObject();
        w.WriteString("name", column.Name);
        w.WriteString("kind", column.Kind.ToString().ToLowerInvariant());
        w.WriteString("physical_type", column.PhysicalType);
        if (s.Info.Parent is { } parent)
        {
            w.WriteString("parent", parent);
        }

        if (column.ElementKind is { } elementKind)
        {
            w.WriteString("element_kind", elementKind.ToString().ToLowerInvariant());
        }

        w.WriteString("family", column.Family.ToString().ToLowerInvariant());
        WriteSummary(w, column);
        w.WriteStartObject("state");
        w.WriteNumber("row_count", s.Rows);
        w.WriteNumber("null_count", s.Nulls);
        w.WriteNumber("positive_infinity_count", s.PositiveInfinities);
        w.WriteNumber("negative_infinity_count", s.NegativeInfinities);
        w.WriteNumber("zero_count", s.Zeros);
        w.WriteNumber("negative_count", s.Negatives);
        w.WriteNumber("empty_count", s.Empties);
        w.WriteNumber("true_count", s.Trues);
        w.WriteStartObject("float_moments");
        WriteFloat(w, s.Float);
        w.WriteEndObject();
        w.WriteStartObject("integer_moments");
        WriteInteger(w, s.Integer);
        w.WriteEndObject();
        w.WriteStartObject("length_moments");
        WriteInteger(w, s.Lengths);
        w.WriteEndObject();
        if (s.Values is { } q)
        {
            WriteSketch(w, q, static (w, x) => w.WriteNumberValue(x));
        }
        else if (s.IntegerValues is { } iq)
        {
            // Exact integers (not doubles): the items of an integer column's sketch are values of the column.
            WriteSketch(w, iq, WriteExact);
        }

        if (includeDistinct)
        {
            w.WriteStartObject("distinct_sketch");
            w.WriteNumber("exact_limit", s.Distinct.ExactLimit);
            if (s.Distinct.ExactHashes is { } hashes)
            {
                var sorted = hashes.ToArray();
                Array.Sort(sorted);
                w.WriteBase64String("hashes", MemoryMarshal.AsBytes(sorted.AsSpan()));
            }
            else
            {
                w.WriteBase64String("registers", s.Distinct.Registers);
            }

            w.WriteEndObject();
        }

        w.WriteStartObject("frequencies");
        if (s.IntegerNumbers is { } integers)
        {
            WriteFrequencyHeader(w, integers.Capacity, integers.Total, integers.ErrorBound);
            w.WriteStartArray("values");
            foreach (var (key, count) in integers.Counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key))
            {
                w.WriteStartArray();
                WriteExact(w, key);
                w.WriteNumberValue(count);
                w.WriteEndArray();
            }
        }
        else if (s.Numbers is { } numbers)
        {
            WriteFrequencyHeader(w, numbers.Capacity, numbers.Total, numbers.ErrorBound);
            w.WriteStartArray("values");
            foreach (var (key, count) in numbers.Counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key))
            {
                w.WriteStartArray();
                w.WriteNumberValue(key);
                w.WriteNumberValue(count);
                w.WriteEndArray();
            }
        }
        else
        {
            var categories = s.Categories!;
            WriteFrequencyHeader(w, categories.Capacity, categories.Total, categories.ErrorBound);
            w.WriteStartArray("values");
            foreach (var (key, count) in categories.Counts.OrderByDescending(p => p.Value).ThenBy(p => s.KeyText(p.Key), StringComparer.Ordinal))
            {
                w.WriteStartArray();
                w.WriteStringValue(s.KeyText(key));
                w.WriteNumberValue(count);
                w.WriteEndArray();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (s.ListLengths is { } lengths)
        {
            w.WritePropertyName("list_lengths");
            WriteColumn(w, new ColumnProfile(lengths), includeDistinct);
        }

        if (s.Elements is { } elements)
        {
            w.WritePropertyName("elements");
            WriteColumn(w, new ColumnProfile(elements), includeDistinct);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, ColumnProfile c)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("row_count", c.RowCount);
        w.WriteNumber("null_count", c.NullCount);
        w.WriteNumber("nan_count", c.NaNCount);
        w.WriteNumber("infinity_count", c.InfinityCount);
        w.WriteNumber("distinct_count", c.DistinctCount);
        w.WriteNumber("distinct_relative_error", c.DistinctRelativeError);
        if (c.Family is ProfileFamily.Numeric or ProfileFamily.Timestamp)
        {
            w.WriteNumber("zero_count", c.ZeroCount);
            w.WriteNumber("negative_count", c.NegativeCount);
            if (c.State.HoldsIntegers)
            {
                // Integer and timestamp columns: exact integers (ticks for timestamps), never rounded through double.
                WriteNullable(w, "min", c.IntegerMin);
                WriteNullable(w, "max", c.IntegerMax);
            }
            else
            {
                WriteNullable(w, "min", c.Min);
                WriteNullable(w, "max", c.Max);
            }

            WriteNullable(w, "mean", c.Mean);
            WriteNullable(w, "stdev", c.StandardDeviation);
            w.WriteBoolean("quantiles_exact", c.QuantilesAreExact);
            w.WriteNumber("quantile_rank_error", c.QuantileRankError);
            w.WriteStartObject("quantiles");
            foreach (var q in (double[])[0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])
            {
                var name = "p" + (q * 100).ToString("00", CultureInfo.InvariantCulture);
                if (c.State.HoldsIntegers)
                {
                    WriteNullable(w, name, c.IntegerQuantile(q));
                }
                else
                {
                    WriteNullable(w, name, c.Quantile(q));
                }
            }

            w.WriteEndObject();
            WriteHistogram(w, "histogram", c.EqualWidthHistogram());
            WriteHistogram(w, "quantile_bins", c.QuantileHistogram());
        }

        if (c.Family is ProfileFamily.String or ProfileFamily.Binary or ProfileFamily.List)
        {
            w.WriteNumber("empty_count", c.EmptyCount);
            WriteNullable(w, "min_length", c.MinLength);
            WriteNullable(w, "max_length", c.MaxLength);
            WriteNullable(w, "mean_length", c.MeanLength);
        }

        if (c.Family == ProfileFamily.Boolean)
        {
            w.WriteNumber("true_count", c.TrueCount);
        }

        w.WriteNumber("top_values_error_bound", c.TopValuesErrorBound);
        w.WriteStartArray("top_values");
        foreach (var v in c.TopValues())
        {
            w.WriteStartObject();
            w.WriteString("value", v.Value);
            w.WriteNumber("count", v.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteHistogram(Utf8JsonWriter w, string name, Histogram? h)
    {
        if (h is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteStartArray("edges");
        foreach (var e in h.Edges)
        {
            w.WriteNumberValue(e);
        }

        w.WriteEndArray();
        w.WriteStartArray("counts");
        foreach (var n in h.Counts)
        {
            w.WriteNumberValue(n);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            WriteDouble(w, name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, Int128? value)
    {
        w.WritePropertyName(name);
        if (value is { } v)
        {
            WriteExact(w, v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    /// <summary>An exact integer as a JSON number (beyond the long range as its digits).</summary>
    private static void WriteExact(Utf8JsonWriter w, Int128 value) => Model.ScalarFormatting.WriteInteger(w, DataKind.Integer, value);

    private static void WriteSketch<T>(Utf8JsonWriter w, QuantileSketch<T> q, Action<Utf8JsonWriter, T> item) where T : unmanaged, System.Numerics.INumber<T>
    {
        w.WriteStartObject("quantile_sketch");
        w.WriteNumber("k", q.K);
        w.WriteNumber("exact_limit", q.ExactLimit);
        w.WriteNumber("count", q.Count);
        w.WriteBoolean("exact", q.IsExact);
        w.WriteStartArray("levels");
        for (var h = 0; h < q.LevelCount; h++)
        {
            w.WriteStartArray();
            foreach (var x in q.Level(h))
            {
                item(w, x);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteDouble(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteString(name, double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteFloat(Utf8JsonWriter w, in FloatMoments m)
    {
        w.WriteNumber("count", m.Count);
        w.WriteNumber("nan_count", m.NaNCount);
        WriteDouble(w, "min", m.Min);
        WriteDouble(w, "max", m.Max);
        WriteDouble(w, "sum_high", m.SumHigh);
        WriteDouble(w, "sum_low", m.SumLow);
        WriteDouble(w, "mean", m.Mean);
        WriteDouble(w, "m2", m.M2);
    }

    private static void WriteInteger(Utf8JsonWriter w, in IntegerMoments m)
    {
        w.WriteNumber("count", m.Count);
        w.WriteString("min", m.Min.ToString(CultureInfo.InvariantCulture));
        w.WriteString("max", m.Max.ToString(CultureInfo.InvariantCulture));
        w.WriteString("sum", m.Sum.ToString(CultureInfo.InvariantCulture));
        WriteDouble(w, "mean", m.Mean);
        WriteDouble(w, "m2", m.M2);
    }

    private static void WriteFrequencyHeader(Utf8JsonWriter w, int capacity, long total, long errorBound)
    {
        w.WriteNumber("capacity", capacity);
        w.WriteNumber("total", total);
        w.WriteNumber("error_bound", errorBound);
    }

    // ---------------------------------------------------------------- reading

    public static DatasetProfile Read(Stream stream)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ProfileFormatException(Expectations.Model.JsonPositions.Describe(ex, null), ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || !format.ValueEquals(Format))
            {
                throw new ProfileFormatException($"$.format: not an Expectations profile (expected \"format\": \"{Format}\"; a profile is written by 'expectations profile')");
            }

            var version = Int(root, "version", "$");
            if (version != Version)
            {
                throw new ProfileFormatException($"$.version: profile format version {version} is not supported (this version reads {Version})");
            }

            var columns = Get(root, "columns", "$");
            if (columns.ValueKind != JsonValueKind.Array)
            {
                throw new ProfileFormatException("$.columns: expected an array");
            }

            var list = new List<ColumnProfile>();
            var i = 0;
            foreach (var c in columns.EnumerateArray())
            {
                list.Add(ReadColumn(c, $"$.columns[{i++}]"));
            }

            var source = root.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? Text(s, "$.source") : "profile";
            return new DatasetProfile(source, list, Long(root, "row_count", "$"));
        }
    }

    /// <summary>Reads one column profile written by <see cref="WriteColumn"/>.</summary>
    public static ColumnProfile ReadColumn(JsonElement c, string path)
    {
        try
        {
            return ReadColumnCore(c, path);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw new ProfileFormatException($"{path}: {ex.Message}", ex);
        }
    }

    private static ColumnProfile ReadColumnCore(JsonElement c, string path)
    {
        if (c.ValueKind != JsonValueKind.Object)
        {
            throw new ProfileFormatException($"{path}: expected a column profile object");
        }

        var name = Str(c, "name", path);
        var kindText = Str(c, "kind", path);
        if (!Enum.TryParse<DataKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new ProfileFormatException($"{path}.kind: unknown kind '{kindText}'");
        }

        DataKind? elementKind = null;
        if (c.TryGetProperty("element_kind", out var ek))
        {
            elementKind = ek.ValueKind == JsonValueKind.String && Enum.TryParse<DataKind>(ek.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ProfileFormatException($"{path}.element_kind: unknown kind '{ek}'");
        }

        var info = new ColumnInfo(name, kind, Str(c, "physical_type", path))
        {
            Parent = c.TryGetProperty("parent", out var parent) ? (parent.ValueKind == JsonValueKind.String ? parent.GetString() : throw new ProfileFormatException($"{path}.parent: expected a string")) : null,
            ElementKind = elementKind,
        };
        var st = Get(c, "state", path);
        var sp = path + ".state";
        long exactLimit = ProfileOptions.Default.ExactValueLimit;
        var k = ProfileOptions.Default.QuantileK;
        if (st.TryGetProperty("quantile_sketch", out var qs))
        {
            exactLimit = Long(qs, "exact_limit", sp + ".quantile_sketch");
            k = Int(qs, "k", sp + ".quantile_sketch");
        }

        var distinctLimit = ProfileOptions.Default.ExactDistinctLimit;
        if (st.TryGetProperty("distinct_sketch", out var ds))
        {
            distinctLimit = Int(ds, "exact_limit", sp + ".distinct_sketch");
        }

        var freq = Get(st, "frequencies", sp);
        var options = new ProfileOptions { ExactValueLimit = exactLimit, QuantileK = k, ExactDistinctLimit = distinctLimit, CategoryCapacity = Int(freq, "capacity", sp + ".frequencies") };
        var state = new ColumnProfileState(info, options)
        {
            Rows = Long(st, "row_count", sp),
            Nulls = Long(st, "null_count", sp),
            PositiveInfinities = Long(st, "positive_infinity_count", sp),
            NegativeInfinities = Long(st, "negative_infinity_count", sp),
            Zeros = Long(st, "zero_count", sp),
            Negatives = Long(st, "negative_count", sp),
            Empties = Long(st, "empty_count", sp),
            Trues = Long(st, "true_count", sp),
            Float = ReadFloat(Get(st, "float_moments", sp), sp + ".float_moments"),
            Integer = ReadInteger(Get(st, "integer_moments", sp), sp + ".integer_moments"),
            Lengths = ReadInteger(Get(st, "length_moments", sp), sp + ".length_moments"),
        };

        if (state.Sketch is not null)
        {
            var qp = sp + ".quantile_sketch";
            var q = Get(st, "quantile_sketch", sp);
            var items = Get(q, "levels", qp).EnumerateArray().Select(l => l.EnumerateArray().ToArray()).ToList();
            var pairs = Pairs(freq, sp + ".frequencies").Select(p => (Key: p[0], Count: p[1].GetInt64())).ToList();
            var (count, exact) = (Long(q, "count", qp), Get(q, "exact", qp).GetBoolean());
            var (total, errorBound) = (Long(freq, "total", sp), Long(freq, "error_bound", sp));

            // Integer and timestamp columns hold exact integers, unless floats were delivered for them. Profiles of
            // earlier versions wrote doubles: whole ones are read back as the integers they are.
            if (state.HoldsIntegers && state.Float.Count == 0 && state.Float.NaNCount == 0
                && items.All(l => l.All(IsInteger)) && pairs.All(p => IsInteger(p.Key)))
            {
                state.IntegerValues = QuantileSketch<Int128>.Restore(k, exactLimit, count, exact, [.. items.Select(l => l.Select(ReadExactInteger).ToArray())]);
                state.IntegerNumbers = FrequencySummary<Int128>.Restore(options.CategoryCapacity, total, errorBound, pairs.Select(p => KeyValuePair.Create(ReadExactInteger(p.Key), p.Count)), null);
            }
            else
            {
                state.IntegerValues = null;
                state.IntegerNumbers = null;
                state.Values = QuantileSketch<double>.Restore(k, exactLimit, count, exact, [.. items.Select(l => l.Select(x => x.GetDouble()).ToArray())]);
                state.Numbers = FrequencySummary<double>.Restore(options.CategoryCapacity, total, errorBound, pairs.Select(p => KeyValuePair.Create(p.Key.GetDouble(), p.Count)), null);
            }
        }
        else
        {
            var values = Pairs(freq, sp + ".frequencies").Select(p => KeyValuePair.Create(state.KeyOf(p[0].GetString()!), p[1].GetInt64()));
            state.Categories = FrequencySummary<byte[]>.Restore(options.CategoryCapacity, Long(freq, "total", sp), Long(freq, "error_bound", sp), values, Utf8KeyComparer.Instance);
        }

        if (st.TryGetProperty("distinct_sketch", out ds))
        {
            if (ds.TryGetProperty("registers", out var registers))
            {
                state.Distinct = DistinctSketch.Restore(distinctLimit, null, registers.GetBytesFromBase64());
            }
            else
            {
                var bytes = Get(ds, "hashes", sp + ".distinct_sketch").GetBytesFromBase64();
                state.Distinct = DistinctSketch.Restore(distinctLimit, MemoryMarshal.Cast<byte, ulong>(bytes).ToArray(), null);
            }
        }
        else
        {
            state.Distinct = DistinctSketch.Restore(distinctLimit, [], null);
        }

        if (state.Family == ProfileFamily.List)
        {
            state.ListLengths = ReadColumnCore(Get(st, "list_lengths", sp), sp + ".list_lengths").State;
            state.Elements = st.TryGetProperty("elements", out var elements) ? ReadColumnCore(elements, sp + ".elements").State : null;
        }

        var profile = new ColumnProfile(state);
        CheckSketch(profile, sp + ".quantile_sketch");
        return profile;
    }

    /// <summary>The <c>[value, count]</c> pairs of a frequency summary; anything else is a format error, not an index past an array's end.</summary>
    private static IEnumerable<JsonElement> Pairs(JsonElement freq, string path) =>
        Get(freq, "values", path).EnumerateArray().Select((p, i) => p.ValueKind == JsonValueKind.Array && p.GetArrayLength() == 2
            ? p
            : throw new ProfileFormatException($"{path}.values[{i}]: expected a [value, count] pair"));

    /// <summary>
    /// The quantile sketch must agree with the moments it was saved with: it holds items when (and only when) it counted
    /// values, all of them when it is exact, and only finite values within the column's minimum and maximum. A sketch that
    /// does not would give quantiles and histograms outside the data (or none for a column with values).
    /// </summary>
    private static void CheckSketch(ColumnProfile profile, string path)
    {
        if (profile.State.Sketch is not { } sketch)
        {
            return;
        }

        var sample = sketch.ToSample();
        if (sketch.Count < 0 || (sketch.Count > 0) != (sample.Values.Length > 0) || (sketch.IsExact && sample.Values.Length != sketch.Count))
        {
            throw new ProfileFormatException($"{path}: the levels hold {sample.Values.Length} items, which does not agree with count {sketch.Count}{(sketch.IsExact ? " of an exact sketch" : "")}");
        }

        var (min, max) = (profile.Min, profile.Max);
        foreach (var v in sample.Values)
        {
            if (!double.IsFinite(v) || v < min || v > max)
            {
                throw new ProfileFormatException($"{path}: the item {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} is outside the column's range [{min}, {max}]");
            }
        }
    }

    /// <summary>A string value; invalid UTF-8 in it (which the JSON reader checks only when the text is read) is a format error naming the path.</summary>
    private static string Text(JsonElement e, string path)
    {
        try
        {
            return e.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new ProfileFormatException($"{path}: the text is not valid UTF-8", ex);
        }
    }

    private static bool IsInteger(JsonElement e) => e.ValueKind == JsonValueKind.Number && (e.TryGetInt64(out _) || Model.ExactNumbers.TryParseInteger(e.GetRawText(), out _));

    private static Int128 ReadExactInteger(JsonElement e) => e.TryGetInt64(out var l) ? l
        : Model.ExactNumbers.TryParseInteger(e.GetRawText(), out var i) ? i
        : throw new FormatException($"expected an integer, found {e.GetRawText()}");

    private static FloatMoments ReadFloat(JsonElement e, string path) => new()
    {
        Count = Get(e, "count", path).GetInt64(),
        NaNCount = Get(e, "nan_count", path).GetInt64(),
        Min = Dbl(Get(e, "min", path)),
        Max = Dbl(Get(e, "max", path)),
        SumHigh = Dbl(Get(e, "sum_high", path)),
        SumLow = Dbl(Get(e, "sum_low", path)),
        Mean = Dbl(Get(e, "mean", path)),
        M2 = Dbl(Get(e, "m2", path)),
    };

    private static IntegerMoments ReadInteger(JsonElement e, string path) => new()
    {
        Count = Get(e, "count", path).GetInt64(),
        Min = Int128.Parse(Get(e, "min", path).GetString()!, CultureInfo.InvariantCulture),
        Max = Int128.Parse(Get(e, "max", path).GetString()!, CultureInfo.InvariantCulture),
        Sum = Int128.Parse(Get(e, "sum", path).GetString()!, CultureInfo.InvariantCulture),
        Mean = Dbl(Get(e, "mean", path)),
        M2 = Dbl(Get(e, "m2", path)),
    };

    private static double Dbl(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new FormatException($"expected a number, found \"{other}\""),
        }
        : e.GetDouble();

    private static JsonElement Get(JsonElement e, string name, string path) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw new ProfileFormatException($"{path}.{name}: missing");

    private static string Str(JsonElement e, string name, string path) =>
        Get(e, name, path) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new ProfileFormatException($"{path}.{name}: expected a string");

    private static long Long(JsonElement e, string name, string path) =>
        Get(e, name, path) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var x) ? x : throw new ProfileFormatException($"{path}.{name}: expected an integer");

    private static int Int(JsonElement e, string name, string path) =>
        Get(e, name, path) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var x) ? x : throw new ProfileFormatException($"{path}.{name}: expected an integer");
}
