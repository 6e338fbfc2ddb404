using CsCheck;
using Expectations.Kernels;

namespace Expectations.Tests.Kernels;

/// <summary>The uniqueness tables agree with a plain reference however the rows are split into merged parts.</summary>
public class DuplicateTableTests
{
    // Small key ranges give many repeats; wide ones force growth and, for longs, keys that differ only in high bits.
    private static readonly Gen<(ulong[] Keys, int[] Cuts, int Cap)> Rows =
        Gen.OneOf(Gen.ULong[0, 8], Gen.ULong[0, 2000], Gen.ULong, Gen.ULong[0, 8].Select(k => k << 40)).Array[0, 1500].SelectMany(keys =>
            Gen.Int[0, keys.Length].Array[0, 5].SelectMany(cuts => Gen.Int[0, 25].Select(cap => (keys, cuts, cap))));

    [Fact]
    public void Long_table_agrees_with_reference() => Rows.Sample((keys, cuts, cap) =>
    {
        var table = Parts(keys, cuts, () => new LongDuplicateTable(cap), (t, k, row) => t.Add(k, row), (a, b) => a.Merge(b));
        var (unexpected, rows) = Reference(keys, cap);
        return table.Unexpected == unexpected
            && table.Count == keys.Distinct().Count()
            && table.FirstUnexpected(cap).Select(r => (r.Row, r.Key)).SequenceEqual(rows);
    });

    [Fact]
    public void Byte_table_agrees_with_reference() => Rows.Sample((keys, cuts, cap) =>
    {
        // Keys of several lengths, so arena offsets matter: key k is k's decimal digits.
        var table = Parts(keys, cuts, () => new ByteDuplicateTable(cap), (t, k, row) =>
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(k.ToString(System.Globalization.CultureInfo.InvariantCulture));
            t.Add(bytes, ByteDuplicateTable.Hash(bytes), row);
        }, (a, b) => a.Merge(b));
        var (unexpected, rows) = Reference(keys, cap);
        return table.Unexpected == unexpected
            && table.Count == keys.Distinct().Count()
            && table.FirstUnexpected(cap).Select(r => (r.Row, ulong.Parse(table.KeyOf(r.Entry), System.Globalization.CultureInfo.InvariantCulture))).SequenceEqual(rows);
    });

    /// <summary>Rows split at <paramref name="cuts"/> into parts, each counted alone, merged left to right.</summary>
    private static T Parts<T>(ulong[] keys, int[] cuts, Func<T> create, Action<T, ulong, long> add, Action<T, T> merge)
    {
        var bounds = cuts.Append(0).Append(keys.Length).Distinct().Order().ToArray();
        var total = create();
        for (var p = 0; p + 1 < bounds.Length; p++)
        {
            var part = create();
            for (var r = bounds[p]; r < bounds[p + 1]; r++)
            {
                add(part, keys[r], r);
            }

            merge(total, part);
        }

        return total;
    }

    private static (long Unexpected, List<(long Row, ulong Key)> Rows) Reference(ulong[] keys, int cap)
    {
        var counts = keys.CountBy(k => k).ToDictionary();
        var rows = keys.Select((k, r) => ((long)r, k)).Where(x => counts[x.k] >= 2).ToList();
        return (rows.Count, rows.Take(cap).ToList());
    }
}
