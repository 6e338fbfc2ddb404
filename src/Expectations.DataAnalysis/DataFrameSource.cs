using System.Runtime.CompilerServices;
using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>
/// A <see cref="Microsoft.Data.Analysis.DataFrame"/> as an <see cref="IDataSource"/>, read without copying
/// wherever the DataFrame's own buffers allow it.
/// </summary>
/// <remarks>
/// <para>How columns map:</para>
/// <list type="table">
/// <listheader><term>DataFrame column</term><description>batches</description></listheader>
/// <item><term><c>PrimitiveDataFrameColumn</c> of bool</term><description><see cref="DataKind.Boolean"/>, <see cref="PrimitiveBatch{T}"/> of bool, zero-copy.</description></item>
/// <item><term>of byte, sbyte, short, ushort, int, uint, long, ulong</term><description><see cref="DataKind.Integer"/>, zero-copy.</description></item>
/// <item><term>of float, double</term><description><see cref="DataKind.Float"/>, zero-copy.</description></item>
/// <item><term>of decimal</term><description><see cref="DataKind.Decimal"/>, zero-copy.</description></item>
/// <item><term>of DateTime</term><description><see cref="DataKind.Timestamp"/>, <see cref="PrimitiveBatch{T}"/> of
/// <see cref="DateTime.Ticks"/>. The <see cref="DateTimeKind"/> is dropped and nothing is converted to UTC: a
/// local and a UTC value with the same clock reading have the same ticks. Ticks are computed window by window
/// into a reused buffer; the validity bitmap is the column's own.</description></item>
/// <item><term>of char</term><description><see cref="DataKind.String"/> of one character (a char column holds
/// codes and letters, which string checks fit), encoded to UTF-8 window by window.</description></item>
/// <item><term><c>ArrowStringDataFrameColumn</c></term><description><see cref="DataKind.String"/>, zero-copy over its
/// UTF-8 data, offsets and validity.</description></item>
/// <item><term><c>StringDataFrameColumn</c></term><description><see cref="DataKind.String"/>; the .NET strings are
/// encoded to UTF-8 window by window into reused buffers.</description></item>
/// <item><term>anything else (<c>VBufferDataFrameColumn</c>, user-defined columns)</term><description>not offered:
/// absent from <see cref="Columns"/>, so checks on it report a missing column.</description></item>
/// </list>
/// <para>
/// Chunks follow the columns' own buffers (one per column for any DataFrame under ~268 M rows) and, for
/// converted columns, windows of 65,536 rows; when several columns are read, each chunk boundary of any of them
/// is a chunk boundary of the whole. <see cref="DataChunk.RowOffset"/> counts from the DataFrame's first row.
/// A DataFrame of no rows yields one chunk of no rows.
/// </para>
/// <para>
/// The source captures the DataFrame's columns when it is created; values are read from them when
/// <see cref="ReadAsync"/> runs. Do not change the DataFrame while reading it: a batch is a view over its buffers.
/// </para>
/// </remarks>
public sealed class DataFrameSource : IDataSource
{
    /// <summary>Rows per window for columns that must be converted (DateTime, char, lists of strings).</summary>
    internal const int DefaultWindowRows = 65_536;

    /// <summary>Largest window allowed, so that converted buffers stay well under the array size limit.</summary>
    internal const int MaxWindowRows = 1 << 24;

    private readonly DataFrame _frame;
    private readonly Dictionary<string, OfferedColumn> _byName;
    private readonly int _windowRows;

    /// <summary>Wraps <paramref name="frame"/> (not copied).</summary>
    /// <param name="frame">The DataFrame to read.</param>
    /// <param name="description">What the data is, for reports; "DataFrame" when null.</param>
    public DataFrameSource(DataFrame frame, string? description = null)
        : this(frame, description, DefaultWindowRows)
    {
    }

    internal DataFrameSource(DataFrame frame, string? description, int windowRows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowRows, MaxWindowRows);
        _frame = frame;
        _windowRows = windowRows;
        Description = description ?? "DataFrame";
        _byName = new Dictionary<string, OfferedColumn>(StringComparer.Ordinal);
        var columns = new List<ColumnInfo>();
        foreach (var column in frame.Columns)
        {
            if (Offer(column) is { } offered && _byName.TryAdd(column.Name, offered))
            {
                columns.Add(offered.Info);
            }
        }

        Columns = columns;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    /// <remarks>The physical type is the column's .NET element type name (<c>Int32</c>, <c>Double</c>, <c>String</c>, <c>DateTime</c> …).</remarks>
    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A name is not one of <see cref="Columns"/>.</exception>
    /// <exception cref="DataSourceException">The DataFrame's columns disagree on their length, or a column's buffers are malformed.</exception>
    public IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var wanted = new List<OfferedColumn>(columns.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in columns)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(columns));
            if (!_byName.TryGetValue(name, out var offered))
            {
                throw new ArgumentException($"{Description} has no readable column '{name}'; it offers: {string.Join(", ", Columns.Select(c => c.Name))}.", nameof(columns));
            }

            if (seen.Add(name))
            {
                wanted.Add(offered);
            }
        }

        return ReadCore(wanted, cancellationToken);
    }

    private async IAsyncEnumerable<DataChunk> ReadCore(List<OfferedColumn> wanted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rowCount = _frame.Rows.Count;
        foreach (var offered in wanted)
        {
            if (offered.Column.Length != rowCount)
            {
                throw new DataSourceException($"{Description}, column '{offered.Column.Name}': {offered.Column.Length} rows in a DataFrame of {rowCount} rows.");
            }
        }

        var readers = new List<ColumnReader>(wanted.Count);
        try
        {
            foreach (var offered in wanted)
            {
                readers.Add(offered.CreateReader(Description, _windowRows));
            }

            foreach (var chunk in ChunkAligner.Align(readers, rowCount, Description, cancellationToken))
            {
                yield return chunk;
            }

        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static OfferedColumn? Offer(DataFrameColumn column) => column switch
    {
        PrimitiveDataFrameColumn<bool> c => Primitive(c, DataKind.Boolean),
        PrimitiveDataFrameColumn<byte> c => Primitive(c, DataKind.Integer),
        PrimitiveDataFrameColumn<sbyte> c => Primitive(c, DataKind.Integer),
        PrimitiveDataFrameColumn<short> c => Primitive(c, DataKind.Integer),
        PrimitiveDataFrameColumn<ushort> c => Primitive(c, DataKind.Integer),
        PrimitiveDataFrameColumn<int> c => Primitive(c, DataKind.Integer),
        PrimitiveDataFrameColumn<uint> c => Primitive(c, DataKind.Integer),
        PrimitiveDataFrameColumn<long> c => Primitive(c, DataKind.Integer),
        PrimitiveDataFrameColumn<ulong> c => Primitive(c, DataKind.Integer),
        PrimitiveDataFrameColumn<float> c => Primitive(c, DataKind.Float),
        PrimitiveDataFrameColumn<double> c => Primitive(c, DataKind.Float),
        PrimitiveDataFrameColumn<decimal> c => Primitive(c, DataKind.Decimal),
        PrimitiveDataFrameColumn<DateTime> c => new(c, Info(c, DataKind.Timestamp), (d, w) => new DateTimeColumnReader(c, w, d)),
        PrimitiveDataFrameColumn<char> c => new(c, Info(c, DataKind.String), (d, w) => new CharColumnReader(c, w, d)),
        ArrowStringDataFrameColumn c => new(c, Info(c, DataKind.String), (d, _) => new ArrowStringColumnReader(c, d)),
        StringDataFrameColumn c => new(c, Info(c, DataKind.String), (d, w) => new StringColumnReader(c, w, d)),
        _ => null,
    };

    private static OfferedColumn Primitive<T>(PrimitiveDataFrameColumn<T> column, DataKind kind) where T : unmanaged =>
        new(column, Info(column, kind), (d, _) => new PrimitiveColumnReader<T>(column, kind, d));

    private static ColumnInfo Info(DataFrameColumn column, DataKind kind) => new(column.Name, kind, column.DataType.Name);

    /// <summary>A column the source offers, and how to read it (given the description and the window size).</summary>
    private sealed record OfferedColumn(DataFrameColumn Column, ColumnInfo Info, Func<string, int, ColumnReader> CreateReader);
}
