using System.Globalization;
using System.Text.Json;

namespace Expectations.Conformance;

/// <summary>
/// Compares a fixture's <c>out</c> with one result as Expectations writes it (the GX result object of
/// <see cref="Reporting.ReportJson.WriteResult"/>), following GX's own test harness
/// (<c>check_json_test_result</c>): only the keys present in <c>out</c> are checked; numbers match within a
/// relative tolerance (1e-7, or the test's <c>tolerance</c>); <c>unexpected_list</c> is compared as a multiset
/// when its values are orderable, as GX sorts both sides; <c>unexpected_index_list</c> entries are GX's
/// <c>{"column": value, "pk_index": n}</c> rows, matched by <c>pk_index</c> against our global row indices, in order.
/// </summary>
internal sealed class ResultComparer(double relativeTolerance = ResultComparer.DefaultRelativeTolerance, double absoluteTolerance = 0)
{
    /// <summary>GX's default relative tolerance for floats.</summary>
    public const double DefaultRelativeTolerance = 1e-7;

    /// <summary>The comparer for a test: its own tolerance (with numpy's absolute 1e-8, as <c>np.allclose</c>) or the default.</summary>
    public static ResultComparer For(FixtureTest test) =>
        test.Tolerance is { } t ? new ResultComparer(t, 1e-8) : new ResultComparer();

    /// <summary>Every difference between <paramref name="expectedOut"/> and <paramref name="actual"/>; empty when they agree.</summary>
    /// <param name="expectedOut">The fixture's <c>out</c> object.</param>
    /// <param name="actual">Our result: <c>{"success", "expectation_config", "result", "exception_info"}</c>.</param>
    /// <param name="exactMatch">The test's <c>exact_match_out</c>: additionally, no exception may have been raised.</param>
    public IReadOnlyList<string> Compare(JsonElement expectedOut, JsonElement actual, bool exactMatch = false)
    {
        var problems = new List<string>();
        if (expectedOut.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"fixture 'out' is {expectedOut.ValueKind}, not an object");
            return problems;
        }

        var result = actual.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        if (exactMatch && Raised(actual))
        {
            problems.Add($"raised an exception: {ExceptionMessage(actual)}");
        }

        foreach (var p in expectedOut.EnumerateObject())
        {
            switch (p.Name)
            {
                case "success":
                    if (!actual.TryGetProperty("success", out var s) || !ValuesEqual(p.Value, s))
                    {
                        problems.Add($"success: expected {p.Value.GetRawText()} but got {Text(actual, "success")}" + (Raised(actual) ? $" (raised: {ExceptionMessage(actual)})" : ""));
                    }

                    break;
                case "traceback_substring":
                    // Decided by the runner from the raised error, not by comparing output.
                    break;
                case "result":
                    if (p.Value.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add("fixture 'out.result' is not an object");
                        break;
                    }

                    foreach (var sub in p.Value.EnumerateObject())
                    {
                        CompareResultField("result." + sub.Name, sub.Name, sub.Value, result, problems);
                    }

                    break;
                case "observed_value_list":
                    var observed = Field(result, "observed_value");
                    if (observed is not { } o || p.Value.ValueKind != JsonValueKind.Array || !p.Value.EnumerateArray().Any(v => ValuesEqual(v, o)))
                    {
                        problems.Add($"observed_value: expected one of {p.Value.GetRawText()} but got {Raw(observed)}");
                    }

                    break;
                case "value_counts":
                    var counts = Field(Field(result, "details"), "value_counts");
                    foreach (var expected in p.Value.EnumerateArray())
                    {
                        if (counts is not { ValueKind: JsonValueKind.Array } list || !list.EnumerateArray().Any(a => ValuesEqual(expected, a)))
                        {
                            problems.Add($"details.value_counts: {expected.GetRawText()} is missing from {Raw(counts)}");
                        }
                    }

                    break;
                case "expected_partition" or "observed_partition":
                    ComparePartition(p.Name, p.Value, Field(Field(result, "details"), p.Name), problems);
                    break;
                case var key when key.StartsWith("observed_cdf", StringComparison.Ordinal):
                    CompareCdf(key, p.Value, Field(Field(result, "details"), "observed_cdf"), problems);
                    break;
                case "observed_value" or "unexpected_list" or "unexpected_index_list" or "details" or "partial_unexpected_list" or "partial_unexpected_index_list" or "partial_unexpected_counts":
                    CompareResultField(p.Name, p.Name, p.Value, result, problems);
                    break;
                default:
                    problems.Add($"fixture 'out' has key '{p.Name}' that the runner does not know how to compare");
                    break;
            }
        }

        return problems;
    }

    private void CompareResultField(string label, string name, JsonElement expected, JsonElement result, List<string> problems)
    {
        var actual = Field(result, name);
        if (actual is not { } a)
        {
            problems.Add($"{label}: expected {Shorten(expected.GetRawText())} but our result has no '{name}'");
            return;
        }

        var equal = name switch
        {
            "unexpected_list" => UnorderedListsEqual(expected, a),
            "unexpected_index_list" or "partial_unexpected_index_list" => IndexListsEqual(expected, a),
            _ => ValuesEqual(expected, a),
        };
        if (!equal)
        {
            problems.Add($"{label}: expected {Shorten(expected.GetRawText())} but got {Shorten(a.GetRawText())}");
        }
    }

    /// <summary>Deep equality: numbers within tolerance, timestamps by instant, objects by key set, arrays in order.</summary>
    public bool ValuesEqual(JsonElement expected, JsonElement actual)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Number:
                return actual.ValueKind == JsonValueKind.Number && NumbersEqual(expected.GetDouble(), actual.GetDouble());
            case JsonValueKind.String:
                return actual.ValueKind == JsonValueKind.String && StringsEqual(expected.GetString()!, actual.GetString()!);
            case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null:
                return actual.ValueKind == expected.ValueKind;
            case JsonValueKind.Array:
                return actual.ValueKind == JsonValueKind.Array
                    && expected.GetArrayLength() == actual.GetArrayLength()
                    && expected.EnumerateArray().Zip(actual.EnumerateArray()).All(x => ValuesEqual(x.First, x.Second));
            case JsonValueKind.Object:
                if (actual.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                return expectedKeys.SetEquals(actualKeys) && expected.EnumerateObject().All(p => ValuesEqual(p.Value, actual.GetProperty(p.Name)));
            default:
                return false;
        }
    }

    /// <summary>
    /// GX sorts both lists by <c>str()</c> when the values are orderable (numbers, strings, booleans) and compares
    /// them in order otherwise (nulls, objects): a multiset comparison in the first case.
    /// </summary>
    public bool UnorderedListsEqual(JsonElement expected, JsonElement actual)
    {
        if (expected.ValueKind != JsonValueKind.Array || actual.ValueKind != JsonValueKind.Array || expected.GetArrayLength() != actual.GetArrayLength())
        {
            return expected.ValueKind == actual.ValueKind && ValuesEqual(expected, actual);
        }

        if (expected.GetArrayLength() == 0 || expected[0].ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
        {
            return ValuesEqual(expected, actual);
        }

        var unused = actual.EnumerateArray().ToList();
        foreach (var e in expected.EnumerateArray())
        {
            var i = unused.FindIndex(a => ValuesEqual(e, a));
            if (i < 0)
            {
                return false;
            }

            unused.RemoveAt(i);
        }

        return true;
    }

    /// <summary>GX's index rows (<c>{"x": 10, "pk_index": 9}</c>) or plain indices, against our plain row indices, in order.</summary>
    public bool IndexListsEqual(JsonElement expected, JsonElement actual)
    {
        if (expected.ValueKind != JsonValueKind.Array || actual.ValueKind != JsonValueKind.Array || expected.GetArrayLength() != actual.GetArrayLength())
        {
            return false;
        }

        foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
        {
            var index = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("pk_index", out var pk) ? pk : e;
            if (!ValuesEqual(index, a))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>GX's float rule, <c>|a - b| &lt;= atol + rtol·|b|</c> (b the expected value), exact for equal values.</summary>
    public bool NumbersEqual(double expected, double actual) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= absoluteTolerance + (relativeTolerance * Math.Abs(expected));

    private static bool StringsEqual(string expected, string actual) =>
        string.Equals(expected, actual, StringComparison.Ordinal)
        || (TryTimestamp(expected, out var e) && TryTimestamp(actual, out var a) && e == a);

    private static readonly string[] TimestampFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK"];

    /// <summary>ISO-8601 only, so that ordinary strings never compare as dates.</summary>
    private static bool TryTimestamp(string s, out DateTime value) =>
        DateTime.TryParseExact(s, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);

    private void ComparePartition(string name, JsonElement expected, JsonElement? actual, List<string> problems)
    {
        foreach (var part in new[] { "bins", "weights", "tail_weights" })
        {
            if (!expected.TryGetProperty(part, out var e))
            {
                continue;
            }

            if (Field(actual, part) is not { } a || !ValuesEqual(e, a))
            {
                problems.Add($"details.{name}.{part}: expected {Shorten(e.GetRawText())} but got {Shorten(Raw(Field(actual, part)))}");
            }
        }
    }

    private void CompareCdf(string key, JsonElement expected, JsonElement? cdf, List<string> problems)
    {
        if (Field(cdf, "x") is not { ValueKind: JsonValueKind.Array } x || x.GetArrayLength() == 0 || expected.ValueKind != JsonValueKind.Number)
        {
            problems.Add($"{key}: our result has no details.observed_cdf.x");
            return;
        }

        var value = key.Contains("x_-1", StringComparison.Ordinal) ? x[x.GetArrayLength() - 1] : x[0];
        if (value.ValueKind != JsonValueKind.Number)
        {
            problems.Add($"{key}: observed_cdf value {value.GetRawText()} is not a number");
            return;
        }

        var v = value.GetDouble();
        var e = expected.GetDouble();
        var ok = key.EndsWith("_gt", StringComparison.Ordinal) ? v > e : key.EndsWith("_lt", StringComparison.Ordinal) ? v < e : NumbersEqual(e, v);
        if (!ok)
        {
            problems.Add($"{key}: {v} does not satisfy the bound {e}");
        }
    }

    private static JsonElement? Field(JsonElement? obj, string name) =>
        obj is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) ? v : null;

    private static bool Raised(JsonElement actual) =>
        Field(Field(actual, "exception_info"), "raised_exception") is { ValueKind: JsonValueKind.True };

    private static string ExceptionMessage(JsonElement actual) =>
        Field(Field(actual, "exception_info"), "exception_message")?.GetString() ?? "(no message)";

    private static string Text(JsonElement obj, string name) => Raw(Field(obj, name));

    private static string Raw(JsonElement? e) => e?.GetRawText() ?? "(absent)";

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
