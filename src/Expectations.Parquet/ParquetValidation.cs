namespace Expectations.Parquet;

/// <summary>
/// Validates a Parquet file or folder by its path, opening and closing the <see cref="ParquetDataSource"/>:
/// <c>await ParquetValidation.ValidateAsync("transactions.parquet", suite)</c>. An open source validates like any
/// other (<c>source.ValidateAsync(suite)</c>, <c>source.Validate(plan)</c>, see <see cref="InMemoryValidation"/>).
/// </summary>
public static class ParquetValidation
{
    /// <summary>Opens the Parquet file or folder at <paramref name="path"/> and validates it against <paramref name="suite"/>.</summary>
    /// <param name="path">A <c>.parquet</c> file or a folder of them.</param>
    /// <param name="suite">The expectations (compiled each call; keep a <see cref="ValidationPlan"/> to reuse).</param>
    /// <param name="options">Run options (result format, parameters, parallelism); defaults when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DataSourceException">The file cannot be opened or read.</exception>
    public static Task<ValidationReport> ValidateAsync(string path, ExpectationSuite suite, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        ValidateAsync(path, ValidationPlan.Compile(suite), options, cancellationToken);

    /// <summary>Opens the Parquet file or folder at <paramref name="path"/> and validates it with a compiled <paramref name="plan"/>.</summary>
    /// <param name="path">A <c>.parquet</c> file or a folder of them.</param>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="options">Run options (result format, parameters, parallelism); defaults when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DataSourceException">The file cannot be opened or read.</exception>
    public static async Task<ValidationReport> ValidateAsync(string path, ValidationPlan plan, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var source = await ParquetDataSource.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            return await plan.ValidateAsync(source, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
