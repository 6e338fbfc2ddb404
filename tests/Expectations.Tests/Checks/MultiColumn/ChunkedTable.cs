using System.Runtime.CompilerServices;

namespace Expectations.Tests.Checks.MultiColumn;

/// <summary>Test data split into chunks of a given size, so that states carry across chunks as with row groups.</summary>
internal sealed class ChunkedTable(int chunkRows, params (string Name, Func<int, int, ColumnBatch> Slice, ColumnInfo Info)[] columns) : IDataSource
{
    public string Description => "chunked";

    public IReadOnlyList<ColumnInfo> Columns => [.. columns.Select(c => c.Info)];

    public int RowCount { get; init; }

    public static (string, Func<int, int, ColumnBatch>, ColumnInfo) Column<T>(string name, DataKind kind, T?[] values) where T : unmanaged =>
        (name, (start, count) =>
        {
            var data = new T[count];
            var validity = new byte[(count + 7) / 8];
            var nulls = 0;
            for (var i = 0; i < count; i++)
            {
                if (values[start + i] is { } v)
                {
                    data[i] = v;
                    validity[i >> 3] |= (byte)(1 << (i & 7));
                }
                else
                {
                    nulls++;
                }
            }

            return new PrimitiveBatch<T>(name, kind, data, validity, nulls);
        }, new ColumnInfo(name, kind, typeof(T).Name));

    public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> wanted, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        for (var start = 0; start < RowCount; start += chunkRows)
        {
            var count = Math.Min(chunkRows, RowCount - start);
            yield return new DataChunk(start, count, columns.Where(c => wanted.Contains(c.Name)).Select(c => c.Slice(start, count)));
        }
    }
}
