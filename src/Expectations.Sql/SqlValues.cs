using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Expectations.Sql;

/// <summary>Values read from a driver, converted to what the core's result builders take.</summary>
internal static class SqlValues
{
    public static long ToLong(object? value) => value switch
    {
        null or DBNull => 0,
        long l => l,
        int i => i,
        decimal d => (long)d,
        BigInteger b => (long)b,
        Int128 h => (long)h,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    public static Int128 ToInt128(object value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        sbyte s => s,
        byte b => b,
        ushort u => u,
        uint u => u,
        ulong u => u,
        bool b => b ? 1 : 0,
        Int128 h => h,
        UInt128 u => (Int128)u,
        BigInteger b => (Int128)b,
        decimal d => (Int128)d,
        double d => (Int128)d,
        _ => Int128.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
    };

    public static double ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        BigInteger b => (double)b,
        Int128 h => (double)h,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    public static DateTime ToDateTime(object value) => value switch
    {
        DateTime d => d,
        DateTimeOffset o => o.UtcDateTime,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.None),
        _ => throw new FormatException($"{value} ({value.GetType().Name}) is not a timestamp."),
    };

    public static bool ToBoolean(object value) => value switch
    {
        bool b => b,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
    };

    /// <summary>
    /// A statistic read from the engine for a column of <paramref name="kind"/> as the core takes it: integers exact,
    /// timestamps as ticks, null when the engine returned none.
    /// </summary>
    public static Scalar ToStatistic(object? value, DataKind kind, bool integerResult)
    {
        if (value is null or DBNull)
        {
            return Scalar.Null;
        }

        if (value is double or float && !integerResult)
        {
            return Scalar.From(ToDouble(value));
        }

        return kind switch
        {
            DataKind.Timestamp => Scalar.From(ToDateTime(value).Ticks),
            DataKind.Boolean => Scalar.From(ToBoolean(value)),
            DataKind.String => Scalar.From(Convert.ToString(value, CultureInfo.InvariantCulture)),
            _ when integerResult => Scalar.From(ToInt128(value)),
            _ => Scalar.From(ToDouble(value)),
        };
    }

    /// <summary>
    /// The values of a column of <paramref name="column"/>'s kind as reports write them: built into a one-column
    /// <see cref="InMemoryTable"/> and written by its batch, so they are formatted exactly as the in-memory engine formats them.
    /// </summary>
    public static async ValueTask<JsonElement[]> ToJsonAsync(ColumnInfo column, IReadOnlyList<object?> values)
    {
        var builder = InMemoryTable.Builder("samples");
        const string name = "v";
        static bool IsNull(object? v) => v is null or DBNull;
        switch (column.Kind)
        {
            case DataKind.Integer:
                builder.Add(name, values.Select(v => IsNull(v) ? (long?)null : (long)ToInt128(v!)).ToArray());
                break;
            case DataKind.Float:
                builder.Add(name, values.Select(v => IsNull(v) ? (double?)null : ToDouble(v!)).ToArray());
                break;
            case DataKind.Decimal:
                builder.Add(name, values.Select(v => IsNull(v) ? (decimal?)null : Convert.ToDecimal(v, CultureInfo.InvariantCulture)).ToArray());
                break;
            case DataKind.Boolean:
                builder.Add(name, values.Select(v => IsNull(v) ? (bool?)null : ToBoolean(v!)).ToArray());
                break;
            case DataKind.Timestamp:
                builder.Add(name, values.Select(v => IsNull(v) ? (DateTime?)null : ToDateTime(v!)).ToArray());
                break;
            case DataKind.String:
                builder.Add(name, values.Select(v => IsNull(v) ? null : Convert.ToString(v, CultureInfo.InvariantCulture)).ToArray());
                break;
            default:
                throw new NotSupportedException($"column '{column.Name}' is {column.PhysicalType} ({column.Kind}); the SQL backend reads flat columns only.");
        }

        var result = new List<JsonElement>(values.Count);
        await foreach (var chunk in builder.Build().ReadAsync([name]).ConfigureAwait(false))
        {
            var batch = chunk[name];
            for (var i = 0; i < batch.Length; i++)
            {
                result.Add(batch.GetJsonValue(i));
            }
        }

        return [.. result];
    }

    /// <summary>Reads every row of <paramref name="reader"/> as objects.</summary>
    public static async ValueTask<List<object?[]>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
