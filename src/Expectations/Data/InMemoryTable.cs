using System.Runtime.CompilerServices;
using System.Text;

namespace Expectations;

/// <summary>
/// A small table held in memory, built column by column from arrays: for tests, examples and data that
/// is already in .NET collections. Use <see cref="Builder"/>.
/// </summary>
public sealed class InMemoryTable : IDataSource
{
    private readonly List<ColumnBatch> _batches;

    private InMemoryTable(string description, List<ColumnBatch> batches, List<ColumnInfo> columns, int rowCount)
    {
        Description = description;
        _batches = batches;
        Columns = columns;
        RowCount = rowCount;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Starts a table.</summary>
    /// <param name="description">What the table is, for reports.</param>
    public static InMemoryTableBuilder Builder(string description = "in-memory table") => new(description);

    /// <inheritdoc />
    public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        cancellationToken.ThrowIfCancellationRequested();
        var wanted = new HashSet<string>(columns, StringComparer.Ordinal);
        yield return new DataChunk(0, RowCount, _batches.Where(b => wanted.Contains(b.Name)), Description);
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Collects columns for an <see cref="InMemoryTable"/>.</summary>
    public sealed class InMemoryTableBuilder
    {
        private readonly string _description;
        private readonly List<ColumnBatch> _batches = [];
        private readonly List<ColumnInfo> _columns = [];
        private int? _rows;

        internal InMemoryTableBuilder(string description) => _description = description;

        /// <summary>Adds a floating-point column (null = missing).</summary>
        public InMemoryTableBuilder Add(string name, IReadOnlyList<double?> values) => AddPrimitive(name, DataKind.Float, "double", values);

        /// <summary>Adds an integer column (null = missing).</summary>
        public InMemoryTableBuilder Add(string name, IReadOnlyList<long?> values) => AddPrimitive(name, DataKind.Integer, "long", values);

        /// <summary>Adds an unsigned 64-bit integer column (null = missing); values above <see cref="long.MaxValue"/> stay exact.</summary>
        public InMemoryTableBuilder Add(string name, IReadOnlyList<ulong?> values) => AddPrimitive(name, DataKind.Integer, "ulong", values);

        /// <summary>Adds a 32-bit integer column (null = missing).</summary>
        public InMemoryTableBuilder Add(string name, IReadOnlyList<int?> values) => AddPrimitive(name, DataKind.Integer, "int", values);

        /// <summary>Adds a decimal column (null = missing).</summary>
        public InMemoryTableBuilder Add(string name, IReadOnlyList<decimal?> values) => AddPrimitive(name, DataKind.Decimal, "decimal", values);

        /// <summary>Adds a boolean column (null = missing).</summary>
        public InMemoryTableBuilder Add(string name, IReadOnlyList<bool?> values) => AddPrimitive(name, DataKind.Boolean, "bool", values);

        /// <summary>Adds a timestamp column (null = missing); the kind of each DateTime is dropped.</summary>
        public InMemoryTableBuilder Add(string name, IReadOnlyList<DateTime?> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var ticks = new long?[values.Count];
            for (var i = 0; i < ticks.Length; i++)
            {
                ticks[i] = values[i]?.Ticks;
            }

            return AddPrimitive(name, DataKind.Timestamp, "DateTime", ticks);
        }

        /// <summary>Adds a string column (null = missing).</summary>
        public InMemoryTableBuilder Add(string name, IReadOnlyList<string?> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var offsets = new int[values.Count + 1];
            var validity = new byte[(values.Count + 7) / 8];
            var bytes = new List<byte>();
            var nulls = 0;
            for (var i = 0; i < values.Count; i++)
            {
                offsets[i] = bytes.Count;
                if (values[i] is { } s)
                {
                    validity[i >> 3] |= (byte)(1 << (i & 7));
                    bytes.AddRange(Encoding.UTF8.GetBytes(s));
                }
                else
                {
                    nulls++;
                }
            }

            offsets[values.Count] = bytes.Count;
            return AddBatch(new StringBatch(name, bytes.ToArray(), offsets, validity, nulls), "string");
        }

        /// <summary>Adds an already built batch.</summary>
        public InMemoryTableBuilder AddBatch(ColumnBatch batch, string physicalType)
        {
            ArgumentNullException.ThrowIfNull(batch);
            if (_columns.Any(c => c.Name == batch.Name))
            {
                throw new ArgumentException($"Column '{batch.Name}' was added twice.", nameof(batch));
            }

            if (_rows is { } rows && rows != batch.Length)
            {
                throw new ArgumentException($"Column '{batch.Name}' has {batch.Length} rows; the table has {rows}.", nameof(batch));
            }

            _rows = batch.Length;
            _batches.Add(batch);
            _columns.Add(new ColumnInfo(batch.Name, batch.Kind, physicalType));
            return this;
        }

        /// <summary>Builds the table.</summary>
        public InMemoryTable Build() => new(_description, [.. _batches], [.. _columns], _rows ?? 0);

        private InMemoryTableBuilder AddPrimitive<T>(string name, DataKind kind, string physicalType, IReadOnlyList<T?> values) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(values);
            var data = new T[values.Count];
            var validity = new byte[(values.Count + 7) / 8];
            var nulls = 0;
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is { } v)
                {
                    data[i] = v;
                    validity[i >> 3] |= (byte)(1 << (i & 7));
                }
                else
                {
                    nulls++;
                }
            }

            return AddBatch(new PrimitiveBatch<T>(name, kind, data, validity, nulls), physicalType);
        }
    }
}
