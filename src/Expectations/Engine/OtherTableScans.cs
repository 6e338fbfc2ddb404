using Expectations.Model;

using System.Collections.Concurrent;

namespace Expectations.Engine;

/// <summary>
/// What the expectations of one run have computed over their other tables (<see cref="ValidationOptions.OtherTables"/>):
/// a key set, a time range. Created once per run and handed to every binding, so each summary is computed once, however
/// many parts of the validated data (and worker threads) ask for it; thread-safe. A summary whose computation fails
/// keeps its error, and every asker gets it.
/// </summary>
internal sealed class OtherTableScans
{
    private readonly ConcurrentDictionary<object, Lazy<object>> _done = new();

    /// <summary>Threads a summary may read its other table on (<see cref="ValidationOptions.MaxDegreeOfParallelism"/>).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// The summary named <paramref name="key"/> (a record that says which table and what: equal keys share one
    /// computation), computed by <paramref name="compute"/> on first use.
    /// </summary>
    public T Get<T>(object key, Func<T> compute) where T : class =>
        (T)_done.GetOrAdd(key, _ => new Lazy<object>(() => compute(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Reads every chunk of <paramref name="source"/>'s <paramref name="columns"/> into <paramref name="fold"/>, synchronously (metrics finish synchronously).</summary>
    public static void Read(IDataSource source, IReadOnlyCollection<string> columns, Action<DataChunk> fold) =>
        ReadAsync(source, columns, fold).AsTask().GetAwaiter().GetResult();

    private static async ValueTask ReadAsync(IDataSource source, IReadOnlyCollection<string> columns, Action<DataChunk> fold)
    {
        await foreach (var chunk in source.ReadAsync(columns).ConfigureAwait(false))
        {
            fold(chunk);
        }
    }

    /// <summary>The other table named <paramref name="name"/>, or an <see cref="ExpectationException"/> saying how to supply it.</summary>
    public static IDataSource Resolve(Binding binding, string type, string name)
    {
        if (binding.OtherTables.TryGetValue(name, out var source))
        {
            return source;
        }

        var known = binding.OtherTables.Count == 0
            ? "no other tables were supplied"
            : "the other tables supplied are " + string.Join(", ", binding.OtherTables.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
        throw new ExpectationException($"{type}: the other table '{name}' was not supplied ({known}). "
            + $"Pass it as ValidationOptions.OtherTables[\"{name}\"] = a data source, or on the command line as --other-table {name}=PATH.");
    }

    /// <summary>The column <paramref name="name"/> of the other table, or an <see cref="ExpectationException"/> naming its columns.</summary>
    public static ColumnInfo Column(IDataSource source, string table, string name)
    {
        var column = source.Columns.FirstOrDefault(c => c.Name == name);
        if (column is not null)
        {
            return column;
        }

        var closest = Suggest.Closest(name, source.Columns.Select(c => c.Name), 3, onlyClose: true);
        throw new ExpectationException($"Column '{name}' is not in the other table '{table}'"
            + (closest.Count > 0 ? $" (did you mean {string.Join(" or ", closest.Select(x => $"'{x}'"))}?)" : $"; its columns are {string.Join(", ", source.Columns.Take(20).Select(x => x.Name))}"));
    }
}
