using System.Text.Json;
using Expectations.Profiling;

namespace Expectations;

/// <summary>DSL verbs of the drift expectations.</summary>
public static partial class ColumnVerbs
{
    /// <summary>
    /// Expects the column's distribution not to have drifted from the same column of <paramref name="baseline"/>
    /// (<c>expect_column_distribution_to_not_drift</c>); the column's profile is embedded in the suite.
    /// </summary>
    /// <param name="c">The column.</param>
    /// <param name="baseline">A profile holding this column (from <see cref="DatasetProfile.BuildAsync"/> or <see cref="DatasetProfile.Load(string)"/>).</param>
    /// <param name="method">The method; null means psi.</param>
    /// <param name="threshold">The method's threshold; null means the default.</param>
    /// <exception cref="ArgumentException">The profile has no such column.</exception>
    public static ColumnBuilder<T> NoDriftFrom<T>(this ColumnBuilder<T> c, DatasetProfile baseline, DriftMethod? method = null, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(baseline);
        var column = baseline.Column(c.Name) ?? throw new ArgumentException($"The baseline profile has no column '{c.Name}'.", nameof(baseline));
        return c.Add(new ColumnDistributionToNotDrift { Column = c.Name, Baseline = EmbeddedBaseline(column), Method = method, Threshold = threshold });
    }

    /// <summary>The column profile as the <c>baseline</c> kwarg (without the distinct sketch, which drift does not use).</summary>
    internal static JsonElement EmbeddedBaseline(ColumnProfile column)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            ProfileJson.WriteColumn(w, column, includeDistinct: false);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}
