using System.Reflection;
using CsCheck;
using Expectations.Kernels;

namespace Expectations.Tests.Kernels;

// The shapes: kernel signatures the pair test knows how to feed. A kernel matches a shape when its parameter types
// (generic parameters of the delegate bound by unification) and parameter names equal the delegate's: the names say
// what a span is (a validity bitmap, UTF-8 bytes, string offsets), so they are part of the shape. Custom delegates,
// because MethodInfo.Invoke cannot pass spans and MethodInfo.CreateDelegate can bind them.

/// <summary>Folds values (with their validity) into a mergeable state: the aggregate kernels.</summary>
internal delegate void AccumulateShape<T, TState>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, ref TState state);

/// <summary>Counts valid values outside <c>[lo, hi]</c>.</summary>
internal delegate int CountOutsideShape<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, T lo, T hi);

/// <summary>Counts the set bits among the first <c>length</c> of a validity bitmap.</summary>
internal delegate int CountValidShape(ReadOnlySpan<byte> validity, int length);

/// <summary>Counts something in a UTF-8 byte span.</summary>
internal delegate int Utf8CountShape(ReadOnlySpan<byte> utf8);

/// <summary>Counts valid rows of an Arrow string column (data and offsets) whose length lies outside <c>[lo, hi]</c>.</summary>
internal delegate int StringRowsShape(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<byte> validity, int lo, int hi);

/// <summary>A known kernel signature: its delegate and the generic runner that compares the pair on random data.</summary>
internal sealed record KernelShape(string Name, Type Delegate, string Runner)
{
    /// <summary>
    /// Every known shape. A new kind of kernel needs one here: a delegate for its signature and a runner that
    /// generates its inputs (nulls, odd lengths, offsets) and says how close the results must be.
    /// </summary>
    public static readonly KernelShape[] All =
    [
        new("accumulate moments", typeof(AccumulateShape<,>), nameof(KernelShapeRunners.Accumulate)),
        new("count outside a range", typeof(CountOutsideShape<>), nameof(KernelShapeRunners.CountOutside)),
        new("count valid bits", typeof(CountValidShape), nameof(KernelShapeRunners.CountValid)),
        new("count in UTF-8 bytes", typeof(Utf8CountShape), nameof(KernelShapeRunners.Utf8Count)),
        new("count string rows by length", typeof(StringRowsShape), nameof(KernelShapeRunners.StringRows)),
    ];

    /// <summary>
    /// The runner of the first shape <paramref name="vectorized"/> (a closed method) matches, bound to the delegate's type
    /// arguments, or null when none does.
    /// </summary>
    public static (KernelShape Shape, MethodInfo Runner)? Match(MethodInfo vectorized)
    {
        foreach (var shape in All)
        {
            var invoke = shape.Delegate.GetMethod("Invoke")!;
            var holes = shape.Delegate.IsGenericTypeDefinition ? shape.Delegate.GetGenericArguments() : [];
            var bound = new Dictionary<Type, Type>();
            var expected = invoke.GetParameters();
            var actual = vectorized.GetParameters();
            if (expected.Length == actual.Length
                && expected.Zip(actual).All(p => p.First.Name == p.Second.Name && KernelSignatures.Unify(p.First.ParameterType, p.Second.ParameterType, holes, bound))
                && KernelSignatures.Unify(invoke.ReturnType, vectorized.ReturnType, holes, bound)
                && holes.All(bound.ContainsKey))
            {
                var runner = typeof(KernelShapeRunners).GetMethod(shape.Runner, BindingFlags.Public | BindingFlags.Static)!;
                return (shape, holes.Length == 0 ? runner : runner.MakeGenericMethod(holes.Select(h => bound[h]).ToArray()));
            }
        }

        return null;
    }
}

/// <summary>Thrown when a pair matches a shape whose data or comparison does not cover its types.</summary>
internal sealed class UnknownShapeException(string message) : Exception(message);

/// <summary>
/// The runners: each generates the shape's inputs and asserts the vectorized method agrees with the scalar reference.
/// Counts and integer results must be equal; floating sums, means and M2 are compared with a relative tolerance,
/// because the vectorized kernels add in a different order (4 lane-wise partial sums, combined at the end of each
/// block) and floating-point addition is not associative.
/// </summary>
internal static class KernelShapeRunners
{
    /// <summary>The starting state for the accumulations, and how two results must agree, per state type.</summary>
    private static readonly Dictionary<Type, object> States = new()
    {
        [typeof(FloatMoments)] = new StateComparison<FloatMoments>(FloatMoments.Empty, AssertAgree),
        [typeof(IntegerMoments)] = new StateComparison<IntegerMoments>(IntegerMoments.Empty, AssertAgree),
    };

    public static void Accumulate<T, TState>(MethodInfo vectorized, MethodInfo scalar)
    {
        var fast = vectorized.CreateDelegate<AccumulateShape<T, TState>>();
        var reference = scalar.CreateDelegate<AccumulateShape<T, TState>>();
        var palettes = KernelData.Palettes<T>(forSums: true) ?? throw Unknown(vectorized, $"no values of {typeof(T).Name}");
        var comparison = States.TryGetValue(typeof(TState), out var c)
            ? (StateComparison<TState>)c
            : throw Unknown(vectorized, $"no comparison of {typeof(TState).Name} states");

        // Half the time the state already holds other rows (accumulated by the reference), so the fold into a
        // non-empty state is compared too.
        var gen = KernelData.Columns(palettes, KernelData.Lengths)
            .Select(KernelData.Columns(palettes, Gen.Int[1, 100]), Gen.Bool, (column, prior, withPrior) => (column, prior: withPrior ? prior : null));
        Check(
            gen,
            x =>
            {
                var (column, prior) = x;
                var start = comparison.Empty;
                if (prior is not null)
                {
                    reference(prior.Values, prior.Validity.Span, ref start);
                }

                var a = start;
                var b = start;
                fast(column.Values, column.Validity.Span, ref a);
                reference(column.Values, column.Validity.Span, ref b);
                comparison.AssertAgree(a, b);
            },
            x => $"{x.column}; prior state from {x.prior?.ToString() ?? "nothing"}");
    }

    public static void CountOutside<T>(MethodInfo vectorized, MethodInfo scalar)
    {
        var fast = vectorized.CreateDelegate<CountOutsideShape<T>>();
        var reference = scalar.CreateDelegate<CountOutsideShape<T>>();
        var palettes = KernelData.Palettes<T>(forSums: false) ?? throw Unknown(vectorized, $"no values of {typeof(T).Name}");
        var bound = Gen.OneOf(palettes);

        // hi is sometimes lo (a one-value range), and below lo as often as above (an empty range: everything is outside).
        var gen = KernelData.Columns(palettes, KernelData.Lengths)
            .Select(bound, bound, Gen.Int[0, 3], (column, lo, hi, same) => (column, lo, hi: same == 0 ? lo : hi));
        Check(
            gen,
            x => fast(x.column.Values, x.column.Validity.Span, x.lo, x.hi)
                .Should().Be(reference(x.column.Values, x.column.Validity.Span, x.lo, x.hi), $"lo {x.lo}, hi {x.hi}"),
            x => $"{x.column}; lo {x.lo}, hi {x.hi}");
    }

    public static void CountValid(MethodInfo vectorized, MethodInfo scalar)
    {
        var fast = vectorized.CreateDelegate<CountValidShape>();
        var reference = scalar.CreateDelegate<CountValidShape>();

        // With no bitmap every row counts; the length may also stop short of the bits the bitmap holds.
        var gen = KernelData.Lengths.SelectMany(rows => KernelData.Bitmaps(rows).Select(Gen.Int[0, rows], (validity, length) => (validity, length)));
        Check(
            gen,
            x => fast(x.validity.Span, x.length).Should().Be(reference(x.validity.Span, x.length)),
            x => $"length {x.length}; {x.validity}");
    }

    public static void Utf8Count(MethodInfo vectorized, MethodInfo scalar)
    {
        var fast = vectorized.CreateDelegate<Utf8CountShape>();
        var reference = scalar.CreateDelegate<Utf8CountShape>();
        Check(
            KernelData.Columns(KernelData.BytePalettes, KernelData.Lengths),
            column => fast(column.Values).Should().Be(reference(column.Values)),
            column => column.ToString());
    }

    public static void StringRows(MethodInfo vectorized, MethodInfo scalar)
    {
        var fast = vectorized.CreateDelegate<StringRowsShape>();
        var reference = scalar.CreateDelegate<StringRowsShape>();
        var gen = KernelData.StringColumns.Select(Gen.Int[-1, 20], Gen.Int[-2, 45], (column, lo, hi) => (column, lo, hi));
        Check(
            gen,
            x => fast(x.column.Data, x.column.Offsets, x.column.Validity.Span, x.lo, x.hi)
                .Should().Be(reference(x.column.Data, x.column.Offsets, x.column.Validity.Span, x.lo, x.hi), $"lo {x.lo}, hi {x.hi}"),
            x => $"{x.column}; lo {x.lo}, hi {x.hi}");
    }

    /// <summary>CsCheck's sample (100 cases, shrinking a failure), through the one-argument overload even for tuples.</summary>
    private static void Check<TCase>(Gen<TCase> gen, Action<TCase> assert, Func<TCase, string> print) => gen.Sample(assert, print: print);

    private static void AssertAgree(FloatMoments fast, FloatMoments reference)
    {
        Exact("count", fast.Count, reference.Count);
        Exact("NaN count", fast.NaNCount, reference.NaNCount);
        Exact("min", fast.Min, reference.Min);
        Exact("max", fast.Max, reference.Max);
        var scale = Math.Max(Math.Abs(reference.Min), Math.Abs(reference.Max));
        Close("sum", fast.Sum, reference.Sum, scale, reference.Count);
        Close("mean", fast.Mean, reference.Mean, scale, reference.Count);
        Close("M2", fast.M2, reference.M2, scale * scale, reference.Count);
    }

    private static void AssertAgree(IntegerMoments fast, IntegerMoments reference)
    {
        Exact("count", fast.Count, reference.Count);
        Exact("sum", fast.Sum, reference.Sum);
        Exact("min", fast.Min, reference.Min);
        Exact("max", fast.Max, reference.Max);
        var scale = Math.Max(Math.Abs((double)reference.Min), Math.Abs((double)reference.Max));
        Close("mean", fast.Mean, reference.Mean, scale, reference.Count);
        Close("M2", fast.M2, reference.M2, scale * scale, reference.Count);
    }

    private static void Exact<TValue>(string what, TValue fast, TValue reference)
    {
        if (!EqualityComparer<TValue>.Default.Equals(fast, reference))
        {
            Assert.Fail($"{what}: vectorized {fast}, scalar {reference} (must be equal)");
        }
    }

    /// <summary>
    /// Equal up to rounding: 1e-9 relative to the results, plus 1e-12 of <paramref name="scale"/> (the largest magnitude,
    /// or its square for M2) per value, since with cancellation (±1e15 next to small values) the rounding of the
    /// additions depends on the terms, not on the result. Non-finite results (±∞, NaN) must be equal.
    /// </summary>
    private static void Close(string what, double fast, double reference, double scale, long count)
    {
        var close = double.IsFinite(fast) && double.IsFinite(reference) && double.IsFinite(scale)
            ? Math.Abs(fast - reference) <= (1e-9 * Math.Max(Math.Abs(fast), Math.Abs(reference))) + (1e-12 * scale * count) + 1e-9
            : fast.Equals(reference);
        if (!close)
        {
            Assert.Fail($"{what}: vectorized {fast:R}, scalar {reference:R} (scale {scale:R}, {count} values)");
        }
    }

    private static UnknownShapeException Unknown(MethodInfo vectorized, string why) =>
        new($"add a shape for {KernelSignatures.Signature(vectorized)} ({why})");

    private sealed record StateComparison<TState>(TState Empty, Action<TState, TState> AssertAgree);
}
