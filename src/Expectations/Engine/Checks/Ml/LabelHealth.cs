using Expectations.Model;
using System.Globalization;
using Expectations.Engine.Aggregate;

namespace Expectations.Engine.Checks;

/// <summary>
/// <c>expect_column_value_proportions_to_be_between</c>: the column's distinct values and their counts (the distinct-values
/// metric the distinct-set expectations use, so a suite computes them once), each count's share of the non-null values
/// judged against the common and the per-value bounds.
/// </summary>
internal sealed class ValueProportionsEvaluator(ColumnValueProportionsToBeBetween e) : Evaluator<ColumnValueProportionsToBeBetween>(e)
{
    private DistinctValuesMetric? _distinct;
    private ColumnInfo? _column;

    public override void Bind(Binding binding)
    {
        _column = binding.Column(Spec.Column);
        _distinct = binding.Require(new DistinctValuesMetric(_column.Name));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var d = metrics.Get(_distinct!);
        var values = d.ValueCount;
        var share = new double[d.Count];
        for (var i = 0; i < d.Count; i++)
        {
            share[i] = values == 0 ? 0 : (double)d.CountAt(i) / values;
        }

        // (index in the distinct values or -1 for a named value that does not occur, its name, share, min, max)
        var violations = new List<(int Index, string? Name, double Share, double? Min, double? Max)>();
        for (var i = 0; i < d.Count; i++)
        {
            if (!Agreement.InBounds(Spec.Bounds, share[i]))
            {
                violations.Add((i, null, share[i], Spec.Bounds.MinValue is { IsNull: false } lo ? lo.AsDouble() : null, Spec.Bounds.MaxValue is { IsNull: false } hi ? hi.AsDouble() : null));
            }
        }

        foreach (var (name, min, max) in Spec.PerValue())
        {
            var index = d.IndexOf(Member(name));
            var s = index >= 0 ? share[index] : 0;
            if ((min is { } a && s < a) || (max is { } b && s > b))
            {
                violations.Add((index, name, s, min, max));
            }
        }

        var success = values > 0 && violations.Count == 0;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        return Result(success, new ResultDetails
        {
            // Every value with its share, in the distinct values' order (sorted), as GX lists value counts.
            ObservedValue = JsonElements.Build(w =>
            {
                w.WriteStartArray();
                for (var i = 0; i < d.Count; i++)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("value");
                    d.WriteValue(w, i);
                    w.WritePropertyName("proportion");
                    ScalarFormatting.WriteDouble(w, share[i]);
                    w.WriteNumber("count", d.CountAt(i));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }),
            ElementCount = d.ElementCount,
            MissingCount = d.ElementCount - values,
            Details = JsonElements.Build(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("out_of_bounds");
                foreach (var v in violations)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("value");
                    if (v.Index >= 0)
                    {
                        d.WriteValue(w, v.Index);
                    }
                    else
                    {
                        w.WriteStringValue(v.Name);
                    }

                    w.WritePropertyName("proportion");
                    ScalarFormatting.WriteDouble(w, v.Share);
                    WriteEnd(w, "min", v.Min);
                    WriteEnd(w, "max", v.Max);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }),
        });
    }

    private static void WriteEnd(System.Text.Json.Utf8JsonWriter w, string name, double? value)
    {
        w.WritePropertyName(name);
        if (value is { } x)
        {
            ScalarFormatting.WriteDouble(w, x);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    /// <summary>A <c>value_bounds</c> key (JSON object keys are text) as a member of this column's kind.</summary>
    private Scalar Member(string name) => _column!.Kind switch
    {
        DataKind.Integer when long.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => Scalar.From(l),
        DataKind.Float or DataKind.Decimal when double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) => Scalar.From(x),
        DataKind.Boolean when bool.TryParse(name, out var b) => Scalar.From(b),
        _ => Scalar.From(name),
    };
}
