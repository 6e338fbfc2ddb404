using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>Entry points for validating a <see cref="DataFrame"/>.</summary>
public static class DataFrameExpectations
{
    /// <summary>The DataFrame as a data source, read without copying where its buffers allow it.</summary>
    /// <param name="frame">The DataFrame (not copied; do not change it while it is read).</param>
    /// <param name="description">What the data is, for reports; "DataFrame" when null.</param>
    /// <returns>A <see cref="DataFrameSource"/> over <paramref name="frame"/>.</returns>
    public static DataFrameSource AsDataSource(this DataFrame frame, string? description = null) => new(frame, description);
}
