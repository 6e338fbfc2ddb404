using System.Data.Common;

namespace Expectations.Sql;

/// <summary>
/// Runs the backend's queries on an engine that has no ADO.NET driver (for example over an HTTP interface), as the
/// alternative to a <see cref="DbConnection"/> in <see cref="SqlSource"/>. An engine error must be thrown as a
/// <see cref="DbException"/> (a subclass of it), so that it becomes the affected expectation's <c>exception_info</c>.
/// </summary>
public abstract class SqlExecutor : IAsyncDisposable
{
    /// <summary>
    /// Runs <paramref name="sql"/> and reads all its rows. <paramref name="values"/> are the values of the dialect's parameter
    /// markers in order; they are empty when the dialect writes values as literals (<see cref="SqlDialect.InlinesValues"/>).
    /// </summary>
    /// <param name="sql">The query text.</param>
    /// <param name="values">The bound values, in marker order.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="DbException">The engine refused or failed the query.</exception>
    public abstract ValueTask<SqlRows> QueryAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken);

    /// <summary>Releases what the executor holds; nothing by default.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A query's result: its columns and its rows (one value per column, null for SQL NULL).</summary>
/// <param name="columns">The result columns, in order.</param>
/// <param name="rows">The rows.</param>
public sealed class SqlRows(IReadOnlyList<SqlResultColumn> columns, IReadOnlyList<object?[]> rows)
{
    /// <summary>The result columns, in order.</summary>
    public IReadOnlyList<SqlResultColumn> Columns { get; } = columns ?? throw new ArgumentNullException(nameof(columns));

    /// <summary>The rows, each with one value per column (null for SQL NULL).</summary>
    public IReadOnlyList<object?[]> Rows { get; } = rows ?? throw new ArgumentNullException(nameof(rows));
}

/// <summary>A result column: its name, the engine's type name, and the .NET type its values are returned as.</summary>
/// <param name="name">The column name.</param>
/// <param name="typeName">The engine's type name (e.g. <c>Nullable(Int64)</c>), for <see cref="SqlDialect.KindOf"/>.</param>
/// <param name="clrType">The .NET type of its values.</param>
public sealed class SqlResultColumn(string name, string typeName, Type clrType)
{
    /// <summary>The column name.</summary>
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>The engine's type name.</summary>
    public string TypeName { get; } = typeName ?? throw new ArgumentNullException(nameof(typeName));

    /// <summary>The .NET type of the column's values.</summary>
    public Type ClrType { get; } = clrType ?? throw new ArgumentNullException(nameof(clrType));
}

/// <summary>The executor over an ADO.NET connection: values bound as the dialect's parameters.</summary>
internal sealed class DbConnectionExecutor(DbConnection connection, SqlDialect dialect, bool owned) : SqlExecutor
{
    public override async ValueTask<SqlRows> QueryAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        dialect.Bind(command, values);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = new SqlResultColumn[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = new SqlResultColumn(reader.GetName(i), reader.GetDataTypeName(i), reader.GetFieldType(i));
        }

        return new SqlRows(columns, await SqlValues.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false));
    }

    public override async ValueTask DisposeAsync()
    {
        if (owned)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
