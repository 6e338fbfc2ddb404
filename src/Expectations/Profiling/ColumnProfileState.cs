using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Expectations.Kernels;
using Expectations.Model;
using Expectations.Profiling;

namespace Expectations;

/// <summary>What kind of statistics a column gets.</summary>
public enum ProfileFamily
{
    /// <summary>Integers, floats and decimals: moments, quantiles, histograms.</summary>
    Numeric,
    /// <summary>Timestamps: as numbers of ticks (quantiles, histograms), shown as dates.</summary>
    Timestamp,
    /// <summary>Text: lengths and category frequencies.</summary>
    String,
    /// <summary>true/false: category frequencies.</summary>
    Boolean,
    /// <summary>Raw bytes: lengths in bytes and value frequencies, values shown as <c>\x</c>-hex.</summary>
    Binary,
    /// <summary>Lists: list lengths (<see cref="ColumnProfile.ListLengths"/>), the most common lists, and the profile of their elements (<see cref="ColumnProfile.Elements"/>).</summary>
    List,
    /// <summary>Structs and maps: row and null counts only; their fields are profiled as columns of their own.</summary>
    Nested,
}

/// <summary>
/// The running, mergeable state of one column's profile. One pass over the batches: moments through the
/// shared <see cref="AggregateKernel"/>, then one loop per batch feeding the quantile sketch, distinct
/// sketch and value counts. No allocation per row (strings and binary values are looked up by their bytes; lists by
/// their JSON form, written into one reused buffer). A list column also holds two child states: its lengths as an
/// integer column, and its elements as a column of the element kind.
/// Integer and timestamp columns keep their values exactly (sketch items and value counts as <see cref="Int128"/>,
/// never through double) until a source delivers floats for them; then the state falls back to doubles.
/// </summary>
internal sealed class ColumnProfileState
{
    private static readonly byte[] TrueKey = "true"u8.ToArray();
    private static readonly byte[] FalseKey = "false"u8.ToArray();

    public ColumnProfileState(ColumnInfo info, ProfileOptions options)
    {
        Info = info;
        Options = options;
        Family = FamilyOf(info.Kind);
        Distinct = new DistinctSketch(options.ExactDistinctLimit);
        if (info.Kind is DataKind.Integer or DataKind.Timestamp)
        {
            IntegerValues = new QuantileSketch<Int128>(options.QuantileK, options.ExactValueLimit);
            IntegerNumbers = new FrequencySummary<Int128>(options.CategoryCapacity);
        }
        else if (Family is ProfileFamily.Numeric or ProfileFamily.Timestamp)
        {
            Values = new QuantileSketch<double>(options.QuantileK, options.ExactValueLimit);
            Numbers = new FrequencySummary<double>(options.CategoryCapacity);
        }
        else
        {
            Categories = new FrequencySummary<byte[]>(options.CategoryCapacity, Utf8KeyComparer.Instance);
        }

        if (Family == ProfileFamily.List)
        {
            ListLengths = new ColumnProfileState(new ColumnInfo(LengthsName(info.Name), DataKind.Integer, "list length"), options);
            Elements = info.ElementKind is { } element ? new ColumnProfileState(ElementInfo(info.Name, element), options) : null;
        }
    }

    public ColumnInfo Info { get; }

    public ProfileOptions Options { get; }

    public ProfileFamily Family { get; }

    public long Rows;
    public long Nulls;
    public FloatMoments Float = FloatMoments.Empty;
    public IntegerMoments Integer = IntegerMoments.Empty;
    public long PositiveInfinities;
    public long NegativeInfinities;
    public long Zeros;
    public long Negatives;
    public long Empties;
    public long Trues;
    public IntegerMoments Lengths = IntegerMoments.Empty;
    public QuantileSketch<double>? Values;
    public QuantileSketch<Int128>? IntegerValues;
    public DistinctSketch Distinct;
    public FrequencySummary<double>? Numbers;
    public FrequencySummary<Int128>? IntegerNumbers;
    public FrequencySummary<byte[]>? Categories;

    /// <summary>Whether the values are held as exact integers (integer and timestamp columns that received no floats).</summary>
    public bool HoldsIntegers => IntegerValues is not null;

    /// <summary>The quantile sketch of a numeric or timestamp column, whichever item type it holds.</summary>
    public IQuantileSketch? Sketch => IntegerValues is not null ? IntegerValues : Values;

    /// <summary>List columns: the list lengths as an integer column (nulls where the list is null).</summary>
    public ColumnProfileState? ListLengths;

    /// <summary>List columns: every element of every list, as a column of the element kind; null until the kind is known.</summary>
    public ColumnProfileState? Elements;

    /// <summary>The name of the elements' profile of list column <paramref name="list"/>.</summary>
    public static string ElementsName(string list) => list + "[]";

    /// <summary>The name of the lengths' profile of list column <paramref name="list"/>.</summary>
    public static string LengthsName(string list) => $"len({list})";

    /// <summary>The column the elements of list column <paramref name="list"/> make.</summary>
    public static ColumnInfo ElementInfo(string list, DataKind kind) => new(ElementsName(list), kind, $"{kind.ToString().ToLowerInvariant()} element");

    /// <summary>The family of a data kind.</summary>
    public static ProfileFamily FamilyOf(DataKind kind) => kind switch
    {
        DataKind.Integer or DataKind.Float or DataKind.Decimal => ProfileFamily.Numeric,
        DataKind.Timestamp => ProfileFamily.Timestamp,
        DataKind.Boolean => ProfileFamily.Boolean,
        DataKind.Binary => ProfileFamily.Binary,
        DataKind.List => ProfileFamily.List,
        DataKind.Struct or DataKind.Map => ProfileFamily.Nested,
        _ => ProfileFamily.String,
    };

    /// <summary>Folds one batch of this column into the state.</summary>
    public void Add(ColumnBatch batch)
    {
        Rows += batch.Length;
        Nulls += batch.NullCount;
        var validity = batch.Validity.Span;
        switch (batch)
        {
            case PrimitiveBatch<double> b: ToDoubles(); AggregateKernel.AccumulateDouble(b.Values.Span, validity, ref Float); AddNumbers(b.Values.Span, validity); break;
            case PrimitiveBatch<float> b: ToDoubles(); AggregateKernel.AccumulateFloatScalar(b.Values.Span, validity, ref Float); AddNumbers(b.Values.Span, validity); break;
            case PrimitiveBatch<decimal> b: ToDoubles(); AggregateKernel.AccumulateFloatScalar(b.Values.Span, validity, ref Float); AddNumbers(b.Values.Span, validity); break;
            case PrimitiveBatch<long> b: AggregateKernel.AccumulateLong(b.Values.Span, validity, ref Integer); AddWholeNumbers(b.Values.Span, validity); break;
            case PrimitiveBatch<int> b: AddIntegers(b.Values.Span, validity); break;
            case PrimitiveBatch<short> b: AddIntegers(b.Values.Span, validity); break;
            case PrimitiveBatch<sbyte> b: AddIntegers(b.Values.Span, validity); break;
            case PrimitiveBatch<ulong> b: AddIntegers(b.Values.Span, validity); break;
            case PrimitiveBatch<uint> b: AddIntegers(b.Values.Span, validity); break;
            case PrimitiveBatch<ushort> b: AddIntegers(b.Values.Span, validity); break;
            case PrimitiveBatch<byte> b: AddIntegers(b.Values.Span, validity); break;
            case PrimitiveBatch<bool> b: AddBooleans(b.Values.Span, validity); break;
            case StringBatch b: AddBytes(b, validity, codePoints: true); break;
            case BinaryBatch b: AddBytes(b, validity, codePoints: false); break;
            case ListBatch b: AddLists(b); break;
            case NestedBatch: break;
            default: throw new DataSourceException($"Column '{Info.Name}' ({Info.PhysicalType}) arrived as {batch.GetType().Name}, which cannot be profiled.");
        }
    }

    /// <summary>Folds another state of the same column into this one.</summary>
    public void Merge(ColumnProfileState other)
    {
        if (other.Family != Family)
        {
            throw new InvalidOperationException($"Column '{Info.Name}': a {Family} profile cannot merge a {other.Family} one ({other.Info.PhysicalType}).");
        }

        if (HoldsIntegers != other.HoldsIntegers)
        {
            // One side received floats: both continue as doubles.
            ToDoubles();
            other = other.Clone();
            other.ToDoubles();
        }

        Rows += other.Rows;
        Nulls += other.Nulls;
        Float.Merge(other.Float);
        Integer.Merge(other.Integer);
        PositiveInfinities += other.PositiveInfinities;
        NegativeInfinities += other.NegativeInfinities;
        Zeros += other.Zeros;
        Negatives += other.Negatives;
        Empties += other.Empties;
        Trues += other.Trues;
        Lengths.Merge(other.Lengths);
        Values?.Merge(other.Values!);
        IntegerValues?.Merge(other.IntegerValues!);
        Distinct.Merge(other.Distinct);
        Numbers?.Merge(other.Numbers!);
        IntegerNumbers?.Merge(other.IntegerNumbers!);
        Categories?.Merge(other.Categories!);
        ListLengths?.Merge(other.ListLengths!);
        if (other.Elements is { } elements)
        {
            if (Elements is null)
            {
                Elements = elements.Clone();
            }
            else
            {
                Elements.Merge(elements);
            }
        }
    }

    /// <summary>A deep copy.</summary>
    public ColumnProfileState Clone()
    {
        var copy = (ColumnProfileState)MemberwiseClone();
        copy.Values = Values?.Clone();
        copy.IntegerValues = IntegerValues?.Clone();
        copy.Distinct = Distinct.Clone();
        copy.Numbers = Numbers?.Clone();
        copy.IntegerNumbers = IntegerNumbers?.Clone();
        copy.Categories = Categories?.Clone();
        copy.ListLengths = ListLengths?.Clone();
        copy.Elements = Elements?.Clone();
        return copy;
    }

    /// <summary>Writes the whole state (saved-state format, docs/incremental.md), child states of list columns included.</summary>
    public void Save(StateWriter w)
    {
        w.Long(Rows);
        w.Long(Nulls);
        Float.Save(w);
        Integer.Save(w);
        w.Long(PositiveInfinities);
        w.Long(NegativeInfinities);
        w.Long(Zeros);
        w.Long(Negatives);
        w.Long(Empties);
        w.Long(Trues);
        Lengths.Save(w);
        w.Bool(HoldsIntegers);
        Values?.Save(w);
        IntegerValues?.Save(w);
        Distinct.Save(w);
        Numbers?.Save(w, static (w, k) => w.Double(k));
        IntegerNumbers?.Save(w, static (w, k) => w.Int128(k));
        Categories?.Save(w, static (w, k) => w.Bytes(k));
        ListLengths?.Save(w);
        w.Bool(Elements is not null);
        if (Elements is not null)
        {
            w.Int((int)Elements.Info.Kind);
            Elements.Save(w);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this fresh state (same column and options).</summary>
    public void Load(StateReader r)
    {
        Rows = r.Long();
        Nulls = r.Long();
        Float = FloatMoments.Load(r);
        Integer = IntegerMoments.Load(r);
        PositiveInfinities = r.Long();
        NegativeInfinities = r.Long();
        Zeros = r.Long();
        Negatives = r.Long();
        Empties = r.Long();
        Trues = r.Long();
        Lengths = IntegerMoments.Load(r);
        if (r.Bool() != HoldsIntegers)
        {
            if (!HoldsIntegers)
            {
                throw new KernelException($"Saved state: the profile of column '{Info.Name}' holds exact integers, which this column cannot.");
            }

            // The saved part received floats: it continues as doubles, as a merge would.
            ToDoubles();
        }

        Values?.Load(r);
        IntegerValues?.Load(r);
        Distinct.Load(r);
        Numbers?.Load(r, static r => r.Double());
        IntegerNumbers?.Load(r, static r => r.Int128());
        Categories?.Load(r, static r => r.ByteArray());
        ListLengths?.Load(r);
        if (r.Bool())
        {
            var kind = (DataKind)r.Int();
            if (Family != ProfileFamily.List || (Elements is not null && Elements.Info.Kind != kind))
            {
                throw new KernelException($"Saved state: the profile of column '{Info.Name}' has list elements of kind {kind}, which this column cannot have.");
            }

            Elements ??= new ColumnProfileState(ElementInfo(Info.Name, kind), Options);
            Elements.Load(r);
        }
    }

    /// <summary>The moments of all numeric values, integer and floating parts combined.</summary>
    public FloatMoments CombinedMoments() => Integer.FoldInto(Float);

    /// <summary>
    /// The distinct-sketch hash of a number: its double's bits when a double holds it exactly (so 2 and 2.0 are one
    /// value), otherwise its exact 128 bits, so integers beyond 2^53 that round to one double stay apart.
    /// </summary>
    public static ulong DistinctHash(Int128 x)
    {
        var d = (double)x;
        if ((x >= -(1L << 53) && x <= 1L << 53) || ExactNumbers.Compare(x, d) == 0)
        {
            return DistinctSketch.Mix(BitConverter.DoubleToUInt64Bits(d == 0 ? 0.0 : d));
        }

        return DistinctSketch.Mix((ulong)x ^ DistinctSketch.Mix((ulong)(x >> 64) ^ 0x5851F42D4C957F2DUL));
    }

    /// <summary>Falls back from exact integers to doubles, for a column a source delivered (partly) as floats.</summary>
    public void ToDoubles()
    {
        if (IntegerValues is null)
        {
            return;
        }

        Values = IntegerValues.ToDoubles();
        var numbers = IntegerNumbers!;
        var counts = new Dictionary<double, long>();
        foreach (var (key, count) in numbers.Counts)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, (double)key, out _) += count;
        }

        Numbers = FrequencySummary<double>.Restore(numbers.Capacity, numbers.Total, numbers.ErrorBound, counts, null);
        IntegerValues = null;
        IntegerNumbers = null;
    }

    private void AddIntegers<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity) where T : unmanaged, IBinaryInteger<T>
    {
        AggregateKernel.AccumulateIntegerScalar(values, validity, ref Integer);
        AddWholeNumbers(values, validity);
    }

    /// <summary>Integers: exactly, unless the state already fell back to doubles.</summary>
    private void AddWholeNumbers<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity) where T : unmanaged, IBinaryInteger<T>
    {
        if (IntegerValues is null)
        {
            AddNumbers(values, validity);
            return;
        }

        var sketch = IntegerValues;
        var numbers = IntegerNumbers!;
        var distinct = Distinct;
        for (var i = 0; i < values.Length; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            var x = Int128.CreateTruncating(values[i]);
            if (x == 0)
            {
                Zeros++;
            }
            else if (x < 0)
            {
                Negatives++;
            }

            sketch.Add(x);
            distinct.Add(DistinctHash(x));
            numbers.Add(x);
        }
    }

    /// <summary>Feeds the sketches and counters with every valid, non-NaN value (NaNs were counted by the kernel).</summary>
    private void AddNumbers<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity) where T : unmanaged, INumberBase<T>
    {
        var sketch = Values!;
        var numbers = Numbers!;
        var distinct = Distinct;
        for (var i = 0; i < values.Length; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            var x = double.CreateTruncating(values[i]);
            if (!double.IsFinite(x))
            {
                // NaN is counted by the moment kernel; infinities are counted here and kept out of the distribution.
                if (double.IsPositiveInfinity(x))
                {
                    PositiveInfinities++;
                }
                else if (double.IsNegativeInfinity(x))
                {
                    NegativeInfinities++;
                }

                continue;
            }

            if (x == 0)
            {
                x = 0; // -0.0 and 0.0 are one value
                Zeros++;
            }
            else if (x < 0)
            {
                Negatives++;
            }

            sketch.Add(x);
            distinct.Add(DistinctSketch.Mix(BitConverter.DoubleToUInt64Bits(x)));
            numbers.Add(x);
        }
    }

    private void AddBooleans(ReadOnlySpan<bool> values, ReadOnlySpan<byte> validity)
    {
        long trues = 0;
        long present = 0;
        var bytes = MemoryMarshal.Cast<bool, byte>(values);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (Bitmap.IsValid(validity, i))
            {
                present++;
                trues += bytes[i] != 0 ? 1 : 0;
            }
        }

        Trues += trues;
        if (trues > 0)
        {
            Categories!.Add(TrueKey, trues);
            Distinct.Add(DistinctSketch.Mix(1));
        }

        if (present - trues > 0)
        {
            Categories!.Add(FalseKey, present - trues);
            Distinct.Add(DistinctSketch.Mix(0));
        }
    }

    /// <summary>Text (lengths in code points) or binary values (lengths in bytes), counted by their bytes.</summary>
    private void AddBytes(VariableLengthBatch batch, ReadOnlySpan<byte> validity, bool codePoints)
    {
        var data = batch.Data.Span;
        var offsets = batch.Offsets.Span;
        var categories = Categories!;
        var lookup = categories.Dictionary.GetAlternateLookup<ReadOnlySpan<byte>>();
        var lengths = ArrayPool<int>.Shared.Rent(batch.Length);
        try
        {
            for (var i = 0; i < batch.Length; i++)
            {
                if (!Bitmap.IsValid(validity, i))
                {
                    lengths[i] = 0;
                    continue;
                }

                var bytes = data[offsets[i]..offsets[i + 1]];
                lengths[i] = codePoints ? Utf8LengthKernel.CodePoints(bytes) : bytes.Length;
                if (bytes.IsEmpty)
                {
                    Empties++;
                }

                CollectionsMarshal.GetValueRefOrAddDefault(lookup, bytes, out _)++;
                categories.Added(1);
                Distinct.Add(System.IO.Hashing.XxHash3.HashToUInt64(bytes));
            }

            AggregateKernel.AccumulateIntegerScalar<int>(lengths.AsSpan(0, batch.Length), validity, ref Lengths);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    /// <summary>
    /// Lists: their lengths (moments here, and the integer child state), the lists themselves by their JSON form (distinct
    /// count and most common lists), and their elements (the element child state, over exactly the elements the rows hold).
    /// </summary>
    private void AddLists(ListBatch batch)
    {
        var rows = batch.Length;
        var lengths = new int[rows];
        var validity = batch.Validity.Span;
        var categories = Categories!;
        var lookup = categories.Dictionary.GetAlternateLookup<ReadOnlySpan<byte>>();
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = new System.Text.Json.Utf8JsonWriter(buffer);
        for (var i = 0; i < rows; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            lengths[i] = batch.GetLength(i);
            if (lengths[i] == 0)
            {
                Empties++;
            }

            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            batch.WriteValue(writer, i);
            writer.Flush();
            var json = buffer.WrittenSpan;
            CollectionsMarshal.GetValueRefOrAddDefault(lookup, json, out _)++;
            categories.Added(1);
            Distinct.Add(System.IO.Hashing.XxHash3.HashToUInt64(json));
        }

        AggregateKernel.AccumulateIntegerScalar<int>(lengths, validity, ref Lengths);
        ListLengths!.Add(new PrimitiveBatch<int>(ListLengths.Info.Name, DataKind.Integer, lengths, batch.Validity, batch.NullCount));
        var elements = Expectations.Data.BatchSelection.ReferencedElements(batch);
        Elements ??= new ColumnProfileState(ElementInfo(Info.Name, elements.Kind), Options);
        Elements.Add(elements);
    }

    /// <summary>The text of a category key: binary values as <c>\x</c>-hex, everything else (text, booleans, lists as JSON) as UTF-8.</summary>
    public string KeyText(byte[] key) => Family == ProfileFamily.Binary ? Expectations.Model.ScalarFormatting.FormatHex(key) : Encoding.UTF8.GetString(key);

    /// <summary>The category key a text written by <see cref="KeyText"/> stands for.</summary>
    public byte[] KeyOf(string text) => Family == ProfileFamily.Binary ? Expectations.Model.ScalarFormatting.BinaryMember(text) : Encoding.UTF8.GetBytes(text);
}
