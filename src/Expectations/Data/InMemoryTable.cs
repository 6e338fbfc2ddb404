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

    /// <summary>
    /// Collects columns for an <see cref="InMemoryTable"/>. Besides flat columns it builds binary columns (<see cref="AddBinary"/>),
    /// list columns (<c>AddList</c>), and STRUCT and MAP columns (<see cref="AddStruct"/>, <see cref="AddMap"/>), whose fields
    /// become columns named <c>parent.field</c>, as the Parquet source delivers them.
    /// </summary>
    public sealed class InMemoryTableBuilder
    {
        private readonly string _description;
        private readonly string _prefix;
        private readonly string? _parent;
        private readonly List<ColumnBatch> _batches = [];
        private readonly List<ColumnInfo> _columns = [];
        private int? _rows;

        internal InMemoryTableBuilder(string description)
            : this(description, "", null)
        {
        }

        private InMemoryTableBuilder(string description, string prefix, string? parent)
        {
            _description = description;
            _prefix = prefix;
            _parent = parent;
        }

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
        public InMemoryTableBuilder Add(string name, IReadOnlyList<DateTime?> values) => AddBatch(Timestamps(Qualify(name), values), "DateTime");

        /// <summary>Adds a string column (null = missing).</summary>
        public InMemoryTableBuilder Add(string name, IReadOnlyList<string?> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            return AddBatch(Strings(Qualify(name), values), "string");
        }

        /// <summary>Adds a binary column (<see cref="DataKind.Binary"/>, null = missing): the bytes are kept as they are, never decoded.</summary>
        /// <param name="name">Column name.</param>
        /// <param name="values">One byte array per row.</param>
        /// <param name="physicalType">The type name reports show (Parquet's is <c>BYTE_ARRAY</c>).</param>
        public InMemoryTableBuilder AddBinary(string name, IReadOnlyList<byte[]?> values, string physicalType = "BYTE_ARRAY")
        {
            ArgumentNullException.ThrowIfNull(values);
            return AddBatch(Binaries(Qualify(name), values), physicalType);
        }

        /// <summary>Adds a list column of integers (<see cref="DataKind.List"/>): a null row is a null list; elements may be null.</summary>
        public InMemoryTableBuilder AddList(string name, IReadOnlyList<IReadOnlyList<long?>?> values) =>
            AddLists(name, values, "list<long>", (n, e) => Primitives(n, DataKind.Integer, e));

        /// <summary>Adds a list column of 32-bit integers.</summary>
        public InMemoryTableBuilder AddList(string name, IReadOnlyList<IReadOnlyList<int?>?> values) =>
            AddLists(name, values, "list<int>", (n, e) => Primitives(n, DataKind.Integer, e));

        /// <summary>Adds a list column of floating-point numbers.</summary>
        public InMemoryTableBuilder AddList(string name, IReadOnlyList<IReadOnlyList<double?>?> values) =>
            AddLists(name, values, "list<double>", (n, e) => Primitives(n, DataKind.Float, e));

        /// <summary>Adds a list column of decimals.</summary>
        public InMemoryTableBuilder AddList(string name, IReadOnlyList<IReadOnlyList<decimal?>?> values) =>
            AddLists(name, values, "list<decimal>", (n, e) => Primitives(n, DataKind.Decimal, e));

        /// <summary>Adds a list column of booleans.</summary>
        public InMemoryTableBuilder AddList(string name, IReadOnlyList<IReadOnlyList<bool?>?> values) =>
            AddLists(name, values, "list<bool>", (n, e) => Primitives(n, DataKind.Boolean, e));

        /// <summary>Adds a list column of timestamps (the kind of each DateTime is dropped).</summary>
        public InMemoryTableBuilder AddList(string name, IReadOnlyList<IReadOnlyList<DateTime?>?> values) =>
            AddLists(name, values, "list<DateTime>", Timestamps);

        /// <summary>Adds a list column of strings.</summary>
        public InMemoryTableBuilder AddList(string name, IReadOnlyList<IReadOnlyList<string?>?> values) =>
            AddLists(name, values, "list<string>", Strings);

        /// <summary>Adds a list column of binary values.</summary>
        public InMemoryTableBuilder AddList(string name, IReadOnlyList<IReadOnlyList<byte[]?>?> values) =>
            AddLists(name, values, "list<BYTE_ARRAY>", Binaries);

        /// <summary>
        /// Adds a STRUCT column (<see cref="DataKind.Struct"/>): <paramref name="present"/> says which rows hold a struct (false = null),
        /// and <paramref name="fields"/> adds its fields with the builder's usual methods; each becomes the column
        /// <c>name.field</c> whose <see cref="ColumnInfo.Parent"/> is the top-level column. Fields may be structs themselves.
        /// </summary>
        /// <param name="name">Column name.</param>
        /// <param name="present">Per row, whether the struct is present.</param>
        /// <param name="fields">Adds the fields, named without the prefix; as in Parquet, a field of a null struct is null.</param>
        public InMemoryTableBuilder AddStruct(string name, IReadOnlyList<bool> present, Action<InMemoryTableBuilder> fields) =>
            AddNested(name, DataKind.Struct, "STRUCT", present, fields);

        /// <summary>
        /// Adds a MAP column (<see cref="DataKind.Map"/>): <paramref name="present"/> says which rows hold a map; <paramref name="fields"/>
        /// adds its keys and values, usually as the list columns <c>key</c> and <c>value</c> (becoming <c>name.key</c>, <c>name.value</c>).
        /// </summary>
        /// <param name="name">Column name.</param>
        /// <param name="present">Per row, whether the map is present.</param>
        /// <param name="fields">Adds the key and value columns, named without the prefix.</param>
        public InMemoryTableBuilder AddMap(string name, IReadOnlyList<bool> present, Action<InMemoryTableBuilder> fields) =>
            AddNested(name, DataKind.Map, "MAP", present, fields);

        /// <summary>
        /// Adds an already built batch, named as it is (<paramref name="batch"/>'s name, prefixed by nothing). A
        /// <see cref="ListBatch"/> records its element kind in <see cref="ColumnInfo.ElementKind"/>.
        /// </summary>
        public InMemoryTableBuilder AddBatch(ColumnBatch batch, string physicalType)
        {
            ArgumentNullException.ThrowIfNull(batch);
            return Add(batch, new ColumnInfo(batch.Name, batch.Kind, physicalType)
            {
                Parent = _parent,
                ElementKind = batch is ListBatch list ? list.Values.Kind : null,
            });
        }

        /// <summary>Builds the table.</summary>
        public InMemoryTable Build() => new(_description, [.. _batches], [.. _columns], _rows ?? 0);

        private InMemoryTableBuilder Add(ColumnBatch batch, ColumnInfo info)
        {
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
            _columns.Add(info);
            return this;
        }

        private string Qualify(string name) => _prefix + name;

        private InMemoryTableBuilder AddNested(string name, DataKind kind, string physicalType, IReadOnlyList<bool> present, Action<InMemoryTableBuilder> fields)
        {
            ArgumentNullException.ThrowIfNull(present);
            ArgumentNullException.ThrowIfNull(fields);
            var full = Qualify(name);
            var validity = new byte[(present.Count + 7) / 8];
            var nulls = 0;
            for (var i = 0; i < present.Count; i++)
            {
                if (present[i])
                {
                    validity[i >> 3] |= (byte)(1 << (i & 7));
                }
                else
                {
                    nulls++;
                }
            }

            AddBatch(new NestedBatch(full, kind, present.Count, validity, nulls), physicalType);
            var inner = new InMemoryTableBuilder(_description, full + ".", _parent ?? full);
            fields(inner);
            for (var i = 0; i < inner._batches.Count; i++)
            {
                Add(inner._batches[i], inner._columns[i]);
            }

            return this;
        }

        private InMemoryTableBuilder AddPrimitive<T>(string name, DataKind kind, string physicalType, IReadOnlyList<T?> values) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(values);
            return AddBatch(Primitives(Qualify(name), kind, values), physicalType);
        }

        private InMemoryTableBuilder AddLists<T>(string name, IReadOnlyList<IReadOnlyList<T>?> values, string physicalType, Func<string, IReadOnlyList<T>, ColumnBatch> elements)
        {
            ArgumentNullException.ThrowIfNull(values);
            var full = Qualify(name);
            var offsets = new int[values.Count + 1];
            var validity = new byte[(values.Count + 7) / 8];
            var all = new List<T>();
            var nulls = 0;
            for (var i = 0; i < values.Count; i++)
            {
                offsets[i] = all.Count;
                if (values[i] is { } list)
                {
                    validity[i >> 3] |= (byte)(1 << (i & 7));
                    all.AddRange(list);
                }
                else
                {
                    nulls++;
                }
            }

            offsets[values.Count] = all.Count;
            return AddBatch(new ListBatch(full, offsets, elements(full, all), validity, nulls), physicalType);
        }

        private static PrimitiveBatch<T> Primitives<T>(string name, DataKind kind, IReadOnlyList<T?> values) where T : unmanaged
        {
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

            return new PrimitiveBatch<T>(name, kind, data, validity, nulls);
        }

        private static PrimitiveBatch<long> Timestamps(string name, IReadOnlyList<DateTime?> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var ticks = new long?[values.Count];
            for (var i = 0; i < ticks.Length; i++)
            {
                ticks[i] = values[i]?.Ticks;
            }

            return Primitives(name, DataKind.Timestamp, ticks);
        }

        private static StringBatch Strings(string name, IReadOnlyList<string?> values)
        {
            var (data, offsets, validity, nulls) = Pack(values, static s => Encoding.UTF8.GetBytes(s));
            return new StringBatch(name, data, offsets, validity, nulls);
        }

        private static BinaryBatch Binaries(string name, IReadOnlyList<byte[]?> values)
        {
            var (data, offsets, validity, nulls) = Pack(values, static b => b);
            return new BinaryBatch(name, data, offsets, validity, nulls);
        }

        private static (byte[] Data, int[] Offsets, byte[] Validity, int Nulls) Pack<T>(IReadOnlyList<T?> values, Func<T, byte[]> bytesOf) where T : class
        {
            var offsets = new int[values.Count + 1];
            var validity = new byte[(values.Count + 7) / 8];
            var bytes = new List<byte>();
            var nulls = 0;
            for (var i = 0; i < values.Count; i++)
            {
                offsets[i] = bytes.Count;
                if (values[i] is { } v)
                {
                    validity[i >> 3] |= (byte)(1 << (i & 7));
                    bytes.AddRange(bytesOf(v));
                }
                else
                {
                    nulls++;
                }
            }

            offsets[values.Count] = bytes.Count;
            return (bytes.ToArray(), offsets, validity, nulls);
        }
    }
}
