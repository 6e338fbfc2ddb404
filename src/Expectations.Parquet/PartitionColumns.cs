using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Expectations.Parquet;

/// <summary>The type of a partition column: inferred from Hive folder names, or taken from a Delta table's schema.</summary>
internal enum PartitionType
{
    Int64,
    Double,
    Date,
    Timestamp,
    String,
    Boolean,
    Decimal,
    Binary,
}

/// <summary>One partition value, typed: integers, dates and timestamps (as ticks) and booleans (0/1) in <see cref="Integer"/>.</summary>
internal readonly record struct PartitionValue(bool IsNull, long Integer, double Number, decimal Decimal, string? Text)
{
    public static PartitionValue Null => new(true, 0, 0, 0, null);
}

/// <summary>A column whose value is constant per file (a partition column), with its type.</summary>
internal sealed partial record PartitionColumn(string Name, PartitionType Type)
{
    /// <summary>The name <see cref="ColumnInfo.PhysicalType"/> shows, as DuckDB names the type.</summary>
    public string TypeName => Type switch
    {
        PartitionType.Int64 => "BIGINT",
        PartitionType.Double => "DOUBLE",
        PartitionType.Date => "DATE",
        PartitionType.Timestamp => "TIMESTAMP",
        PartitionType.Boolean => "BOOLEAN",
        PartitionType.Decimal => "DECIMAL",
        PartitionType.Binary => "BLOB",
        _ => "VARCHAR",
    };

    public DataKind Kind => Type switch
    {
        PartitionType.Int64 => DataKind.Integer,
        PartitionType.Double => DataKind.Float,
        PartitionType.Date or PartitionType.Timestamp => DataKind.Timestamp,
        PartitionType.Boolean => DataKind.Boolean,
        PartitionType.Decimal => DataKind.Decimal,
        PartitionType.Binary => DataKind.Binary,
        _ => DataKind.String,
    };

    public ColumnInfo Info => new(Name, Kind, TypeName + " (partition)");

    /// <summary>Parses <paramref name="raw"/> (already URL-decoded; null = the null partition) as this column's type.</summary>
    /// <returns>False when the text is not a value of the type.</returns>
    public bool TryParse(string? raw, out PartitionValue value)
    {
        value = PartitionValue.Null;
        if (raw is null)
        {
            return true;
        }

        switch (Type)
        {
            case PartitionType.Int64 when TryInteger(raw, out var l):
                value = new(false, l, l, l, raw);
                return true;
            case PartitionType.Double when double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                value = new(false, 0, d, 0, raw);
                return true;
            case PartitionType.Date when TryDate(raw, out var date):
                value = new(false, date.Ticks, 0, 0, raw);
                return true;
            case PartitionType.Timestamp when TryTimestamp(raw, out var ts):
                value = new(false, ts.Ticks, 0, 0, raw);
                return true;
            case PartitionType.Boolean when bool.TryParse(raw.Trim(), out var b):
                value = new(false, b ? 1 : 0, 0, 0, raw);
                return true;
            case PartitionType.Decimal when decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var m):
                value = new(false, 0, (double)m, m, raw);
                return true;
            case PartitionType.String or PartitionType.Binary:
                value = new(false, 0, 0, 0, raw);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Compares two non-null values of this column's type.</summary>
    public int Compare(PartitionValue a, PartitionValue b) => Type switch
    {
        PartitionType.Int64 or PartitionType.Date or PartitionType.Timestamp or PartitionType.Boolean => a.Integer.CompareTo(b.Integer),
        PartitionType.Double => a.Number.CompareTo(b.Number),
        PartitionType.Decimal => a.Decimal.CompareTo(b.Decimal),
        _ => string.CompareOrdinal(a.Text, b.Text),
    };

    /// <summary>What statistics prove about this constant column over <paramref name="rows"/> rows: exact null count; bounds of integers and timestamps.</summary>
    public ColumnStatistics Statistics(PartitionValue value, long rows) =>
        value.IsNull ? new ColumnStatistics(rows, null, null)
        : Type is PartitionType.Int64 or PartitionType.Date or PartitionType.Timestamp ? new ColumnStatistics(0, Scalar.From(value.Integer), Scalar.From(value.Integer))
        : new ColumnStatistics(0, null, null);

    /// <summary>
    /// The Hive type of a partition key from all its values as written in the folder names (before URL-decoding), as
    /// DuckDB 1.5's <c>hive_partitioning</c> infers it: DATE when every non-null value is a date (<c>yyyy-m-d</c>),
    /// TIMESTAMP when every one is a date with a time of day, BIGINT when every one is a whole number, else VARCHAR.
    /// DuckDB infers no DOUBLE (<c>x=1.5</c> stays VARCHAR), and neither does this, so that both read a folder alike.
    /// </summary>
    public static PartitionType Infer(IEnumerable<string?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!).ToList();
        if (present.Count == 0)
        {
            return PartitionType.String;
        }

        if (present.All(v => TryDate(v, out _)))
        {
            return PartitionType.Date;
        }

        if (present.All(v => TryTimestamp(v, out _)))
        {
            return PartitionType.Timestamp;
        }

        return present.All(v => TryInteger(v, out _)) ? PartitionType.Int64 : PartitionType.String;
    }

    internal static bool TryInteger(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    internal static bool TryDate(string text, out DateTime value)
    {
        var match = DateText().Match(text.Trim());
        value = default;
        return match.Success
            && int.TryParse(match.Groups["y"].ValueSpan, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(match.Groups["m"].ValueSpan, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(match.Groups["d"].ValueSpan, CultureInfo.InvariantCulture, out var d)
            && y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            && Assign(new DateTime(y, m, d, 0, 0, 0, DateTimeKind.Utc), out value);
    }

    internal static bool TryTimestamp(string text, out DateTime value)
    {
        var t = text.Trim();
        value = default;
        var match = TimestampText().Match(t);
        if (!match.Success || !TryDate(match.Groups["date"].Value, out var date))
        {
            return false;
        }

        var h = int.Parse(match.Groups["h"].ValueSpan, CultureInfo.InvariantCulture);
        var mi = int.Parse(match.Groups["mi"].ValueSpan, CultureInfo.InvariantCulture);
        var s = match.Groups["s"].Success ? int.Parse(match.Groups["s"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        if (h > 23 || mi > 59 || s > 59)
        {
            return false;
        }

        var ticks = date.Ticks + (h * TimeSpan.TicksPerHour) + (mi * TimeSpan.TicksPerMinute) + (s * TimeSpan.TicksPerSecond);
        if (match.Groups["f"].Success)
        {
            var digits = match.Groups["f"].Value.PadRight(7, '0')[..7];
            ticks += long.Parse(digits, CultureInfo.InvariantCulture);
        }

        if (match.Groups["oh"].Success)
        {
            var offset = (int.Parse(match.Groups["oh"].ValueSpan, CultureInfo.InvariantCulture) * TimeSpan.TicksPerHour)
                + (match.Groups["om"].Success ? int.Parse(match.Groups["om"].ValueSpan, CultureInfo.InvariantCulture) * TimeSpan.TicksPerMinute : 0);
            ticks -= match.Groups["sign"].Value == "-" ? -offset : offset;
        }

        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static bool Assign(DateTime date, out DateTime value)
    {
        value = date;
        return true;
    }

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateText();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{1,2}-\d{1,2})[ T](?<h>\d{1,2}):(?<mi>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?(Z|(?<sign>[+-])(?<oh>\d{2})(:?(?<om>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampText();
}

/// <summary>Builds the batch of a constant (partition) or all-null column for one row group, reusing its buffers.</summary>
internal sealed class ConstantBatches(PartitionColumn column)
{
    private long[] _longs = [];
    private double[] _doubles = [];
    private decimal[] _decimals = [];
    private bool[] _bools = [];
    private byte[] _bytes = [];
    private int[] _offsets = [];
    private byte[] _nullValidity = [];
    private PartitionValue _filled = PartitionValue.Null;
    private int _filledRows = -1;

    public PartitionColumn Column { get; } = column;

    public ColumnBatch Fill(PartitionValue value, int rows)
    {
        var name = Column.Name;
        var kind = Column.Kind;
        var same = _filledRows >= rows && _filled == value;
        ReadOnlyMemory<byte> validity = ReadOnlyMemory<byte>.Empty;
        var nulls = 0;
        if (value.IsNull)
        {
            if (_nullValidity.Length < (rows + 7) / 8)
            {
                _nullValidity = new byte[Math.Max(1, (rows + 7) / 8)];
            }

            validity = _nullValidity;
            nulls = rows;
        }

        switch (Column.Type)
        {
            case PartitionType.Int64 or PartitionType.Date or PartitionType.Timestamp:
                FillArray(ref _longs, value.IsNull ? 0 : value.Integer, rows, same);
                Remember(value, rows, same);
                return new PrimitiveBatch<long>(name, kind, _longs.AsMemory(0, rows), validity, nulls);
            case PartitionType.Double:
                FillArray(ref _doubles, value.IsNull ? 0 : value.Number, rows, same);
                break;
            case PartitionType.Decimal:
                FillArray(ref _decimals, value.IsNull ? 0 : value.Decimal, rows, same);
                break;
            case PartitionType.Boolean:
                FillArray(ref _bools, !value.IsNull && value.Integer != 0, rows, same);
                break;
            default:
                return Text(value, rows, validity, nulls, same);
        }

        Remember(value, rows, same);
        return Column.Type switch
        {
            PartitionType.Double => new PrimitiveBatch<double>(name, kind, _doubles.AsMemory(0, rows), validity, nulls),
            PartitionType.Decimal => new PrimitiveBatch<decimal>(name, kind, _decimals.AsMemory(0, rows), validity, nulls),
            _ => new PrimitiveBatch<bool>(name, kind, _bools.AsMemory(0, rows), validity, nulls),
        };
    }

    private ColumnBatch Text(PartitionValue value, int rows, ReadOnlyMemory<byte> validity, int nulls, bool same)
    {
        var bytes = value.IsNull ? [] : Encoding.UTF8.GetBytes(value.Text!);
        var total = (long)bytes.Length * rows;
        if (total > Array.MaxLength)
        {
            throw new DataSourceException($"Partition column '{Column.Name}': {rows} rows of a {bytes.Length}-byte value exceed 2 GB in one row group.");
        }

        if (!same)
        {
            if (_bytes.Length < total)
            {
                _bytes = new byte[total];
            }

            if (_offsets.Length < rows + 1)
            {
                _offsets = new int[rows + 1];
            }

            for (var i = 0; i < rows; i++)
            {
                bytes.CopyTo(_bytes, i * bytes.Length);
                _offsets[i] = i * bytes.Length;
            }

            _offsets[rows] = rows * bytes.Length;
            _filled = value;
            _filledRows = rows;
        }
        else if (_offsets[rows] != rows * bytes.Length)
        {
            _offsets[rows] = rows * bytes.Length;
        }

        var data = _bytes.AsMemory(0, (int)total);
        var offsets = _offsets.AsMemory(0, rows + 1);
        return Column.Type == PartitionType.Binary
            ? new BinaryBatch(Column.Name, data, offsets, validity, nulls)
            : new StringBatch(Column.Name, data, offsets, validity, nulls);
    }

    private void Remember(PartitionValue value, int rows, bool same)
    {
        _filled = value;
        _filledRows = same ? _filledRows : rows;
    }

    private static void FillArray<T>(ref T[] array, T value, int rows, bool same)
    {
        if (array.Length < rows)
        {
            array = new T[Math.Max(rows, 1)];
            same = false;
        }

        if (!same)
        {
            array.AsSpan(0, rows).Fill(value);
        }
    }
}
