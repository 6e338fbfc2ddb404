using System.Globalization;
using System.Text;
using System.Xml;
using Expectations.Reporting;

namespace Expectations;

/// <summary>
/// Renders a <see cref="ValidationReport"/> as JUnit XML for CI test tabs (Jenkins, GitLab, Azure DevOps, GitHub test-report
/// actions): one <c>&lt;testsuite&gt;</c> named after the suite, one <c>&lt;testcase&gt;</c> per expectation.
/// </summary>
/// <remarks>
/// A test case fails exactly when its result fails the run at <see cref="ReportRenderOptions.FailOn"/>, so the test tab agrees
/// with <see cref="ValidationReport.Failures"/> and the CLI's exit code: an unmet expectation is a <c>&lt;failure&gt;</c> whose
/// <c>type</c> is the expectation type; one whose check raised (see <see cref="ExpectationResult.ExceptionInfo"/>) is an
/// <c>&lt;error&gt;</c> whose <c>type</c> is the exception type. An unmet expectation that does not fail the run (a warning
/// below <c>--fail-on warning</c>, any info) is a passed test case whose <c>&lt;system-out&gt;</c> starts with <c>WARNING:</c>
/// or <c>INFO:</c> and says what was found. Nothing is <c>&lt;skipped&gt;</c>: every expectation ran, and CI systems count
/// skipped tests as not executed.
/// </remarks>
public static class JUnitReport
{
    /// <summary>The report as a UTF-8 JUnit XML document (with its XML declaration).</summary>
    public static string Render(ValidationReport report, ReportRenderOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(stream, report, options);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the report to <paramref name="stream"/> as UTF-8 JUnit XML, without a byte order mark.</summary>
    public static void Write(Stream stream, ValidationReport report, ReportRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        options ??= ReportRenderOptions.Default;
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(stream, settings);
        var meta = report.Meta;
        var failures = report.Results.Count(r => r.Fails(options.FailOn) && r.ExceptionInfo is null);
        var errors = report.Results.Count(r => r.Fails(options.FailOn) && r.ExceptionInfo is not null);
        var time = Number(meta.Duration.TotalSeconds);
        var suiteName = ReportFacts.XmlSafe(meta.SuiteName);

        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", suiteName);
        Counts(xml, report.Results.Length, failures, errors, time);

        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", suiteName);
        // Ant's schema wants an id and package on a suite inside <testsuites>; there is one suite per report.
        xml.WriteAttributeString("id", "0");
        xml.WriteAttributeString("package", suiteName);
        Counts(xml, report.Results.Length, failures, errors, time);
        // Ant's timestamp has no zone: the report's run time in UTC. The host is not in the report, and Ant's schema says
        // "localhost" when it cannot be determined.
        xml.WriteAttributeString("timestamp", meta.RunTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("hostname", "localhost");

        xml.WriteStartElement("properties");
        Property(xml, "data_source", meta.DataSource);
        Property(xml, "row_count", meta.RowCount.ToString(CultureInfo.InvariantCulture));
        Property(xml, "run_time", meta.RunTime.ToString("O", CultureInfo.InvariantCulture));
        Property(xml, "result_format", ResultFormat.ToWireName(meta.ResultFormat));
        Property(xml, "fail_on", ReportFacts.SeverityName(options.FailOn));
        Property(xml, "success", ReportFacts.RunFails(report, options.FailOn) ? "false" : "true");
        Property(xml, "engine", meta.Engine);
        xml.WriteEndElement();

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in report.Results)
        {
            WriteCase(xml, result, UniqueName(names, result), suiteName, options);
        }

        xml.WriteElementString("system-out", ReportFacts.XmlSafe($"{meta.SuiteName} on {meta.DataSource}: {ReportFacts.Counts(report)}; {ReportFacts.Plural(meta.RowCount, "row")}"));
        xml.WriteElementString("system-err", "");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCase(XmlWriter xml, ExpectationResult result, string name, string className, ReportRenderOptions options)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", ReportFacts.XmlSafe(name));
        xml.WriteAttributeString("classname", className);
        // Expectations are checked together in one pass over the data: there is no per-expectation time.
        xml.WriteAttributeString("time", "0");
        if (result.Fails(options.FailOn))
        {
            if (result.ExceptionInfo is { } ex)
            {
                xml.WriteStartElement("error");
                xml.WriteAttributeString("message", ReportFacts.XmlSafe(OneLine(ex.ExceptionMessage)));
                xml.WriteAttributeString("type", ReportFacts.XmlSafe(ex.ExceptionType));
            }
            else
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", ReportFacts.XmlSafe(OneLine(FailureText.Summary(result, options.MaxSamples))));
                xml.WriteAttributeString("type", ReportFacts.XmlSafe(result.Expectation.Type));
            }

            xml.WriteString(ReportFacts.XmlSafe(Body(result, options.MaxSamples)));
            xml.WriteEndElement();
        }
        else if (!result.Success)
        {
            var word = result.Expectation.Severity == Severity.Info ? "INFO" : "WARNING";
            var why = result.Expectation.Severity == Severity.Info
                ? "info expectations never fail the run"
                : "does not fail the run at fail-on " + ReportFacts.SeverityName(options.FailOn);
            xml.WriteElementString("system-out", ReportFacts.XmlSafe($"{word}: {FailureText.Summary(result, options.MaxSamples)} ({why})\n{Body(result, options.MaxSamples)}"));
        }

        xml.WriteEndElement();
    }

    /// <summary>The readable text of a failure: what was checked, with which arguments, what was found, and where.</summary>
    private static string Body(ExpectationResult result, int maxSamples)
    {
        var e = result.Expectation;
        var sb = new StringBuilder();
        sb.Append(e.Type).Append(" on ").Append(ReportFacts.Subject(e)).Append(" (severity ").Append(ReportFacts.SeverityName(e.Severity)).Append(")\n");
        using (var kwargs = ReportFacts.Kwargs(e))
        {
            sb.Append("kwargs: ").Append(ReportFacts.Display(kwargs.RootElement, 2000)).Append('\n');
        }

        if (result.ExceptionInfo is { } ex)
        {
            sb.Append(ex.ExceptionType).Append(": ").Append(ex.ExceptionMessage).Append('\n');
            if (ex.ExceptionTraceback is { Length: > 0 } trace)
            {
                sb.Append(trace).Append('\n');
            }

            return sb.ToString();
        }

        var r = result.Result;
        if (ReportFacts.Unexpected(r) is { } unexpected)
        {
            sb.Append("unexpected: ").Append(unexpected);
            if (r.MissingCount is { } missing)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; {missing:N0} null of {r.ElementCount ?? 0:N0} rows");
            }

            sb.Append('\n');
        }

        if (ReportFacts.Observed(result) is { } observed)
        {
            sb.Append("observed: ").Append(observed).Append('\n');
        }

        var samples = ReportFacts.Samples(r, maxSamples);
        if (samples.Count > 0)
        {
            sb.Append("unexpected values:\n");
            foreach (var (value, row) in samples)
            {
                sb.Append("  ").Append(row is { } i ? string.Create(CultureInfo.InvariantCulture, $"row {i}: ") : "").Append(ReportFacts.Display(value)).Append('\n');
            }

            var more = ReportFacts.SampleCount(r) - samples.Count;
            if (more > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  … {more:N0} more in the report\n");
            }
        }

        // What an ML check found, as aligned plain-text tables (CI test tabs show the body in a monospace font).
        foreach (var table in MlDetailTables.For(result, maxSamples))
        {
            foreach (var line in MlDetailTables.PlainLines(table))
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>"type [subject]", numbered from the second occurrence so that every test case of the suite has its own name.</summary>
    private static string UniqueName(Dictionary<string, int> seen, ExpectationResult result)
    {
        var name = $"{result.Expectation.Type} [{ReportFacts.Subject(result.Expectation)}]";
        var n = seen.TryGetValue(name, out var count) ? count + 1 : 1;
        seen[name] = n;
        return n == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name} #{n}");
    }

    private static void Counts(XmlWriter xml, int tests, int failures, int errors, string time)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", time);
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", ReportFacts.XmlSafe(value));
        xml.WriteEndElement();
    }

    private static string Number(double seconds) => Math.Round(seconds, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
