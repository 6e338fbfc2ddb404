using System.Runtime.InteropServices;
using System.Text.Json;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>
/// The ratings of some raters: the distinct categories seen (as JSON values), and each distinct rating profile with how
/// many rows have it. A profile is the raters' category numbers (−1 for none) in column order when
/// <see cref="RatingsMetric.Ordered"/>, else sorted (a multiset: which categories an item got, and how often).
/// </summary>
internal sealed record Ratings(IReadOnlyList<JsonElement> Categories, int Raters, IReadOnlyList<(int[] Cells, long Rows)> Profiles, long Rows);

/// <summary>
/// Counts the rows of each rating profile of <paramref name="RaterColumns"/> (all of kind <paramref name="Kind"/>): the
/// sufficient statistic of the agreement checks. Cohen's κ needs who rated what (<paramref name="Ordered"/>: the
/// confusion counts); Fleiss' κ and Krippendorff's α only each item's category counts, so their profiles are sorted and
/// rows with the same counts share one. Profiles are kept in the order they were first seen, so a merge of the states
/// of consecutive parts equals the state of the whole.
/// </summary>
internal sealed record RatingsMetric(ValueList<string> RaterColumns, DataKind Kind, bool Ordered) : MetricKey<Ratings>
{
    public override IReadOnlyList<string> Columns => RaterColumns;

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(RatingsMetric key) : MetricAccumulator
    {
        private readonly RowKeys[] _keys = [.. key.RaterColumns.Select(c => new RowKeys([c], [key.Kind], MultiColumnIgnoreRowIf.AnyValueIsMissing))];
        private readonly ByteKeySet _categories = new();
        private readonly ByteKeySet _profiles = new();
        private readonly List<long> _counts = [];
        private readonly int[] _cells = new int[key.RaterColumns.Count];
        private long _rows;

        public override void Add(DataChunk chunk)
        {
            var batches = _keys.Select(k => k.Batches(chunk)).ToArray();
            _rows += chunk.RowCount;
            for (var r = 0; r < chunk.RowCount; r++)
            {
                for (var c = 0; c < _keys.Length; c++)
                {
                    _cells[c] = _keys[c].IsSkipped(batches[c], r) ? -1 : _categories.AddEntry(_keys[c].Key(batches[c], r), 0);
                }

                Count(_cells, 1);
            }
        }

        /// <summary>Adds <paramref name="rows"/> rows of profile <paramref name="cells"/> (sorted here when unordered).</summary>
        private void Count(int[] cells, long rows)
        {
            if (!key.Ordered)
            {
                Array.Sort(cells);
            }

            var entry = _profiles.AddEntry(MemoryMarshal.AsBytes(cells.AsSpan()), 0);
            if (entry == _counts.Count)
            {
                _counts.Add(rows);
            }
            else
            {
                _counts[entry] += rows;
            }
        }

        private void Cells(int entry, Span<int> cells) => MemoryMarshal.Cast<byte, int>(_profiles.KeyOf(entry)).CopyTo(cells);

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            var map = new int[o._categories.Count];
            for (var e = 0; e < map.Length; e++)
            {
                map[e] = _categories.AddEntry(o._categories.KeyOf(e), 0);
            }

            _rows += o._rows;
            var cells = new int[_keys.Length];
            for (var p = 0; p < o._profiles.Count; p++)
            {
                o.Cells(p, cells);
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = cells[c] < 0 ? -1 : map[cells[c]];
                }

                Count(cells, o._counts[p]);
            }
        }

        public override object Finish()
        {
            var profiles = new List<(int[], long)>(_profiles.Count);
            for (var p = 0; p < _profiles.Count; p++)
            {
                var cells = new int[_keys.Length];
                Cells(p, cells);
                profiles.Add((cells, _counts[p]));
            }

            return new Ratings([.. Enumerable.Range(0, _categories.Count).Select(e => _keys[0].ToJson(_categories.KeyOf(e)))], _keys.Length, profiles, _rows);
        }

        /// <summary>Rows; the categories' key bytes in first-seen order; then per profile (in first-seen order) its category numbers and rows.</summary>
        public override void Save(StateWriter writer)
        {
            writer.Long(_rows);
            writer.Int(_categories.Count);
            for (var e = 0; e < _categories.Count; e++)
            {
                writer.Bytes(_categories.KeyOf(e));
            }

            writer.Int(_profiles.Count);
            var cells = new int[_keys.Length];
            for (var p = 0; p < _profiles.Count; p++)
            {
                Cells(p, cells);
                foreach (var cell in cells)
                {
                    writer.Int(cell);
                }

                writer.Long(_counts[p]);
            }
        }

        public override void Load(StateReader reader)
        {
            _rows = reader.Long();
            var categories = reader.Count(5);
            for (var e = 0; e < categories; e++)
            {
                if (_categories.AddEntry(reader.Bytes(), 0) != e)
                {
                    throw new KernelException($"Saved state: rating category {e} is listed twice.");
                }
            }

            var profiles = reader.Count((4 * _keys.Length) + 8);
            var cells = new int[_keys.Length];
            long rows = 0;
            for (var p = 0; p < profiles; p++)
            {
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = reader.Int();
                    if (cells[c] < -1 || cells[c] >= categories || (!key.Ordered && c > 0 && cells[c] < cells[c - 1]))
                    {
                        throw new KernelException($"Saved state: rating profile {p} holds category {cells[c]} at {c}, which cannot be right ({categories} categories{(key.Ordered ? "" : ", sorted")}).");
                    }
                }

                var count = reader.Long();
                rows += count;
                if (count <= 0 || rows > _rows || _profiles.AddEntry(MemoryMarshal.AsBytes(cells.AsSpan()), 0) != p)
                {
                    throw new KernelException($"Saved state: rating profile {p} ({count} rows) is listed twice or counts more rows than the {_rows} of the state.");
                }

                _counts.Add(count);
            }

            if (rows != _rows)
            {
                throw new KernelException($"Saved state: the rating profiles count {rows} rows, but the state has {_rows}.");
            }
        }
    }
}

/// <summary>The categories of a rating in order: position of each seen category, and a number for each position when the ratings are numbers.</summary>
internal sealed record CategoryOrder(IReadOnlyList<JsonElement> Labels, int[] PositionOfSeen, double[]? Values);

/// <summary>The textbook agreement statistics, over category positions.</summary>
internal static class Agreement
{
    /// <summary>
    /// Orders the categories: by <paramref name="listed"/> when given (every seen category must be listed; unseen ones
    /// still count), else numbers by value, booleans false first, text and timestamps by ordinal text.
    /// </summary>
    public static CategoryOrder Order(string type, IReadOnlyList<JsonElement> seen, ValueList<Scalar>? listed)
    {
        if (listed is { } list)
        {
            var positions = new int[seen.Count];
            for (var i = 0; i < seen.Count; i++)
            {
                var value = Scalar.FromJson(seen[i]);
                positions[i] = list.Items.IndexOf(value);
                if (positions[i] < 0)
                {
                    throw new ExpectationException($"{type}: the rating {seen[i].GetRawText()} is not one of the categories listed ({string.Join(", ", list)}).");
                }
            }

            var values = list.All(s => s.IsNumeric) ? list.Select(s => s.AsDouble()).ToArray() : null;
            return new CategoryOrder([.. list.Select(s => JsonElements.Build(w => w.WriteStringValue(s.ToString())))], positions, values);
        }

        var numeric = seen.All(v => v.ValueKind is JsonValueKind.Number);
        var booleans = seen.All(v => v.ValueKind is JsonValueKind.True or JsonValueKind.False);
        var order = Enumerable.Range(0, seen.Count).ToArray();
        if (numeric)
        {
            Array.Sort(order, (a, b) => seen[a].GetDouble().CompareTo(seen[b].GetDouble()));
        }
        else if (booleans)
        {
            Array.Sort(order, (a, b) => seen[a].GetBoolean().CompareTo(seen[b].GetBoolean()));
        }
        else
        {
            Array.Sort(order, (a, b) => string.CompareOrdinal(seen[a].ToString(), seen[b].ToString()));
        }

        var position = new int[seen.Count];
        for (var p = 0; p < order.Length; p++)
        {
            position[order[p]] = p;
        }

        return new CategoryOrder([.. order.Select(i => seen[i])], position, numeric ? [.. order.Select(i => seen[i].GetDouble())] : null);
    }

    /// <summary>Cohen's κ from a k×k confusion matrix; null when chance disagreement is 0 (κ undefined).</summary>
    public static (double? Kappa, double Observed, double Chance) Cohen(long[,] matrix, KappaWeights? weights)
    {
        var k = matrix.GetLength(0);
        var rows = new double[k];
        var cols = new double[k];
        double n = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                rows[i] += matrix[i, j];
                cols[j] += matrix[i, j];
                n += matrix[i, j];
            }
        }

        double agree = 0, chanceAgree = 0, weightedObserved = 0, weightedExpected = 0;
        for (var i = 0; i < k; i++)
        {
            agree += matrix[i, i];
            chanceAgree += rows[i] * cols[i];
            for (var j = 0; j < k; j++)
            {
                var w = weights switch
                {
                    KappaWeights.Linear => Math.Abs(i - j),
                    KappaWeights.Quadratic => (double)(i - j) * (i - j),
                    _ => i == j ? 0 : 1,
                };
                weightedObserved += w * matrix[i, j];
                weightedExpected += w * rows[i] * cols[j] / n;
            }
        }

        var kappa = n == 0 || weightedExpected == 0 ? (double?)null : 1 - weightedObserved / weightedExpected;
        return (kappa, n == 0 ? 0 : agree / n, n == 0 ? 0 : chanceAgree / (n * n));
    }

    /// <summary>
    /// Fleiss' κ from per-item category counts, each with how many items have exactly those counts (items with fewer than
    /// two ratings already left out); null when undefined.
    /// </summary>
    public static (double? Kappa, double MeanAgreement, double Chance) Fleiss(IReadOnlyList<(int[] Counts, long Items)> items, int k)
    {
        var totals = new double[k];
        double ratings = 0, sumP = 0, n = 0;
        foreach (var (counts, weight) in items)
        {
            double ni = 0, squares = 0;
            for (var j = 0; j < k; j++)
            {
                ni += counts[j];
                squares += (double)counts[j] * counts[j];
                totals[j] += (double)weight * counts[j];
            }

            n += weight;
            ratings += weight * ni;
            sumP += weight * ((squares - ni) / (ni * (ni - 1)));
        }

        if (n == 0)
        {
            return (null, 0, 0);
        }

        var mean = sumP / n;
        var chance = totals.Sum(t => t / ratings * (t / ratings));
        return (chance >= 1 ? null : (mean - chance) / (1 - chance), mean, chance);
    }

    /// <summary>
    /// Krippendorff's α from per-unit category counts, each with how many units have exactly those counts (units with
    /// fewer than two ratings already left out); null when undefined.
    /// </summary>
    public static (double? Alpha, double Observed, double Expected) Krippendorff(IReadOnlyList<(int[] Counts, long Units)> units, int k, MeasurementLevel level, double[]? values)
    {
        var o = new double[k, k];
        foreach (var (counts, weight) in units)
        {
            double m = counts.Sum();
            for (var c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    continue;
                }

                for (var d = 0; d < k; d++)
                {
                    var pairs = (double)counts[c] * (counts[d] - (c == d ? 1 : 0));
                    if (pairs != 0)
                    {
                        o[c, d] += weight * (pairs / (m - 1));
                    }
                }
            }
        }

        var nc = new double[k];
        double n = 0;
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                nc[c] += o[c, d];
            }

            n += nc[c];
        }

        double observed = 0, expected = 0;
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                var delta = Delta(c, d, level, values, nc);
                observed += o[c, d] * delta;
                expected += nc[c] * nc[d] * delta;
            }
        }

        if (n <= 1 || expected == 0)
        {
            return (null, 0, 0);
        }

        var dObserved = observed / n;
        var dExpected = expected / (n * (n - 1));
        return (1 - dObserved / dExpected, dObserved, dExpected);
    }

    /// <summary>Krippendorff's squared difference of categories c and d (positions in order) at <paramref name="level"/>.</summary>
    private static double Delta(int c, int d, MeasurementLevel level, double[]? values, double[] nc)
    {
        if (c == d)
        {
            return 0;
        }

        switch (level)
        {
            case MeasurementLevel.Interval:
                return (values![c] - values[d]) * (values[c] - values[d]);
            case MeasurementLevel.Ratio:
                var sum = values![c] + values[d];
                return sum == 0 ? 0 : (values[c] - values[d]) / sum * ((values[c] - values[d]) / sum);
            case MeasurementLevel.Ordinal:
                var (lo, hi) = c < d ? (c, d) : (d, c);
                var between = 0.0;
                for (var g = lo; g <= hi; g++)
                {
                    between += nc[g];
                }

                between -= (nc[lo] + nc[hi]) / 2;
                return between * between;
            default:
                return 1;
        }
    }

    /// <summary>The seed's rule of thumb for κ: &gt; 0.8 good, 0.6–0.8 acceptable, below that an ambiguous task or poor instructions.</summary>
    public static string Band(double kappa) => kappa > 0.8 ? "good" : kappa >= 0.6 ? "acceptable" : "poor: ambiguous task or poor instructions";

    public static bool InBounds(Bounds bounds, double value) =>
        (bounds.MinValue is not { IsNull: false } lo || (bounds.StrictMin ? value > lo.AsDouble() : value >= lo.AsDouble()))
        && (bounds.MaxValue is not { IsNull: false } hi || (bounds.StrictMax ? value < hi.AsDouble() : value <= hi.AsDouble()));
}

/// <summary>The evaluator shared by the agreement checks: binds the rater columns (one kind), and builds the result around the statistic.</summary>
internal abstract class AgreementEvaluator<T>(T e) : Evaluator<T>(e) where T : AgreementExpectation
{
    private RatingsMetric? _metric;

    protected abstract IReadOnlyList<string> Raters { get; }

    /// <summary>Whether the statistic needs who rated what (Cohen's κ), not only each item's category counts.</summary>
    protected virtual bool ByRater => false;

    public override void Bind(Binding binding)
    {
        var columns = Raters.Select(binding.Column).ToList();
        var kinds = columns.Select(c => c.Kind).Distinct().ToList();
        if (kinds.Count > 1)
        {
            throw new ExpectationException($"{Spec.Type}: the rater columns are of mixed types ({string.Join(", ", columns.Select(c => $"'{c.Name}' {c.Kind}"))}); "
                + "ratings of different types never agree, so give every rater's column the same type.");
        }

        if (!RowKeys.Supports(kinds[0]))
        {
            throw new ExpectationException($"{Spec.Type}: rater column '{columns[0].Name}' is {kinds[0]}; ratings are flat values (labels, numbers, booleans).");
        }

        _metric = binding.Require(new RatingsMetric(ValueList.From(Raters), kinds[0], ByRater));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var ratings = metrics.Get(_metric!);
        var order = Agreement.Order(Spec.Type, ratings.Categories, Spec.Categories);
        var (value, write) = Compute(ratings, order);
        var success = value is { } v && Agreement.InBounds(Spec.Bounds, v);
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        var observed = JsonElements.Build(w =>
        {
            if (value is { } x)
            {
                ScalarFormatting.WriteDouble(w, x);
            }
            else
            {
                w.WriteNullValue();
            }
        });
        var details = JsonElements.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("categories");
            foreach (var label in order.Labels)
            {
                label.WriteTo(w);
            }

            w.WriteEndArray();
            write(w);
            w.WriteEndObject();
        });
        return Result(success, new ResultDetails { ObservedValue = observed, ElementCount = ratings.Rows, Details = details });
    }

    /// <summary>The statistic (null when undefined) and a writer of its details.</summary>
    protected abstract (double? Value, Action<Utf8JsonWriter> Details) Compute(Ratings ratings, CategoryOrder order);

    protected static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        ScalarFormatting.WriteDouble(w, value);
    }

    /// <summary>
    /// Per rating profile with at least two ratings, its counts per category position and how many rows have it; how many
    /// rows that makes; and how many rows had fewer ratings.
    /// </summary>
    protected static (List<(int[] Counts, long Rows)> Items, long ItemCount, long Dropped) CountsPerItem(Ratings ratings, CategoryOrder order)
    {
        var k = order.Labels.Count;
        var items = new List<(int[], long)>();
        long count = 0, dropped = 0;
        foreach (var (cells, rows) in ratings.Profiles)
        {
            var counts = new int[k];
            var n = 0;
            foreach (var cell in cells)
            {
                if (cell >= 0)
                {
                    counts[order.PositionOfSeen[cell]]++;
                    n++;
                }
            }

            if (n >= 2)
            {
                items.Add((counts, rows));
                count += rows;
            }
            else
            {
                dropped += rows;
            }
        }

        return (items, count, dropped);
    }
}

internal sealed class CohensKappaEvaluator(ColumnPairCohensKappaToBeBetween e) : AgreementEvaluator<ColumnPairCohensKappaToBeBetween>(e)
{
    protected override IReadOnlyList<string> Raters => [Spec.ColumnA, Spec.ColumnB];

    protected override bool ByRater => true;

    protected override (double? Value, Action<Utf8JsonWriter> Details) Compute(Ratings ratings, CategoryOrder order)
    {
        var k = order.Labels.Count;
        if (Spec.Weights is not null && order.Values is null && Spec.Categories is null && ratings.Categories.Any(c => c.ValueKind == JsonValueKind.String))
        {
            throw new ExpectationException($"{Spec.Type}: weighted κ needs the categories in order; the ratings are text, so list them in order as categories (for example [\"low\", \"medium\", \"high\"]).");
        }

        var matrix = new long[k, k];
        long pairs = 0, leftOut = 0;
        foreach (var (cells, rows) in ratings.Profiles)
        {
            var (a, b) = (cells[0], cells[1]);
            if (a < 0 || b < 0)
            {
                leftOut += rows;
                continue;
            }

            matrix[order.PositionOfSeen[a], order.PositionOfSeen[b]] += rows;
            pairs += rows;
        }

        var (kappa, observed, chance) = Agreement.Cohen(matrix, Spec.Weights);
        return (kappa, w =>
        {
            w.WriteNumber("rated_pairs", pairs);
            w.WriteNumber("rows_left_out", leftOut);
            Number(w, "observed_agreement", observed);
            Number(w, "chance_agreement", chance);
            w.WriteString("weights", Spec.Weights switch { KappaWeights.Linear => "linear", KappaWeights.Quadratic => "quadratic", _ => "none" });
            w.WriteStartArray("confusion_matrix");
            for (var i = 0; i < k; i++)
            {
                w.WriteStartArray();
                for (var j = 0; j < k; j++)
                {
                    w.WriteNumberValue(matrix[i, j]);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteStartObject("per_class_agreement");
            for (var i = 0; i < k; i++)
            {
                long row = 0, col = 0;
                for (var j = 0; j < k; j++)
                {
                    row += matrix[i, j];
                    col += matrix[j, i];
                }

                w.WritePropertyName(Label(order.Labels[i]));
                if (row + col > 0)
                {
                    ScalarFormatting.WriteDouble(w, 2.0 * matrix[i, i] / (row + col));
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndObject();
            if (kappa is { } value)
            {
                w.WriteString("band", Agreement.Band(value));
            }
            else
            {
                w.WriteString("note", pairs == 0
                    ? "no row has a rating from both raters: κ is undefined"
                    : "κ is undefined: chance agreement is 1 (every rating is the same single category), so agreement cannot be told from chance");
            }
        });
    }

    private static string Label(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
}

internal sealed class FleissKappaEvaluator(MulticolumnFleissKappaToBeBetween e) : AgreementEvaluator<MulticolumnFleissKappaToBeBetween>(e)
{
    protected override IReadOnlyList<string> Raters => Spec.ColumnList;

    protected override (double? Value, Action<Utf8JsonWriter> Details) Compute(Ratings ratings, CategoryOrder order)
    {
        var (items, count, dropped) = CountsPerItem(ratings, order);
        var (kappa, mean, chance) = Agreement.Fleiss(items, order.Labels.Count);
        return (kappa, w =>
        {
            w.WriteNumber("items", count);
            w.WriteNumber("items_left_out", dropped);
            Number(w, "mean_item_agreement", mean);
            Number(w, "chance_agreement", chance);
            if (kappa is { } value)
            {
                w.WriteString("band", Agreement.Band(value));
            }
            else
            {
                w.WriteString("note", count == 0
                    ? "no row has two or more ratings: κ is undefined"
                    : "κ is undefined: chance agreement is 1 (every rating is the same single category)");
            }
        });
    }
}

internal sealed class KrippendorffAlphaEvaluator(MulticolumnKrippendorffAlphaToBeBetween e) : AgreementEvaluator<MulticolumnKrippendorffAlphaToBeBetween>(e)
{
    protected override IReadOnlyList<string> Raters => Spec.ColumnList;

    protected override (double? Value, Action<Utf8JsonWriter> Details) Compute(Ratings ratings, CategoryOrder order)
    {
        var level = Spec.LevelOfMeasurement ?? MeasurementLevel.Nominal;
        if (level is MeasurementLevel.Interval or MeasurementLevel.Ratio && order.Values is null)
        {
            throw new ExpectationException($"{Spec.Type}: level_of_measurement {level.ToString().ToLowerInvariant()} needs numeric ratings; these are not numbers (use nominal, or ordinal with categories in order).");
        }

        if (level == MeasurementLevel.Ordinal && order.Values is null && Spec.Categories is null && ratings.Categories.Any(c => c.ValueKind == JsonValueKind.String))
        {
            throw new ExpectationException($"{Spec.Type}: level_of_measurement ordinal needs the categories in order; the ratings are text, so list them in order as categories.");
        }

        var (units, count, dropped) = CountsPerItem(ratings, order);
        var (alpha, observed, expected) = Agreement.Krippendorff(units, order.Labels.Count, level, order.Values);
        return (alpha, w =>
        {
            w.WriteString("level_of_measurement", level.ToString().ToLowerInvariant());
            w.WriteNumber("units", count);
            w.WriteNumber("units_left_out", dropped);
            w.WriteNumber("pairable_values", units.Sum(u => u.Rows * u.Counts.Sum()));
            Number(w, "observed_disagreement", observed);
            Number(w, "expected_disagreement", expected);
            if (alpha is null)
            {
                w.WriteString("note", count == 0
                    ? "no unit has two or more ratings: α is undefined"
                    : "α is undefined: every pairable rating is the same, so there is no disagreement to expect");
            }
        });
    }
}

/// <summary>Rows and non-null rows of one column.</summary>
internal sealed record NonNullCountMetric(string Column) : MetricKey<(long Rows, long NonNull)>
{
    public override IReadOnlyList<string> Columns => [Column];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(NonNullCountMetric key) : MetricAccumulator
    {
        private long _rows;
        private long _nulls;

        public override void Add(DataChunk chunk)
        {
            _rows += chunk.RowCount;
            _nulls += chunk[key.Column].NullCount;
        }

        public override void Merge(MetricAccumulator other)
        {
            _rows += ((Accumulator)other)._rows;
            _nulls += ((Accumulator)other)._nulls;
        }

        public override object Finish() => (_rows, _rows - _nulls);

        public override void Save(Kernels.StateWriter writer)
        {
            writer.Long(_rows);
            writer.Long(_nulls);
        }

        public override void Load(Kernels.StateReader reader)
        {
            _rows = reader.Long();
            _nulls = reader.Long();
        }
    }
}

internal sealed class ProportionNonNullEvaluator(ColumnProportionOfNonNullValuesToBeBetween e) : Evaluator<ColumnProportionOfNonNullValuesToBeBetween>(e)
{
    private NonNullCountMetric? _metric;

    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary | ColumnShapes.List | ColumnShapes.Nested;

    public override void Bind(Binding binding)
    {
        binding.Column(Spec.Column);
        _metric = binding.Require(new NonNullCountMetric(Spec.Column));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var (rows, nonNull) = metrics.Get(_metric!);
        double? proportion = rows == 0 ? null : (double)nonNull / rows;
        var success = proportion is { } p && Agreement.InBounds(Spec.Bounds, p);
        return format.Level == ResultFormatLevel.BooleanOnly
            ? Result(success, ResultDetails.Empty)
            : Result(success, new ResultDetails
            {
                ObservedValue = JsonElements.Build(w =>
                {
                    if (proportion is { } x)
                    {
                        ScalarFormatting.WriteDouble(w, x);
                    }
                    else
                    {
                        w.WriteNullValue();
                    }
                }),
                ElementCount = rows,
                MissingCount = rows - nonNull,
            });
    }
}
