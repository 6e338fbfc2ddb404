namespace Expectations.Data;

/// <summary>
/// Copies chosen rows of a batch into a new, compact batch of the same kind: primitives, text and binary, lists (with
/// their elements) and the nullness of structs and maps. Used by row filters and wherever a part of a batch is needed.
/// </summary>
internal static class BatchSelection
{
    /// <summary>The rows <paramref name="rows"/> (indices into <paramref name="batch"/>, in the order wanted) as a new batch.</summary>
    public static ColumnBatch Select(ColumnBatch batch, int[] rows)
    {
        var validity = new byte[(rows.Length + 7) / 8];
        var nulls = 0;
        for (var k = 0; k < rows.Length; k++)
        {
            if (batch.IsValid(rows[k]))
            {
                validity[k >> 3] |= (byte)(1 << (k & 7));
            }
            else
            {
                nulls++;
            }
        }

        return batch switch
        {
            StringBatch s => SelectBytes(s, rows, (data, offsets) => new StringBatch(s.Name, data, offsets, validity, nulls)),
            BinaryBatch b => SelectBytes(b, rows, (data, offsets) => new BinaryBatch(b.Name, data, offsets, validity, nulls)),
            ListBatch l => SelectLists(l, rows, validity, nulls),
            NestedBatch n => new NestedBatch(n.Name, n.Kind, rows.Length, validity, nulls),
            PrimitiveBatch<double> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<float> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<long> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<int> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<short> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<sbyte> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<ulong> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<uint> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<ushort> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<byte> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<decimal> b => SelectPrimitive(b, rows, validity, nulls),
            PrimitiveBatch<bool> b => SelectPrimitive(b, rows, validity, nulls),
            _ => throw new InvalidOperationException($"Column '{batch.Name}' has a batch type the row selection does not know ({batch.GetType().Name})."),
        };
    }

    /// <summary><paramref name="batch"/> under another name (same buffers).</summary>
    public static ColumnBatch Rename(ColumnBatch batch, string name) => Rebuild(batch, name, batch.Validity, batch.NullCount);

    /// <summary><paramref name="batch"/> with the rows where <paramref name="makeNull"/> is true set to null (same value buffers).</summary>
    public static ColumnBatch WithNulls(ColumnBatch batch, bool[] makeNull)
    {
        var validity = new byte[(batch.Length + 7) / 8];
        var nulls = 0;
        for (var i = 0; i < batch.Length; i++)
        {
            if (!makeNull[i] && batch.IsValid(i))
            {
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                nulls++;
            }
        }

        return Rebuild(batch, batch.Name, validity, nulls);
    }

    /// <summary>A batch of <paramref name="length"/> nulls of the same type as <paramref name="template"/> (which may be empty).</summary>
    public static ColumnBatch Nulls(ColumnBatch template, string name, int length)
    {
        var validity = new byte[(length + 7) / 8];
        return template switch
        {
            StringBatch => new StringBatch(name, ReadOnlyMemory<byte>.Empty, new int[length + 1], validity, length),
            BinaryBatch => new BinaryBatch(name, ReadOnlyMemory<byte>.Empty, new int[length + 1], validity, length),
            ListBatch l => new ListBatch(name, new int[length + 1], l.Values, validity, length),
            NestedBatch n => new NestedBatch(name, n.Kind, length, validity, length),
            PrimitiveBatch<double> => new PrimitiveBatch<double>(name, template.Kind, new double[length], validity, length),
            PrimitiveBatch<float> => new PrimitiveBatch<float>(name, template.Kind, new float[length], validity, length),
            PrimitiveBatch<long> => new PrimitiveBatch<long>(name, template.Kind, new long[length], validity, length),
            PrimitiveBatch<int> => new PrimitiveBatch<int>(name, template.Kind, new int[length], validity, length),
            PrimitiveBatch<short> => new PrimitiveBatch<short>(name, template.Kind, new short[length], validity, length),
            PrimitiveBatch<sbyte> => new PrimitiveBatch<sbyte>(name, template.Kind, new sbyte[length], validity, length),
            PrimitiveBatch<ulong> => new PrimitiveBatch<ulong>(name, template.Kind, new ulong[length], validity, length),
            PrimitiveBatch<uint> => new PrimitiveBatch<uint>(name, template.Kind, new uint[length], validity, length),
            PrimitiveBatch<ushort> => new PrimitiveBatch<ushort>(name, template.Kind, new ushort[length], validity, length),
            PrimitiveBatch<byte> => new PrimitiveBatch<byte>(name, template.Kind, new byte[length], validity, length),
            PrimitiveBatch<decimal> => new PrimitiveBatch<decimal>(name, template.Kind, new decimal[length], validity, length),
            PrimitiveBatch<bool> => new PrimitiveBatch<bool>(name, template.Kind, new bool[length], validity, length),
            _ => throw new InvalidOperationException($"Column '{template.Name}' has a batch type the row selection does not know ({template.GetType().Name})."),
        };
    }

    private static ColumnBatch Rebuild(ColumnBatch batch, string name, ReadOnlyMemory<byte> validity, int nulls) => batch switch
    {
        StringBatch s => new StringBatch(name, s.Data, s.Offsets, validity, nulls),
        BinaryBatch b => new BinaryBatch(name, b.Data, b.Offsets, validity, nulls),
        ListBatch l => new ListBatch(name, l.Offsets, l.Values, validity, nulls),
        NestedBatch n => new NestedBatch(name, n.Kind, n.Length, validity, nulls),
        PrimitiveBatch<double> p => new PrimitiveBatch<double>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<float> p => new PrimitiveBatch<float>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<long> p => new PrimitiveBatch<long>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<int> p => new PrimitiveBatch<int>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<short> p => new PrimitiveBatch<short>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<sbyte> p => new PrimitiveBatch<sbyte>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<ulong> p => new PrimitiveBatch<ulong>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<uint> p => new PrimitiveBatch<uint>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<ushort> p => new PrimitiveBatch<ushort>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<byte> p => new PrimitiveBatch<byte>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<decimal> p => new PrimitiveBatch<decimal>(name, p.Kind, p.Values, validity, nulls),
        PrimitiveBatch<bool> p => new PrimitiveBatch<bool>(name, p.Kind, p.Values, validity, nulls),
        _ => throw new InvalidOperationException($"Column '{batch.Name}' has a batch type the row selection does not know ({batch.GetType().Name})."),
    };

    /// <summary>The elements of the rows of <paramref name="list"/> in row order: exactly what its offsets reference.</summary>
    public static ColumnBatch ReferencedElements(ListBatch list)
    {
        var offsets = list.Offsets.Span;
        if (offsets.Length == 0 || (offsets[0] == 0 && offsets[^1] == list.Values.Length))
        {
            return list.Values;
        }

        var elements = new int[offsets[^1] - offsets[0]];
        for (var k = 0; k < elements.Length; k++)
        {
            elements[k] = offsets[0] + k;
        }

        return Select(list.Values, elements);
    }

    private static PrimitiveBatch<T> SelectPrimitive<T>(PrimitiveBatch<T> b, int[] rows, byte[] validity, int nulls) where T : unmanaged
    {
        var src = b.Values.Span;
        var values = new T[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            values[k] = src[rows[k]];
        }

        return new PrimitiveBatch<T>(b.Name, b.Kind, values, validity, nulls);
    }

    private static ColumnBatch SelectBytes(VariableLengthBatch s, int[] rows, Func<byte[], int[], ColumnBatch> create)
    {
        var offsets = new int[rows.Length + 1];
        var total = 0;
        for (var k = 0; k < rows.Length; k++)
        {
            total += s.GetBytes(rows[k]).Length;
        }

        var data = new byte[total];
        var at = 0;
        for (var k = 0; k < rows.Length; k++)
        {
            offsets[k] = at;
            var bytes = s.GetBytes(rows[k]);
            bytes.CopyTo(data.AsSpan(at));
            at += bytes.Length;
        }

        offsets[rows.Length] = at;
        return create(data, offsets);
    }

    private static ListBatch SelectLists(ListBatch l, int[] rows, byte[] validity, int nulls)
    {
        var offsets = new int[rows.Length + 1];
        var total = 0;
        for (var k = 0; k < rows.Length; k++)
        {
            offsets[k] = total;
            total += l.IsValid(rows[k]) ? l.GetLength(rows[k]) : 0;
        }

        offsets[rows.Length] = total;
        var elements = new int[total];
        var source = l.Offsets.Span;
        var at = 0;
        foreach (var row in rows)
        {
            if (!l.IsValid(row))
            {
                continue;
            }

            for (var e = source[row]; e < source[row + 1]; e++)
            {
                elements[at++] = e;
            }
        }

        return new ListBatch(l.Name, offsets, Select(l.Values, elements), validity, nulls);
    }
}
