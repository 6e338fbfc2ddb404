using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Expectations.Json;

namespace Expectations.Reporting;

/// <summary>How one result is shown by the renderers: the same five words in every format.</summary>
internal enum ResultStatus
{
    /// <summary>The expectation held.</summary>
    Pass,

    /// <summary>An error-severity expectation did not hold.</summary>
    Fail,

    /// <summary>A warning-severity expectation did not hold (it fails the run only with fail-on warning).</summary>
    Warn,

    /// <summary>An info-severity expectation did not hold (never fails the run).</summary>
    Info,

    /// <summary>Checking the expectation raised an error (missing column, wrong type): see its exception_info.</summary>
    Error,
}

/// <summary>Facts about results that the Markdown, JUnit and HTML renderers share, so the formats never disagree.</summary>
internal static class ReportFacts
{
    private static readonly JsonWriterOptions DisplayWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions IndentedWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static ResultStatus Status(ExpectationResult result)
    {
        if (result.Success)
        {
            return ResultStatus.Pass;
        }

        if (result.ExceptionInfo is not null)
        {
            return ResultStatus.Error;
        }

        return result.Expectation.Severity switch
        {
            Severity.Error => ResultStatus.Fail,
            Severity.Warning => ResultStatus.Warn,
            _ => ResultStatus.Info,
        };
    }

    public static string Word(ResultStatus status) => status switch
    {
        ResultStatus.Pass => "PASS",
        ResultStatus.Fail => "FAIL",
        ResultStatus.Warn => "WARN",
        ResultStatus.Info => "INFO",
        _ => "ERROR",
    };

    public static string SeverityName(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>Whether the run fails at <paramref name="failOn"/>: the verdict every renderer prints, equal to the CLI's exit code.</summary>
    public static bool RunFails(ValidationReport report, Severity failOn) => report.Results.Any(r => r.Fails(failOn));

    /// <summary>Header counts: "3 expectations: 1 passed, 1 failed, 1 warning, 1 error".</summary>
    public static string Counts(ValidationReport report)
    {
        var statuses = report.Results.Select(Status).ToList();
        var parts = new List<string> { Count(statuses.Count(s => s == ResultStatus.Pass), "passed") };
        AddIfAny(parts, statuses.Count(s => s == ResultStatus.Fail), "failed");
        AddIfAny(parts, statuses.Count(s => s == ResultStatus.Warn), "warning", plural: true);
        AddIfAny(parts, statuses.Count(s => s == ResultStatus.Info), "info");
        AddIfAny(parts, statuses.Count(s => s == ResultStatus.Error), "error", plural: true);
        return Plural(report.Results.Length, "expectation") + ": " + string.Join(", ", parts);

        static void AddIfAny(List<string> parts, int n, string word, bool plural = false)
        {
            if (n > 0)
            {
                parts.Add(plural ? Plural(n, word) : Count(n, word));
            }
        }

        static string Count(int n, string word) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {word}");
    }

    public static string Plural(long n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");

    public static string Duration(TimeSpan duration) => duration.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.##} s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms");


    /// <summary>What the expectation is about: its column, its columns, or "(table)".</summary>
    public static string Subject(Expectation expectation) =>
        expectation.ColumnName ?? (expectation.CheckedColumns.Count > 0 ? string.Join(", ", expectation.CheckedColumns) : "(table)");

    /// <summary>The expectation's kwargs as a JSON object (as GX writes them in <c>expectation_config</c>).</summary>
    public static JsonDocument Kwargs(Expectation expectation)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            KwargBinder.WriteKwargs(writer, expectation);
        }

        return JsonDocument.Parse(stream.ToArray());
    }

    /// <summary>"2 of 4 (50%)": unexpected of non-missing values, or null when the result has no counts.</summary>
    public static string? Unexpected(ResultDetails details)
    {
        if (details.UnexpectedCount is not { } n)
        {
            return null;
        }

        var nonMissing = (details.ElementCount ?? 0) - (details.MissingCount ?? 0);
        return string.Create(CultureInfo.InvariantCulture, $"{n:N0} of {nonMissing:N0} ({details.UnexpectedPercent ?? 0:0.##}%)");
    }

    /// <summary>The unexpected samples with their global row indices (when the result format kept them), at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<(JsonElement Value, long? Row)> Samples(ResultDetails details, int max)
    {
        var values = details.PartialUnexpectedList ?? details.UnexpectedList;
        if (values is null || max <= 0)
        {
            return [];
        }

        var rows = details.PartialUnexpectedList is not null ? details.PartialUnexpectedIndexList : details.UnexpectedIndexList;
        return values.Take(max).Select((v, i) => (v, rows is not null && i < rows.Count ? rows[i] : (long?)null)).ToList();
    }

    /// <summary>How many unexpected samples the result holds (to say "…and N more").</summary>
    public static int SampleCount(ResultDetails details) => (details.PartialUnexpectedList ?? details.UnexpectedList)?.Count ?? 0;

    /// <summary>A JSON value for people: compact JSON, strings quoted, non-ASCII kept, cut after <paramref name="maxLength"/> characters.</summary>
    public static string Display(JsonElement value, int maxLength = 200)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, DisplayWriter))
        {
            value.WriteTo(writer);
        }

        var text = Encoding.UTF8.GetString(stream.ToArray());
        return text.Length > maxLength ? string.Concat(text.AsSpan(0, maxLength - 1), "…") : text;
    }

    /// <summary>A JSON value indented, for a detail block.</summary>
    public static string Indented(JsonElement value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, IndentedWriter))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>"1 sample value (row 3)" parts joined: <c>50000 (row 3), -1 (row 4)</c>.</summary>
    public static string SampleText(ResultDetails details, int max)
    {
        var samples = Samples(details, max);
        var text = string.Join(", ", samples.Select(s => s.Row is { } row ? string.Create(CultureInfo.InvariantCulture, $"{Display(s.Value, 80)} (row {row})") : Display(s.Value, 80)));
        return SampleCount(details) > samples.Count ? text + ", …" : text;
    }

    /// <summary>The observed value with what it was held to, e.g. <c>12500000 (expected min_value 0, max_value 100000)</c>, or null.</summary>
    public static string? Observed(ExpectationResult result) =>
        result.Result.ObservedValue is { } observed ? Display(observed, 120) + FailureText.Expected(result) : null;

    /// <summary>
    /// Replaces characters that XML 1.0 (and so JUnit readers and HTML) cannot carry, such as NUL or a lone surrogate, with a
    /// visible <c>\uXXXX</c>, so a bad byte in the data cannot make the report unreadable.
    /// </summary>
    public static string XmlSafe(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (ok)
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(text, 0, i, text.Length + 8);
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
        }

        return sb?.ToString() ?? text;
    }
}
