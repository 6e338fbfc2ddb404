namespace Expectations.Engine;

/// <summary>
/// A byte naming the in-memory layout of a batch (which <see cref="PrimitiveBatch{T}"/>, or variable-length bytes), for
/// saved states whose typed parts (a uniqueness key's codec, an order walker's last value) depend on it.
/// </summary>
internal static class BatchLayouts
{
    public const byte VariableLength = 0;
    public const byte Boolean = 1;
    public const byte SByte = 2;
    public const byte Byte = 3;
    public const byte Int16 = 4;
    public const byte UInt16 = 5;
    public const byte Int32 = 6;
    public const byte UInt32 = 7;
    public const byte Int64 = 8;
    public const byte UInt64 = 9;
    public const byte Single = 10;
    public const byte Double = 11;
    public const byte Decimal = 12;
    public const byte Other = 255;

    public static byte Of(ColumnBatch batch) => batch switch
    {
        VariableLengthBatch => VariableLength,
        PrimitiveBatch<bool> => Boolean,
        PrimitiveBatch<sbyte> => SByte,
        PrimitiveBatch<byte> => Byte,
        PrimitiveBatch<short> => Int16,
        PrimitiveBatch<ushort> => UInt16,
        PrimitiveBatch<int> => Int32,
        PrimitiveBatch<uint> => UInt32,
        PrimitiveBatch<long> => Int64,
        PrimitiveBatch<ulong> => UInt64,
        PrimitiveBatch<float> => Single,
        PrimitiveBatch<double> => Double,
        PrimitiveBatch<decimal> => Decimal,
        _ => Other,
    };
}
