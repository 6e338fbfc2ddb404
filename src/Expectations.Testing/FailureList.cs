using System.Globalization;
using System.Text;

namespace Expectations.Testing;

/// <summary>The text assertion messages show for a report: each unsuccessful expectation on its own line (also linked into Expectations.Testing.DataAnalysis).</summary>
internal static class FailureList
{
    /// <summary>
    /// "2 of 5 expectations failed:" and one line per result (type, column, counts, sample values with rows) as
    /// <see cref="FailureText.Describe"/> writes them.
    /// </summary>
    public static string Describe(ValidationReport report, IEnumerable<ExpectationResult> failures, int maxSamples = 5)
    {
        var list = failures.ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{list.Count} of {report.Results.Length} expectations failed on {report.Meta.DataSource} ({report.Meta.RowCount:N0} rows):");
        foreach (var failure in list)
        {
            sb.Append(Environment.NewLine).Append("  - ").Append(FailureText.Describe(failure, maxSamples));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Makes <paramref name="text"/> safe to embed in a FluentAssertions message: braces are placeholders there,
    /// and sample values are JSON, full of them.
    /// </summary>
    public static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
