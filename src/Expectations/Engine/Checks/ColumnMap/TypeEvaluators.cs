using Expectations.Engine.ColumnMap;

namespace Expectations.Engine.Checks;

internal sealed class OfTypeEvaluator(ColumnValuesToBeOfType e) : TypeEvaluator<ColumnValuesToBeOfType>(e)
{
    protected override IReadOnlyList<string>? Names => [Spec.ExpectedType];
}

internal sealed class InTypeListEvaluator(ColumnValuesToBeInTypeList e) : TypeEvaluator<ColumnValuesToBeInTypeList>(e)
{
    protected override IReadOnlyList<string>? Names => Spec.TypeList is { } list ? list : null;
}

/// <summary>
/// GX's pandas type check: a typed column is judged by its dtype (an aggregate result with <c>observed_value</c>);
/// an object column (text, decimal) by each value's Python type (a map result), unless an <c>object</c> name is given.
/// </summary>
internal abstract class TypeEvaluator<T>(T expectation) : MapEvaluator<T>(expectation) where T : ColumnMapExpectation
{
    private ColumnInfo? _column;
    private bool _perValue;

    /// <summary>The accepted names, or null for any type.</summary>
    protected abstract IReadOnlyList<string>? Names { get; }

    /// <summary>Every column has a type: binary values are <c>bytes</c>, lists <c>list</c>, structs <c>dict</c>, maps <c>map</c> (object columns in pandas).</summary>
    public override ColumnShapes AcceptedShapes => ColumnShapes.All;

    public override void Bind(Binding binding)
    {
        _column = binding.Column(Spec.Column);
        _perValue = ColumnTypeNames.IsObjectColumn(_column) && Names is { } names && !names.Any(ColumnTypeNames.IsObjectName);
        if (_perValue)
        {
            base.Bind(binding);
        }
    }

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap)
    {
        // Every value of an object column has the column's element type, so either all values pass or none does.
        var elementMatches = Names!.Any(n => ColumnTypeNames.NamesElementType(n, _column!));
        return new RowCheckMetric(Spec.Column, new AllValues(Unexpected: !elementMatches), sampleCap);
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        if (_perValue)
        {
            return base.Evaluate(metrics, format);
        }

        var column = _column ?? throw new InvalidOperationException("Evaluate was called before Bind.");
        var success = Names is not { } names || names.Any(n => ColumnTypeNames.NamesColumnType(n, column));
        return Result(success, ObservedDetails.Of(ColumnTypeNames.ObservedName(column), format));
    }
}

/// <summary>Every non-null value is unexpected, or none is.</summary>
internal sealed record AllValues(bool Unexpected) : RowCheck
{
    public override int CountUnexpected(ColumnBatch batch) => Unexpected ? batch.Length - batch.NullCount : 0;

    public override bool IsUnexpected(ColumnBatch batch, int row) => Unexpected;
}

/// <summary>
/// Type names as GX users write them (numpy, pandas, Python, Spark, SQL, .NET, Parquet), mapped to the columns
/// Expectations reads: by <see cref="DataKind"/>, and for widths by <see cref="ColumnInfo.PhysicalType"/>. Names are
/// compared ignoring case. The table is documented in docs/types.md; keep both in step.
/// </summary>
internal static class ColumnTypeNames
{
    private enum Target
    {
        Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64, Float32, Float64, Bool, Decimal, Text,
        Datetime, DatetimeTz, Date,
        Bytes, List, Struct, Map,
        AnyInteger, AnyFloat, AnyTimestamp,
    }

    private static readonly Dictionary<string, Target> Names = Build();

    private static Dictionary<string, Target> Build()
    {
        var map = new Dictionary<string, Target>(StringComparer.OrdinalIgnoreCase);
        void Add(Target t, params string[] names)
        {
            foreach (var n in names)
            {
                map.Add(n, t);
            }
        }

        Add(Target.AnyInteger, "int", "integer", "int_", "numpy.integer", "IntegralType");
        Add(Target.Int8, "int8", "sbyte", "tinyint", "ByteType", "np.int8", "numpy.int8");
        Add(Target.Int16, "int16", "short", "smallint", "ShortType", "np.int16", "numpy.int16");
        Add(Target.Int32, "int32", "intc", "int4", "IntegerType", "np.int32", "numpy.int32");
        Add(Target.Int64, "int64", "long", "bigint", "LongType", "np.int64", "numpy.int64", "int64dtype");
        Add(Target.UInt8, "uint8", "byte", "ubyte", "np.uint8", "numpy.uint8");
        Add(Target.UInt16, "uint16", "ushort", "np.uint16", "numpy.uint16");
        Add(Target.UInt32, "uint32", "uint", "uintc", "np.uint32", "numpy.uint32");
        Add(Target.UInt64, "uint64", "ulong", "np.uint64", "numpy.uint64");
        Add(Target.AnyFloat, "float", "floating", "numpy.floating", "FractionalType");
        Add(Target.Float32, "float32", "single", "real", "float4", "FloatType", "np.float32", "numpy.float32");
        Add(Target.Float64, "float64", "double", "float8", "float_", "double_precision", "double precision", "DoubleType", "np.float64", "numpy.float64", "float64dtype");
        Add(Target.Bool, "bool", "bool_", "boolean", "BooleanType", "bit", "np.bool_", "numpy.bool_");
        Add(Target.Decimal, "decimal", "decimal.Decimal", "numeric", "DecimalType", "money");
        Add(Target.Text, "str", "string", "str_", "string_", "unicode", "unicode_", "text", "varchar", "nvarchar", "char", "nchar", "StringType", "utf8", "np.str_", "numpy.str_", "StringDtype");
        Add(Target.Datetime, "datetime64", "datetime64[ns]", "datetime64[us]", "datetime64[ms]", "datetime64[s]", "np.datetime64", "numpy.datetime64", "datetime2", "TimestampNTZType", "timestamp without time zone");
        Add(Target.DatetimeTz, "DatetimeTZDtype", "DatetimeTZDtypeType", "datetime64[ns, UTC]", "timestamptz", "timestamp with time zone", "DateTimeOffset");
        Add(Target.AnyTimestamp, "Timestamp", "datetime", "datetime.datetime", "pandas.Timestamp", "pd.Timestamp", "TimestampType");
        Add(Target.Date, "date", "datetime.date", "DateType");
        Add(Target.Bytes, "bytes", "bytes_", "binary", "bytea", "varbinary", "blob", "BinaryType", "byte_array", "fixed_len_byte_array", "np.bytes_", "numpy.bytes_");
        Add(Target.List, "list", "array", "ArrayType", "repeated");
        Add(Target.Struct, "dict", "struct", "StructType", "record");
        Add(Target.Map, "map", "MapType");
        return map;
    }

    /// <summary>Whether pandas would hold the column as <c>object</c> (Python objects): text, decimals, bytes, lists, structs and maps.</summary>
    public static bool IsObjectColumn(ColumnInfo column) => column.Kind is DataKind.String or DataKind.Decimal or DataKind.Binary or DataKind.List or DataKind.Struct or DataKind.Map;

    /// <summary>numpy's names for the object dtype.</summary>
    public static bool IsObjectName(string name) =>
        name is "object" or "object_" or "O" or "np.object_" or "numpy.object_" or "object0";

    /// <summary>The dtype name GX reports as observed value (numpy's <c>dtype.type.__name__</c>).</summary>
    public static string ObservedName(ColumnInfo column) => Classify(column) switch
    {
        Target.Int8 => "int8",
        Target.Int16 => "int16",
        Target.Int32 => "int32",
        Target.UInt8 => "uint8",
        Target.UInt16 => "uint16",
        Target.UInt32 => "uint32",
        Target.UInt64 => "uint64",
        Target.Float32 => "float32",
        Target.Float64 => "float64",
        Target.Bool => "bool_",
        Target.DatetimeTz => "Timestamp",
        Target.Datetime or Target.Date => "datetime64",
        Target.Text or Target.Decimal or Target.Bytes or Target.List or Target.Struct or Target.Map => "object_",
        _ => "int64",
    };

    /// <summary>Whether <paramref name="name"/> names the column's type (typed columns, and object columns for <c>object</c>).</summary>
    public static bool NamesColumnType(string name, ColumnInfo column)
    {
        if (IsObjectName(name))
        {
            return IsObjectColumn(column);
        }

        if (IsObjectColumn(column) || !TryTarget(name, out var target))
        {
            return false;
        }

        return Accepts(target, Classify(column));
    }

    /// <summary>For an object column: whether <paramref name="name"/> names the type of its values (<c>str</c>, <c>Decimal</c>).</summary>
    public static bool NamesElementType(string name, ColumnInfo column) =>
        TryTarget(name, out var target) && target == Classify(column);

    private static bool TryTarget(string name, out Target target)
    {
        var trimmed = name.Trim();
        if (Names.TryGetValue(trimmed, out target))
        {
            return true;
        }

        // Parameterised SQL and Parquet names: DECIMAL(10,2), VARCHAR(255), TIMESTAMP(MICROS).
        var paren = trimmed.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 && Names.TryGetValue(trimmed[..paren].Trim(), out target);
    }

    private static bool Accepts(Target named, Target actual) => named switch
    {
        Target.AnyInteger => actual is Target.Int8 or Target.Int16 or Target.Int32 or Target.Int64 or Target.UInt8 or Target.UInt16 or Target.UInt32 or Target.UInt64,
        Target.AnyFloat => actual is Target.Float32 or Target.Float64,
        Target.AnyTimestamp => actual is Target.Datetime or Target.DatetimeTz or Target.Date,
        _ => named == actual,
    };

    /// <summary>The column's exact type, from its kind and the source's physical type name.</summary>
    private static Target Classify(ColumnInfo column)
    {
        var p = column.PhysicalType.ToLowerInvariant();
        return column.Kind switch
        {
            DataKind.Boolean => Target.Bool,
            DataKind.String => Target.Text,
            DataKind.Decimal => Target.Decimal,
            DataKind.Binary => Target.Bytes,
            DataKind.List => Target.List,
            DataKind.Struct => Target.Struct,
            DataKind.Map => Target.Map,
            DataKind.Float => p is "float" or "single" or "float32" ? Target.Float32 : Target.Float64,
            DataKind.Timestamp => p.Contains("utc", StringComparison.Ordinal) || p.Contains("offset", StringComparison.Ordinal) || p.Contains("tz", StringComparison.Ordinal)
                ? Target.DatetimeTz
                : p == "date" ? Target.Date : Target.Datetime,
            _ => ClassifyInteger(p),
        };
    }

    private static Target ClassifyInteger(string p) => p switch
    {
        _ when p.Contains("(uint_8)", StringComparison.Ordinal) || p is "byte" or "uint8" => Target.UInt8,
        _ when p.Contains("(int_8)", StringComparison.Ordinal) || p is "sbyte" or "int8" => Target.Int8,
        _ when p.Contains("(uint_16)", StringComparison.Ordinal) || p is "ushort" or "uint16" => Target.UInt16,
        _ when p.Contains("(int_16)", StringComparison.Ordinal) || p is "short" or "int16" => Target.Int16,
        _ when p.Contains("(uint_32)", StringComparison.Ordinal) || p is "uint" or "uint32" => Target.UInt32,
        _ when p.Contains("(uint_64)", StringComparison.Ordinal) || p is "ulong" or "uint64" => Target.UInt64,
        "int" or "int32" => Target.Int32,
        _ => Target.Int64,
    };
}
