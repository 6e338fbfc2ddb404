using System.Text.Json;

namespace Expectations.Engine.ColumnMap;

/// <summary>
/// The column-map family (GX's ColumnMapExpectation): `mostly`, null handling and the result fields are done
/// here once; each expectation only says which rows are unexpected.
/// </summary>
internal abstract class MapEvaluator<T>(T expectation) : Evaluator<T>(expectation) where T : Expectation
{
    private MetricKey<ColumnMapCounts>? _metric;

    /// <summary>The fraction of checked rows that must pass.</summary>
    protected virtual double Mostly => Spec is ColumnMapExpectation m ? m.Mostly ?? 1.0 : 1.0;

    /// <summary>
    /// Whether nulls are missing values left out of the check (true), or checked rows themselves (false: the null
    /// expectations). GX then reports no missing-value fields and takes <c>unexpected_percent</c> over all rows.
    /// </summary>
    protected virtual bool CountsMissing => true;

    /// <summary>
    /// The checked columns, which the objects of <c>unexpected_index_list</c> show beside the key columns:
    /// <c>column</c>, or <c>column_A</c> and <c>column_B</c>, or <c>column_list</c>, read from the kwargs.
    /// </summary>
    protected virtual IReadOnlyList<string> DomainColumns => Spec.CheckedColumns;

    /// <summary>The metric counting unexpected rows, specialised for the bound columns.</summary>
    protected abstract MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap);

    /// <inheritdoc />
    public override void Bind(Binding binding)
    {
        var format = binding.Format;
        var metric = CreateMetric(binding, format.SampleCap);
        var rowColumns = format.SampleRowColumns(binding.Columns.Select(c => c.Name), DomainColumns);
        if (rowColumns.Count > 0)
        {
            foreach (var key in format.UnexpectedIndexColumnNames)
            {
                _ = binding.Column(key); // a key column that is not in the data is this expectation's error, as in GX
            }

            // Metrics that cannot carry row values keep plain row indices (documented in docs/report-format.md).
            if (metric is IRowSampling sampling)
            {
                metric = sampling.WithRowColumns(rowColumns);
            }
        }

        _metric = binding.Require(metric);
    }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format) =>
        BuildResult(Spec, metrics.Get(_metric!), Mostly, format, CountsMissing, DomainColumns);

    /// <summary>GX's map-expectation result: success when at least <paramref name="mostly"/> of non-missing rows pass; empty passes.</summary>
    /// <param name="spec">The expectation.</param>
    /// <param name="r">The counts and samples.</param>
    /// <param name="mostly">The fraction of checked rows that must pass.</param>
    /// <param name="format">How much detail to report.</param>
    /// <param name="countsMissing">
    /// False for checks that look at every row (GX's <c>nonnull_count=None</c>): the result then has no
    /// missing_count, missing_percent, unexpected_percent_total or unexpected_percent_nonmissing, and
    /// unexpected_percent is taken over all rows.
    /// </param>
    /// <param name="domainColumns">The checked columns (for the objects of <c>unexpected_index_list</c>).</param>
    internal static ExpectationResult BuildResult(Expectation spec, ColumnMapCounts r, double mostly, ResultFormat format, bool countsMissing = true, IReadOnlyList<string>? domainColumns = null) =>
        ExpectationResults.ColumnMap(spec, r, format, mostly, countsMissing, domainColumns);

    /// <summary>
    /// GX's entries of <c>unexpected_index_list</c> under <c>unexpected_index_column_names</c>: per sampled row an
    /// object of the first checked column, the key columns, then the other checked columns (GX's insertion order);
    /// only the key columns when values are excluded.
    /// </summary>
    internal static JsonElement[] IndexKeys(IReadOnlyList<JsonElement> rows, IReadOnlyList<string> keys, IReadOnlyList<string> domain, bool withValues)
    {
        var order = withValues ? domain.Concat(keys).Distinct(StringComparer.Ordinal).ToArray() : [.. keys];
        var result = new JsonElement[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var column in order)
                {
                    if (rows[i].TryGetProperty(column, out var value))
                    {
                        writer.WritePropertyName(column);
                        value.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            using var doc = JsonDocument.Parse(buffer.WrittenMemory);
            result[i] = doc.RootElement.Clone();
        }

        return result;
    }

    /// <summary>
    /// GX's <c>partial_unexpected_counts</c>: <c>Counter(values).most_common(limit)</c> (ties at the cut kept in
    /// order of first occurrence), then sorted by count descending and value ascending. Objects (multi-column samples)
    /// are counted as the tuple of their values, as GX does, so they appear as arrays.
    /// </summary>
    internal static UnexpectedValueCount[] CountValues(IEnumerable<JsonElement> values, int limit)
    {
        var groups = new Dictionary<string, (JsonElement Value, long Count, int First)>(StringComparer.Ordinal);
        var order = 0;
        foreach (var raw in values)
        {
            var v = raw.ValueKind == JsonValueKind.Object ? ValuesOf(raw) : raw;
            var text = v.GetRawText();
            groups[text] = groups.TryGetValue(text, out var g) ? (g.Value, g.Count + 1, g.First) : (v, 1, order++);
        }

        return groups.Values
            .OrderByDescending(g => g.Count).ThenBy(g => g.First)
            .Take(limit)
            .OrderByDescending(g => g.Count).ThenBy(g => g.Value, JsonValueOrder.Instance)
            .Select(g => new UnexpectedValueCount(g.Value, g.Count))
            .ToArray();
    }

    private static JsonElement ValuesOf(JsonElement obj)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var p in obj.EnumerateObject())
            {
                p.Value.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}

/// <summary>
/// Python's ordering of the values GX sorts <c>partial_unexpected_counts</c> by: numbers (and booleans, as 0 and 1)
/// numerically, strings by code point, lists element by element. Python cannot order values of different types (GX
/// then drops the counts); here they get a fixed order instead: null, numbers, strings, lists, objects.
/// </summary>
internal sealed class JsonValueOrder : IComparer<JsonElement>
{
    public static JsonValueOrder Instance { get; } = new();

    public int Compare(JsonElement x, JsonElement y)
    {
        int rx = Rank(x.ValueKind), ry = Rank(y.ValueKind);
        if (rx != ry)
        {
            return rx.CompareTo(ry);
        }

        switch (rx)
        {
            case 1:
                if (TryDecimal(x, out var dx) && TryDecimal(y, out var dy))
                {
                    return dx.CompareTo(dy);
                }

                return Number(x).CompareTo(Number(y));
            case 2:
                return CompareCodePoints(x.GetString()!, y.GetString()!);
            case 3:
                {
                    using var ex = x.EnumerateArray();
                    using var ey = y.EnumerateArray();
                    while (true)
                    {
                        bool hx = ex.MoveNext(), hy = ey.MoveNext();
                        if (!hx || !hy)
                        {
                            return hx.CompareTo(hy);
                        }

                        var c = Compare(ex.Current, ey.Current);
                        if (c != 0)
                        {
                            return c;
                        }
                    }
                }

            case 4:
                return string.CompareOrdinal(x.GetRawText(), y.GetRawText());
            default:
                return 0;
        }
    }

    private static int Rank(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => 0,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => 1,
        JsonValueKind.String => 2,
        JsonValueKind.Array => 3,
        _ => 4,
    };

    private static bool TryDecimal(JsonElement e, out decimal value)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.True: value = 1; return true;
            case JsonValueKind.False: value = 0; return true;
            default: return e.TryGetDecimal(out value);
        }
    }

    private static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => e.GetDouble(),
    };

    private static int CompareCodePoints(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            bool ha = ea.MoveNext(), hb = eb.MoveNext();
            if (!ha || !hb)
            {
                return ha.CompareTo(hb);
            }

            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}

/// <summary>How a column-map expectation reads a list column.</summary>
internal enum ListValues
{
    /// <summary>Each element is checked on its own; a row (a list) is unexpected when any non-null element fails (GX's "values" are the elements).</summary>
    PerElement,

    /// <summary>The list is the value: its nullness, its length, or a user's predicate over the <see cref="ListBatch"/>.</summary>
    Whole,
}

/// <summary>
/// A single-column map expectation defined by a <see cref="RowCheck"/>. On a list column it checks each element with the
/// check for the element kind (<see cref="ListValues.PerElement"/>, wrapped in a <see cref="ListElementCheck"/>), unless
/// the expectation is about whole lists (<see cref="ListSemantics"/>).
/// </summary>
internal abstract class ColumnMapEvaluator<T>(T expectation) : MapEvaluator<T>(expectation) where T : ColumnMapExpectation
{
    /// <inheritdoc />
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.List;

    /// <summary>How a list column is read: element by element unless overridden.</summary>
    protected virtual ListValues ListSemantics => ListValues.PerElement;

    /// <summary>The check for a column of this kind; throws <see cref="ExpectationException"/> for kinds it cannot check.</summary>
    protected abstract RowCheck CreateCheck(ColumnInfo column);

    /// <inheritdoc />
    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap)
    {
        var column = binding.Column(Spec.Column);
        RowCheck check;
        try
        {
            check = column.Kind == DataKind.List && ListSemantics == ListValues.PerElement ? new ListElementCheck(CreateElementCheck(column)) : CreateCheck(column);
        }
        catch (ExpectationException ex)
        {
            // A column with no values passes every row-level check vacuously (GX), whatever its type; so the
            // type error is raised only once a value shows up.
            check = new TypeMismatch(ex.Message);
        }

        return new RowCheckMetric(Spec.Column, check, sampleCap);
    }

    /// <summary>An error saying this expectation cannot check a column of this kind.</summary>
    protected ExpectationException Unsupported(ColumnInfo column, string what) =>
        new($"{Spec.Type} cannot check column '{column.Name}' of type {column.PhysicalType} ({column.Kind}): {what}");

    /// <summary>The check of one element of the list column <paramref name="list"/>, with messages that say the elements were checked.</summary>
    private RowCheck CreateElementCheck(ColumnInfo list)
    {
        var element = ColumnKinds.ElementColumn(list);
        var shape = ColumnKinds.ShapeOf(element.Kind);
        if (shape is ColumnShapes.List or ColumnShapes.Nested)
        {
            throw new ExpectationException($"column '{list.Name}' is a LIST of {element.Kind}; {Spec.Type} checks single elements, and these elements are nested: check the lists' nullness and lengths.");
        }

        if ((AcceptedShapes & shape) == 0)
        {
            throw new ExpectationException($"the elements of column '{list.Name}' are binary ({element.PhysicalType}); {Spec.Type} does not apply to bytes, and binary values are never decoded as text.");
        }

        try
        {
            return CreateCheck(element);
        }
        catch (ExpectationException ex)
        {
            throw new ExpectationException($"{ex.Message} (column '{list.Name}' is a LIST: {Spec.Type} checks each of its elements)", ex);
        }
    }
}

/// <summary>
/// A row check of a list column that applies <paramref name="Element"/> to each element: a list is unexpected when any of
/// its non-null elements is (null elements are left out, as GX leaves out null values); null lists are missing values and
/// empty lists pass. The element check first counts over all elements at once (vectorized where it is), so lists are only
/// walked one by one in batches that hold an unexpected element.
/// </summary>
internal sealed record ListElementCheck(RowCheck Element) : RowCheck
{
    public override int CountUnexpected(ColumnBatch batch) => CountUnexpected(batch, CheckBudget.Unlimited);

    public override int CountUnexpected(ColumnBatch batch, CheckBudget budget)
    {
        var lists = (ListBatch)batch;
        try
        {
            if (Element.CountUnexpected(lists.Values, budget) == 0)
            {
                return 0;
            }
        }
        catch (RowLimitException stop)
        {
            throw stop.AtRow(ListOf(lists, stop.Row));
        }

        var n = 0;
        for (var i = 0; i < lists.Length; i++)
        {
            if (lists.IsValid(i) && IsUnexpected(lists, i, budget))
            {
                n++;
            }
        }

        return n;
    }

    public override bool IsUnexpected(ColumnBatch batch, int row) => IsUnexpected(batch, row, CheckBudget.Unlimited);

    public override bool IsUnexpected(ColumnBatch batch, int row, CheckBudget budget)
    {
        var lists = (ListBatch)batch;
        var values = lists.Values;
        var offsets = lists.Offsets.Span;
        try
        {
            for (var e = offsets[row]; e < offsets[row + 1]; e++)
            {
                if (values.IsValid(e) && Element.IsUnexpected(values, e, budget))
                {
                    return true;
                }
            }
        }
        catch (RowLimitException stop)
        {
            throw stop.AtRow(row);
        }

        return false;
    }

    /// <summary>The row whose list holds element <paramref name="element"/>.</summary>
    private static int ListOf(ListBatch lists, int element)
    {
        var offsets = lists.Offsets.Span[..(lists.Length + 1)];
        var at = offsets.BinarySearch(element);
        if (at < 0)
        {
            return ~at - 1;
        }

        // Empty lists share an offset: the element belongs to the last list that starts at it.
        while (at + 1 < lists.Length && offsets[at + 1] == element)
        {
            at++;
        }

        return at;
    }
}

/// <summary>A check that cannot apply to the column's type: fails on the first non-null value, passes an all-null column.</summary>
internal sealed record TypeMismatch(string Message) : RowCheck
{
    public override int CountUnexpected(ColumnBatch batch) =>
        batch.NullCount == batch.Length ? 0 : throw new ExpectationException(Message);

    public override bool IsUnexpected(ColumnBatch batch, int row) => throw new ExpectationException(Message);
}
