using System.Text.Json;
using Expectations.Model;

namespace Expectations.Engine.Aggregate;

/// <summary>What an observed statistic is: it decides how it compares with bounds and how it is written.</summary>
internal enum ObservedKind
{
    /// <summary>No value: the column holds none (empty or all null).</summary>
    None,
    /// <summary>A floating-point number.</summary>
    Number,
    /// <summary>An exact integer.</summary>
    Integer,
    /// <summary>A boolean (min/max of a boolean column).</summary>
    Boolean,
    /// <summary>A timestamp in ticks, written as ISO-8601.</summary>
    Timestamp,
    /// <summary>A string.</summary>
    Text,
}

/// <summary>An observed statistic (min, mean, distinct count …), typed so that integers stay exact.</summary>
internal readonly record struct Observed(ObservedKind Kind, double Number = 0, Int128 Integer = default, string? Text = null)
{
    public static Observed None => default;

    public static Observed Of(double value) => new(ObservedKind.Number, Number: value);

    public static Observed Of(double? value) => value is { } v ? Of(v) : None;

    /// <summary>An exact value of a column of <paramref name="kind"/>: booleans and timestamps keep their kind.</summary>
    public static Observed OfInteger(Int128 value, DataKind kind = DataKind.Integer) => kind switch
    {
        DataKind.Boolean => new(ObservedKind.Boolean, Number: (double)value, Integer: value),
        DataKind.Timestamp => new(ObservedKind.Timestamp, Number: (double)value, Integer: value),
        _ => new(ObservedKind.Integer, Number: (double)value, Integer: value),
    };

    public static Observed OfText(string? value) => value is null ? None : new(ObservedKind.Text, Text: value);

    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case ObservedKind.None: writer.WriteNullValue(); break;
            case ObservedKind.Number: ScalarFormatting.WriteDouble(writer, Number); break;
            case ObservedKind.Text: writer.WriteStringValue(Text); break;
            case ObservedKind.Boolean: ScalarFormatting.WriteInteger(writer, DataKind.Boolean, Integer); break;
            case ObservedKind.Timestamp: ScalarFormatting.WriteInteger(writer, DataKind.Timestamp, Integer); break;
            default: ScalarFormatting.WriteInteger(writer, DataKind.Integer, Integer); break;
        }
    }

    /// <summary>
    /// Compares with a bound: −1, 0, 1, or null when unordered (NaN). Throws <see cref="ExpectationException"/>
    /// when the bound cannot be compared with this kind of value.
    /// </summary>
    public int? CompareTo(Scalar bound, string argument, string column)
    {
        switch (Kind)
        {
            case ObservedKind.Text:
                return bound.Kind == ScalarKind.String
                    ? Math.Sign(string.CompareOrdinal(Text, bound.AsString()))
                    : throw new ExpectationException($"{argument} {bound} cannot be compared with the strings of column '{column}'; give a string.");
            case ObservedKind.Timestamp:
                return bound.TryGetTimestamp(out var t)
                    ? Math.Sign(((long)Integer).CompareTo(t.Ticks))
                    : throw new ExpectationException($"{argument} {bound} cannot be compared with the timestamps of column '{column}': invalid datetime format; give an ISO-8601 date or time.");
            case ObservedKind.Boolean when bound.Kind == ScalarKind.Boolean:
                return Math.Sign(Integer.CompareTo(bound.AsBoolean() ? Int128.One : Int128.Zero));
            default:
                if (!bound.IsNumeric)
                {
                    // GX parses a string bound of a numeric statistic as a date and fails with this wording.
                    throw new ExpectationException($"{argument} {bound} cannot be compared with the numeric statistic of column '{column}': it is not a number (invalid datetime format).");
                }

                if (Kind is ObservedKind.Integer or ObservedKind.Boolean)
                {
                    // Exact: an integer statistic never goes through double, whatever the bound (10.5, 1e19, 2^64 − 1).
                    return bound.Kind == ScalarKind.Integer ? Math.Sign(Integer.CompareTo(bound.AsInt128())) : ExactNumbers.Compare(Integer, bound.AsDouble());
                }

                var x = Number;
                var b = bound.AsDouble();
                return double.IsNaN(x) || double.IsNaN(b) ? null : Math.Sign(x.CompareTo(b));
        }
    }

    public override string ToString()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            WriteTo(w);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>An observed statistic plus the row counts GX reports with it under COMPLETE.</summary>
internal readonly record struct Observation(Observed Value, long ElementCount, long MissingCount);

/// <summary>
/// GX's column-aggregate family for "statistic between bounds": success when the observed statistic lies
/// within <c>[min_value, max_value]</c> (each bound optional, strict when asked). No bounds at all is
/// vacuously true; a column without values (empty or all null) has no statistic (observed_value null) and
/// fails any bound. Under COMPLETE the result also carries element_count, missing_count and missing_percent.
/// </summary>
internal abstract class AggregateBetweenEvaluator<T>(T expectation) : Evaluator<T>(expectation) where T : ColumnAggregateBetween
{
    /// <summary>Requests the metrics for <paramref name="column"/>; throws <see cref="ExpectationException"/> for a kind the statistic does not apply to.</summary>
    protected abstract void BindColumn(Binding binding, ColumnInfo column);

    /// <summary>The statistic from the finished metrics.</summary>
    protected abstract Observation Observe(MetricResults metrics);

    /// <inheritdoc />
    public override void Bind(Binding binding) => BindColumn(binding, binding.Column(Spec.Column));

    /// <inheritdoc />
    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format) => BuildResult(Spec, Observe(metrics), format);

    /// <summary>The result of <paramref name="spec"/> for the observed statistic: the one place both the in-memory engine and <see cref="ExpectationResults.AggregateBetween"/> build it.</summary>
    internal static ExpectationResult BuildResult(T spec, Observation o, ResultFormat format)
    {
        var success = Within(spec, o.Value);
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return new ExpectationResult { Success = success, Expectation = spec, Result = ResultDetails.Empty };
        }

        var details = new ResultDetails { ObservedValue = JsonElements.Build(o.Value.WriteTo) };
        if (format.Level == ResultFormatLevel.Complete)
        {
            details = details with
            {
                ElementCount = o.ElementCount,
                MissingCount = o.MissingCount,
                MissingPercent = o.ElementCount > 0 ? 100.0 * o.MissingCount / o.ElementCount : null,
            };
        }

        return new ExpectationResult { Success = success, Expectation = spec, Result = details };
    }

    /// <summary>Throws <see cref="ExpectationException"/> naming the column when it is not numeric (booleans count, as in pandas).</summary>
    protected void RequireNumeric(ColumnInfo column, string statistic)
    {
        if (column.Kind is not (DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean))
        {
            throw new ExpectationException($"{Spec.Type}: the {statistic} needs a numeric column, but column '{column.Name}' is {column.PhysicalType} ({column.Kind.ToString().ToLowerInvariant()}).");
        }
    }

    private static bool Within(T spec, Observed value)
    {
        var lo = spec.Bounds.MinValue is { IsNull: false } a ? a : (Scalar?)null;
        var hi = spec.Bounds.MaxValue is { IsNull: false } b ? b : (Scalar?)null;
        if (lo is null && hi is null)
        {
            return true;
        }

        if (value.Kind == ObservedKind.None)
        {
            return false;
        }

        var aboveMin = lo is not { } l || value.CompareTo(l, "min_value", spec.Column) is { } c1 && (spec.Bounds.StrictMin ? c1 > 0 : c1 >= 0);
        var belowMax = hi is not { } h || value.CompareTo(h, "max_value", spec.Column) is { } c2 && (spec.Bounds.StrictMax ? c2 < 0 : c2 <= 0);
        return aboveMin && belowMax;
    }
}
