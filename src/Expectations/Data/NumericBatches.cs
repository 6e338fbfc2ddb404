using System.Numerics;

namespace Expectations.Data;

/// <summary>An operation on a numeric batch, written once for every element type.</summary>
/// <typeparam name="TResult">What the operation returns.</typeparam>
internal interface INumericBatchFunc<out TResult>
{
    /// <summary>Applies the operation to a batch of <typeparamref name="T"/>.</summary>
    TResult Apply<T>(PrimitiveBatch<T> batch) where T : unmanaged, INumber<T>, IMinMaxValue<T>;
}

/// <summary>
/// Dispatches an <see cref="INumericBatchFunc{TResult}"/> to a batch's element type once per batch (never per row), so
/// checks write one generic loop instead of a switch over the eleven numeric types.
/// </summary>
internal static class NumericBatches
{
    /// <summary>Applies <paramref name="func"/> when <paramref name="batch"/> holds numbers (timestamp ticks are longs, so they count); false for text and booleans.</summary>
    public static bool TryApply<TFunc, TResult>(ColumnBatch batch, TFunc func, out TResult result)
        where TFunc : INumericBatchFunc<TResult>
    {
        switch (batch)
        {
            case PrimitiveBatch<double> b: result = func.Apply(b); return true;
            case PrimitiveBatch<float> b: result = func.Apply(b); return true;
            case PrimitiveBatch<long> b: result = func.Apply(b); return true;
            case PrimitiveBatch<int> b: result = func.Apply(b); return true;
            case PrimitiveBatch<short> b: result = func.Apply(b); return true;
            case PrimitiveBatch<sbyte> b: result = func.Apply(b); return true;
            case PrimitiveBatch<ulong> b: result = func.Apply(b); return true;
            case PrimitiveBatch<uint> b: result = func.Apply(b); return true;
            case PrimitiveBatch<ushort> b: result = func.Apply(b); return true;
            case PrimitiveBatch<byte> b: result = func.Apply(b); return true;
            case PrimitiveBatch<decimal> b: result = func.Apply(b); return true;
            default: result = default!; return false;
        }
    }

    /// <summary>The value at <paramref name="row"/> of a numeric batch as a double (slow paths and samples only).</summary>
    public static double ValueAsDouble(ColumnBatch batch, int row) =>
        TryApply(batch, new ValueAt(row), out double value) ? value : double.NaN;

    private readonly struct ValueAt(int row) : INumericBatchFunc<double>
    {
        public double Apply<T>(PrimitiveBatch<T> batch) where T : unmanaged, INumber<T>, IMinMaxValue<T> => double.CreateTruncating(batch.Values.Span[row]);
    }
}
