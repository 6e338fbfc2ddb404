using System.Data.Common;

namespace Expectations.Sql;

/// <summary>
/// Runs a suite inside a SQL engine (<see cref="IValidationBackend"/>): all counts and statistics of all expectations
/// in one fused aggregate query over the table (equal metrics computed once), a GROUP BY query per uniqueness check, and
/// <c>LIMIT</c>ed sample queries only when the result format shows unexpected values or indices. <c>row_condition</c>
/// becomes a predicate of each metric. Results are built by <see cref="ExpectationResults"/>, as in memory, so the
/// report has the same fields and numbers. What the engine cannot compute is that expectation's <c>exception_info</c>.
/// </summary>
public sealed class SqlBackend : IValidationBackend
{
    private static readonly HashSet<Type> SupportedTypes =
    [
        typeof(TableRowCountToBeBetween), typeof(TableRowCountToEqual),
        typeof(ColumnValuesToNotBeNull), typeof(ColumnValuesToBeNull),
        typeof(ColumnValuesToBeBetween), typeof(ColumnValuesToBeInSet), typeof(ColumnValuesToNotBeInSet),
        typeof(ColumnValuesToMatchRegex), typeof(ColumnValuesToNotMatchRegex),
        typeof(ColumnValuesToMatchLikePattern), typeof(ColumnValuesToNotMatchLikePattern),
        typeof(ColumnValueLengthsToBeBetween), typeof(ColumnValueLengthsToEqual),
        typeof(ColumnValuesToBeUnique),
        typeof(ColumnMinToBeBetween), typeof(ColumnMaxToBeBetween), typeof(ColumnSumToBeBetween), typeof(ColumnMeanToBeBetween),
        typeof(ColumnStdevToBeBetween), typeof(ColumnMedianToBeBetween),
        typeof(ColumnUniqueValueCountToBeBetween), typeof(ColumnProportionOfUniqueValuesToBeBetween),
    ];

    private readonly SqlSource _source;

    /// <summary>A backend over <paramref name="source"/>.</summary>
    /// <param name="source">The table and how to reach it.</param>
    public SqlBackend(SqlSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>The expectation types this backend compiles to SQL (wire names, sorted); others are reported as not supported.</summary>
    public static IReadOnlyList<string> SupportedExpectationTypes { get; } =
        [.. SupportedTypes.Concat(SchemaTypes).Select(t => (string)t.GetField("TypeName")!.GetValue(null)!).Order(StringComparer.Ordinal)];

    // Judged from the column list of the schema query alone (ExpectationResults.Schema): no query over the rows.
    private static Type[] SchemaTypes =>
        [typeof(ColumnToExist), typeof(TableColumnsToMatchOrderedList), typeof(TableColumnsToMatchSet), typeof(TableColumnCountToBeBetween), typeof(TableColumnCountToEqual)];

    /// <inheritdoc />
    public string Name => _source.Dialect.Name;

    /// <inheritdoc />
    public string DataDescription => _source.Description;

    /// <inheritdoc />
    public bool Supports(Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        return SupportedTypes.Contains(expectation.GetType()) || ExpectationResults.IsSchemaOnly(expectation);
    }

    /// <inheritdoc />
    public async ValueTask<BackendResults> RunAsync(BackendWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        DbConnection connection;
        bool owned;
        try
        {
            (connection, owned) = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw new DataSourceException($"Cannot open the {Name} connection for {_source.Description}: {ex.Message}", ex);
        }

        try
        {
            return await new SqlRun(_source, connection, work).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (owned)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
