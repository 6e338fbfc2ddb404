using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Expectations;

/// <summary>
/// Writes a <see cref="ValidationReport"/> as Great Expectations 1.x validation-result JSON, with a stable key
/// order and a <c>schema_version</c> in <c>meta</c>.
/// </summary>
public static class ReportJson
{
    /// <summary>Version of the report JSON layout; bumped when a field changes meaning.</summary>
    public const string SchemaVersion = "1.0";

    /// <summary>The report as indented JSON text.</summary>
    public static string Serialize(ValidationReport report, bool indented = true)
    {
        using var stream = new MemoryStream();
        Write(stream, report, indented);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the report to <paramref name="stream"/> as UTF-8 JSON.</summary>
    public static void Write(Stream stream, ValidationReport report, bool indented = true)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Write(writer, report);
    }

    /// <summary>Writes the report with <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        writer.WriteBoolean("success", report.Success);
        var s = report.Statistics;
        writer.WriteStartObject("statistics");
        writer.WriteNumber("evaluated_expectations", s.EvaluatedExpectations);
        writer.WriteNumber("successful_expectations", s.SuccessfulExpectations);
        writer.WriteNumber("unsuccessful_expectations", s.UnsuccessfulExpectations);
        writer.WriteNumber("success_percent", s.SuccessPercent);
        writer.WriteEndObject();
        writer.WriteStartArray("results");
        foreach (var r in report.Results)
        {
            WriteResult(writer, r);
        }

        writer.WriteEndArray();
        writer.WriteString("suite_name", report.Meta.SuiteName);
        writer.WriteStartObject("meta");
        writer.WriteString("schema_version", SchemaVersion);
        writer.WriteString("suite_name", report.Meta.SuiteName);
        writer.WriteString("data_source", report.Meta.DataSource);
        writer.WriteString("run_time", report.Meta.RunTime.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteNumber("duration_seconds", Math.Round(report.Meta.Duration.TotalSeconds, 6));
        writer.WriteNumber("row_count", report.Meta.RowCount);
        writer.WriteString("result_format", ResultFormat.ToWireName(report.Meta.ResultFormat));
        writer.WriteString("engine", report.Meta.Engine);
        if (report.Meta.Incremental is { } incremental)
        {
            writer.WriteStartObject("incremental");
            writer.WriteNumber("partitions_recomputed", incremental.PartitionsRecomputed);
            writer.WriteNumber("partitions_reused", incremental.PartitionsReused);
            writer.WriteNumber("partitions_removed", incremental.PartitionsRemoved);
            writer.WriteNumber("state_bytes_written", incremental.StateBytesWritten);
            writer.WriteStartArray("messages");
            foreach (var message in incremental.Messages)
            {
                writer.WriteStringValue(message);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes one result: <c>{"success", "expectation_config", "result", "exception_info"}</c>.</summary>
    public static void WriteResult(Utf8JsonWriter writer, ExpectationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteBoolean("success", result.Success);
        writer.WritePropertyName("expectation_config");
        SuiteJson.WriteExpectation(writer, result.Expectation);
        writer.WritePropertyName("result");
        WriteDetails(writer, result.Result);
        writer.WriteStartObject("exception_info");
        writer.WriteBoolean("raised_exception", result.ExceptionInfo is not null);
        if (result.ExceptionInfo is { } ex)
        {
            writer.WriteString("exception_type", ex.ExceptionType);
            writer.WriteString("exception_message", ex.ExceptionMessage);
            writer.WriteString("exception_traceback", ex.ExceptionTraceback);
        }
        else
        {
            writer.WriteNull("exception_message");
            writer.WriteNull("exception_traceback");
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter w, ResultDetails d)
    {
        w.WriteStartObject();
        if (d.ObservedValue is { } observed)
        {
            w.WritePropertyName("observed_value");
            observed.WriteTo(w);
        }

        Number(w, "element_count", d.ElementCount);
        Number(w, "missing_count", d.MissingCount);
        // As GX's _format_map_output: the missing-value fields come as a family, present only when missing values
        // were counted (the null expectations count none); an undefined percentage in a present family is null.
        var missingFamily = d.MissingCount is not null;
        Number(w, "missing_percent", d.MissingPercent, missingFamily && d.ElementCount is not null);
        Number(w, "unexpected_count", d.UnexpectedCount);
        Number(w, "unexpected_percent", d.UnexpectedPercent, d.UnexpectedCount is not null);
        Number(w, "unexpected_percent_total", d.UnexpectedPercentTotal, missingFamily && d.UnexpectedCount is not null);
        Number(w, "unexpected_percent_nonmissing", d.UnexpectedPercentNonmissing, missingFamily && d.UnexpectedCount is not null);
        Values(w, "partial_unexpected_list", d.PartialUnexpectedList);
        if (d.UnexpectedIndexColumnNames is { } keyColumns)
        {
            w.WriteStartArray("unexpected_index_column_names");
            foreach (var name in keyColumns)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
        }

        if (d.PartialUnexpectedIndexKeys is { } pik)
        {
            Values(w, "partial_unexpected_index_list", pik);
        }
        else if (d.PartialUnexpectedIndexList is { } pil)
        {
            Indices(w, "partial_unexpected_index_list", pil);
        }

        if (d.PartialUnexpectedCounts is { } counts)
        {
            w.WriteStartArray("partial_unexpected_counts");
            foreach (var c in counts)
            {
                w.WriteStartObject();
                w.WritePropertyName("value");
                c.Value.WriteTo(w);
                w.WriteNumber("count", c.Count);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        Values(w, "unexpected_list", d.UnexpectedList);
        if (d.UnexpectedIndexKeys is { } uik)
        {
            Values(w, "unexpected_index_list", uik);
        }
        else if (d.UnexpectedIndexList is { } uil)
        {
            Indices(w, "unexpected_index_list", uil);
        }

        Values(w, "unexpected_rows", d.UnexpectedRows);

        if (d.Details is { } details)
        {
            w.WritePropertyName("details");
            details.WriteTo(w);
        }

        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    /// <summary>Writes a percentage; when it is undefined (no rows) but its family is present, writes null as GX does.</summary>
    private static void Number(Utf8JsonWriter w, string name, double? value, bool writeNull)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else if (writeNull)
        {
            w.WriteNull(name);
        }
    }

    private static void Values(Utf8JsonWriter w, string name, IReadOnlyList<JsonElement>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            v.WriteTo(w);
        }

        w.WriteEndArray();
    }

    private static void Indices(Utf8JsonWriter w, string name, IReadOnlyList<long> indices)
    {
        w.WriteStartArray(name);
        foreach (var i in indices)
        {
            w.WriteNumberValue(i);
        }

        w.WriteEndArray();
    }
}
