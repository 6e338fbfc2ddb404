using System.Runtime.CompilerServices;
using Expectations.Data;

namespace Expectations;

/// <summary>Flattening a list column on request, as pandas' <c>DataFrame.explode</c> does.</summary>
public static class DataSourceExtensions
{
    /// <summary>
    /// A view of <paramref name="source"/> with one row per element of the list column <paramref name="listColumn"/>: that
    /// column holds the element (its kind is the element kind), every other column repeats its row's value. A null or
    /// empty list gives one row whose element is null, as in pandas. Row indices in reports are rows of the view.
    /// </summary>
    /// <param name="source">Any source; its chunks are exploded one at a time.</param>
    /// <param name="listColumn">A <see cref="DataKind.List"/> column of <paramref name="source"/>.</param>
    /// <returns>The exploded view.</returns>
    /// <exception cref="ArgumentException"><paramref name="listColumn"/> is not a list column of the source.</exception>
    public static IDataSource Explode(this IDataSource source, string listColumn)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(listColumn);
        var info = source.Columns.FirstOrDefault(c => c.Name == listColumn)
            ?? throw new ArgumentException($"'{source.Description}' has no column '{listColumn}'.", nameof(listColumn));
        if (info.Kind != DataKind.List)
        {
            throw new ArgumentException($"Column '{listColumn}' of '{source.Description}' is {info.Kind}, not a list: only list columns can be exploded.", nameof(listColumn));
        }

        if (info.ElementKind is null)
        {
            throw new ArgumentException($"Column '{listColumn}' of '{source.Description}' does not say its element kind (ColumnInfo.ElementKind): it cannot be exploded.", nameof(listColumn));
        }

        return new ExplodedSource(source, info);
    }
}

/// <summary>One row per list element of one column; the other columns repeat (see <see cref="DataSourceExtensions.Explode"/>).</summary>
internal sealed class ExplodedSource : IDataSource
{
    private readonly IDataSource _inner;
    private readonly ColumnInfo _list;

    public ExplodedSource(IDataSource inner, ColumnInfo list)
    {
        _inner = inner;
        _list = list;
        var element = list.ElementKind!.Value;
        Columns = [.. inner.Columns.Select(c => c.Name == list.Name
            ? new ColumnInfo(c.Name, element, $"element of {c.PhysicalType}") { Parent = c.Parent }
            : c)];
        Description = $"{inner.Description} (exploded on '{list.Name}')";
    }

    public string Description { get; }

    public IReadOnlyList<ColumnInfo> Columns { get; }

    public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var wanted = columns.Distinct(StringComparer.Ordinal).ToList();
        var read = wanted.Contains(_list.Name, StringComparer.Ordinal) ? wanted : [.. wanted, _list.Name];
        long offset = 0;
        await foreach (var chunk in _inner.ReadAsync(read, cancellationToken).ConfigureAwait(false))
        {
            if (chunk[_list.Name] is not ListBatch list)
            {
                throw new DataSourceException($"Column '{_list.Name}' of {chunk.Origin ?? _inner.Description} did not arrive as a list.");
            }

            // Row k of the view is element `elements[k]` of row `rows[k]`; -1 marks the null element of a null or empty list.
            var rows = new List<int>(list.Length);
            var elements = new List<int>(list.Length);
            var offsets = list.Offsets.Span;
            for (var i = 0; i < list.Length; i++)
            {
                var length = list.IsValid(i) ? offsets[i + 1] - offsets[i] : 0;
                if (length == 0)
                {
                    rows.Add(i);
                    elements.Add(-1);
                    continue;
                }

                for (var e = offsets[i]; e < offsets[i + 1]; e++)
                {
                    rows.Add(i);
                    elements.Add(e);
                }
            }

            var rowIndex = rows.ToArray();
            var batches = new List<ColumnBatch>(wanted.Count);
            foreach (var name in wanted)
            {
                batches.Add(name == _list.Name ? Elements(list, [.. elements]) : BatchSelection.Select(chunk[name], rowIndex));
            }

            yield return new DataChunk(offset, rowIndex.Length, batches, chunk.Origin);
            offset += rowIndex.Length;
        }
    }

    /// <summary>The chosen elements, with a null where the index is -1 (a null or empty list), named as the list column.</summary>
    private static ColumnBatch Elements(ListBatch list, int[] elements)
    {
        if (list.Values.Length == 0)
        {
            return BatchSelection.Nulls(list.Values, list.Name, elements.Length);
        }

        // Placeholder rows select element 0 and are nulled out: the selection keeps the element batch's own type.
        var selected = BatchSelection.Select(list.Values, [.. elements.Select(e => Math.Max(e, 0))]);
        var placeholders = elements.Select(e => e < 0).ToArray();
        var batch = placeholders.Any(p => p) ? BatchSelection.WithNulls(selected, placeholders) : selected;
        return batch.Name == list.Name ? batch : BatchSelection.Rename(batch, list.Name);
    }
}
