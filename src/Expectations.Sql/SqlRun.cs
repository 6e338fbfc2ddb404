using System.Data.Common;
using System.Text.Json;

namespace Expectations.Sql;

/// <summary>One validation of one table: compiles the expectations, runs the fused query and the extra queries, builds results.</summary>
internal sealed class SqlRun(SqlSource source, DbConnection connection, BackendWork work)
{
    /// <summary>The name of the row-number column of sample queries (not a name a table is likely to use).</summary>
    internal const string RowColumn = "__expectations_row";

    private readonly List<SqlFragment> _metrics = [];
    private readonly Dictionary<string, int> _metricKeys = new(StringComparer.Ordinal);
    private object?[] _values = [];
    private string?[] _errors = [];

    public SqlDialect Dialect => source.Dialect;

    public string Relation => source.Relation;

    public ResultFormat Format => work.Options.ResultFormat;

    public IReadOnlyList<ColumnInfo> Columns { get; private set; } = [];

    public IReadOnlyDictionary<string, ColumnInfo> Schema { get; private set; } = new Dictionary<string, ColumnInfo>();

    public async ValueTask<BackendResults> RunAsync(CancellationToken cancellationToken)
    {
        await ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
        var count = work.Expectations.Count;
        var results = new ExpectationResult?[count];
        var plans = new SqlPlan?[count];
        var rowCount = Metric(SqlFragment.Raw("COUNT(*)"));
        for (var i = 0; i < count; i++)
        {
            if (work.Expectations[i] is not { } expectation)
            {
                continue;
            }

            if (ExpectationResults.IsSchemaOnly(expectation))
            {
                results[i] = ExpectationResults.Schema(expectation, Columns, Format);
                continue;
            }

            try
            {
                var condition = work.Conditions[i] is { } c ? SqlConditions.Translate(c, Dialect, Schema) : null;
                plans[i] = SqlPlan.Compile(expectation, condition, this);
            }
            catch (SqlPlanException ex)
            {
                results[i] = ExpectationResults.Error(expectation, ex.Message);
            }
            catch (MissingColumnException ex)
            {
                results[i] = ExpectationResults.MissingColumn(expectation, ex.Column, Columns);
            }
        }

        await RunFusedAsync(cancellationToken).ConfigureAwait(false);
        var rows = _errors[rowCount] is { } rowError
            ? throw new DataSourceException($"The {Dialect.Name} engine cannot count the rows of {source.Description}: {rowError}")
            : SqlValues.ToLong(_values[rowCount]);

        for (var i = 0; i < count; i++)
        {
            if (plans[i] is not { } plan)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                results[i] = await plan.FinishAsync(this, cancellationToken).ConfigureAwait(false);
            }
            catch (SqlPlanException ex)
            {
                results[i] = ExpectationResults.Error(plan.Expectation, ex.Message);
            }
            catch (MissingColumnException ex)
            {
                results[i] = ExpectationResults.MissingColumn(plan.Expectation, ex.Column, Columns);
            }
            catch (DbException ex)
            {
                results[i] = ExpectationResults.Error(plan.Expectation, $"The {Dialect.Name} engine failed on {plan.Expectation.Type}: {ex.Message}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not DataSourceException)
            {
                results[i] = ExpectationResult.Raised(plan.Expectation, ex, traceback: ex is not (FormatException or NotSupportedException or ArgumentException));
            }
        }

        return new BackendResults(results, rows);
    }

    /// <summary>The column named <paramref name="name"/>; a missing one is the expectation's error (with the in-memory message).</summary>
    public ColumnInfo Column(string name) => Schema.TryGetValue(name, out var c) ? c : throw new MissingColumnException(name);

    /// <summary>Registers an aggregate expression of the fused query; an equal one registered before is reused.</summary>
    public int Metric(SqlFragment expression)
    {
        var key = expression.Key;
        if (!_metricKeys.TryGetValue(key, out var index))
        {
            index = _metrics.Count;
            _metrics.Add(expression);
            _metricKeys.Add(key, index);
        }

        return index;
    }

    /// <summary>The value of a fused metric; throws <see cref="SqlPlanException"/> with the engine's message when it could not be computed.</summary>
    public object? Value(int metric) =>
        _errors[metric] is { } error ? throw new SqlPlanException($"The {Dialect.Name} engine could not compute {_metrics[metric]}: {error}") : _values[metric];

    /// <summary>Rows counted where <paramref name="predicate"/> holds (all rows when null).</summary>
    public SqlFragment CountWhere(SqlFragment? predicate) => predicate is null ? SqlFragment.Raw("COUNT(*)") : predicate.Map(Dialect.CountWhere);

    /// <summary><paramref name="condition"/> AND <paramref name="predicate"/> (the predicate alone without a condition).</summary>
    public static SqlFragment And(SqlFragment? condition, SqlFragment predicate) => condition is null ? predicate : "(" + condition + " AND " + predicate + ")";

    /// <summary>Runs one query and reads all its rows.</summary>
    public async ValueTask<List<object?[]>> QueryAsync(SqlFragment sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql.Render(Dialect);
        Dialect.Bind(command, sql.Values);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SqlValues.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first <paramref name="cap"/> rows where <paramref name="predicate"/> holds, in the engine's row order: the
    /// row index and the values of <paramref name="columns"/>, as JSON written like the in-memory engine writes them.
    /// </summary>
    public async ValueTask<(long[] Indices, JsonElement[][] Values)> SampleAsync(SqlFragment predicate, IReadOnlyList<ColumnInfo> columns, int cap, CancellationToken cancellationToken)
    {
        var select = string.Join(", ", columns.Select(c => Dialect.Quote(c.Name)));
        var sql = $"SELECT {Dialect.Quote(RowColumn)}{(select.Length > 0 ? ", " + select : "")} FROM (SELECT {Dialect.RowNumber} AS {Dialect.Quote(RowColumn)}, * FROM {Relation}) AS {Dialect.Quote("__expectations_rows")} WHERE "
            + predicate + $" ORDER BY {Dialect.Quote(RowColumn)}" + (cap == int.MaxValue ? "" : Dialect.Limit(cap));
        var rows = await QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        var indices = rows.Select(r => SqlValues.ToLong(r[0])).ToArray();
        var values = new JsonElement[columns.Count][];
        for (var c = 0; c < columns.Count; c++)
        {
            values[c] = await SqlValues.ToJsonAsync(columns[c], rows.Select(r => r[c + 1]).ToArray()).ConfigureAwait(false);
        }

        return (indices, values);
    }

    private async ValueTask ReadSchemaAsync(CancellationToken cancellationToken)
    {
        Columns = await ReadColumnsAsync(source, connection, cancellationToken).ConfigureAwait(false);
        Schema = Columns.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The columns of <paramref name="source"/>'s relation, from a query that returns no rows.</summary>
    internal static async ValueTask<IReadOnlyList<ColumnInfo>> ReadColumnsAsync(SqlSource source, DbConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {source.Relation}{source.Dialect.Limit(0)}";
        try
        {
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var columns = new List<ColumnInfo>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var type = reader.GetDataTypeName(i);
                columns.Add(new ColumnInfo(reader.GetName(i), source.Dialect.KindOf(type, reader.GetFieldType(i)), type));
            }

            return columns;
        }
        catch (DbException ex)
        {
            throw new DataSourceException($"The {source.Dialect.Name} engine cannot read {source.Description}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// All metrics in one query. When it fails (one expression the engine refuses, e.g. a regex its flavour cannot
    /// compile), each metric runs on its own, so only the expectations that need a failing one get its error.
    /// </summary>
    private async ValueTask RunFusedAsync(CancellationToken cancellationToken)
    {
        _values = new object?[_metrics.Count];
        _errors = new string?[_metrics.Count];
        try
        {
            var rows = await QueryAsync("SELECT " + SqlFragment.Join(", ", _metrics) + " FROM " + Relation, cancellationToken).ConfigureAwait(false);
            rows[0].CopyTo(_values, 0);
            return;
        }
        catch (DbException) when (_metrics.Count > 1)
        {
        }
        catch (DbException ex)
        {
            throw new DataSourceException($"The {Dialect.Name} engine cannot read {source.Description}: {ex.Message}", ex);
        }

        for (var m = 0; m < _metrics.Count; m++)
        {
            try
            {
                var rows = await QueryAsync("SELECT " + _metrics[m] + " FROM " + Relation, cancellationToken).ConfigureAwait(false);
                _values[m] = rows[0][0];
            }
            catch (DbException ex)
            {
                _errors[m] = ex.Message;
            }
        }
    }
}

/// <summary>A column an expectation names is not in the data.</summary>
internal sealed class MissingColumnException(string column) : Exception($"Column '{column}' is not in the data")
{
    public string Column { get; } = column;
}
