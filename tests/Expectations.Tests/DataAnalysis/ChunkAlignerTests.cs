using CsCheck;
using Expectations.DataAnalysis;

namespace Expectations.Tests.DataAnalysis;

public sealed class ChunkAlignerTests
{
    /// <summary>A column whose values are cut into given segments, as a DataFrame column's buffers or windows are.</summary>
    private sealed class SegmentedReader : ColumnReader
    {
        private readonly int[] _values;
        private readonly byte[] _validity;
        private readonly int[] _segments;
        private int _segment = -1;
        private int _segmentStart;

        public SegmentedReader(string name, int[] values, byte[] validity, int[] segments)
            : base(name, "test")
        {
            _values = values;
            _validity = validity;
            _segments = segments;
        }

        public override bool MoveNext()
        {
            if (_segment + 1 >= _segments.Length)
            {
                return false;
            }

            _segmentStart += SegmentLength;
            SegmentLength = _segments[++_segment];
            return true;
        }

        public override ColumnBatch Slice(int start, int length)
        {
            var (validity, nulls) = SliceValidity(_validity, _segmentStart + start, length);
            return new PrimitiveBatch<int>(Name, DataKind.Integer, _values.AsMemory(_segmentStart + start, length), validity, nulls);
        }

        public override ColumnBatch Empty() => new PrimitiveBatch<int>(Name, DataKind.Integer, ReadOnlyMemory<int>.Empty, ReadOnlyMemory<byte>.Empty, 0);
    }

    /// <summary>Segment lengths (some of them 0) that add up to <paramref name="rows"/>.</summary>
    private static Gen<int[]> Segments(int rows) =>
        Gen.Int[0, rows].Array[0, 6].Select(cuts =>
        {
            var bounds = cuts.Append(0).Append(rows).Order().ToArray();
            return bounds.Skip(1).Select((end, i) => end - bounds[i]).ToArray();
        });

    private static readonly Gen<(int Rows, byte[] Validity, int[][] Segments)> Layouts =
        Gen.Int[1, 100].SelectMany(rows =>
            Gen.Byte.Array[(rows + 7) / 8].SelectMany(validity =>
                Segments(rows).Array[1, 3].Select(segments => (rows, validity, segments))));

    [Fact]
    public void Chunks_split_at_every_segment_boundary_of_every_column_and_keep_each_row()
    {
        Layouts.Sample((rows, validity, segments) =>
        {
            var values = Enumerable.Range(0, rows).Select(i => i * 7).ToArray();
            var readers = segments.Select((s, c) => (ColumnReader)new SegmentedReader($"c{c}", values, validity, s)).ToList();
            var expectedBoundaries = segments
                .SelectMany(s => s.Select((_, i) => s.Take(i + 1).Sum()))
                .Where(b => b > 0)
                .Distinct()
                .Order();

            var ends = new List<int>();
            foreach (var chunk in ChunkAligner.Align(readers, rows, "test", CancellationToken.None))
            {
                ends.Add((int)chunk.RowOffset + chunk.RowCount);
                foreach (var reader in readers)
                {
                    var batch = (PrimitiveBatch<int>)chunk[reader.Name];
                    var nulls = 0;
                    for (var i = 0; i < chunk.RowCount; i++)
                    {
                        var row = (int)chunk.RowOffset + i;
                        var valid = ((validity[row >> 3] >> (row & 7)) & 1) == 1;
                        batch.IsValid(i).Should().Be(valid, "row {0} of {1}", row, reader.Name);
                        batch.Values.Span[i].Should().Be(values[row]);
                        nulls += valid ? 0 : 1;
                    }

                    batch.NullCount.Should().Be(nulls);
                }
            }

            ends.Should().Equal(expectedBoundaries);
        });
    }

    [Fact]
    public void A_column_that_ends_early_is_a_data_error()
    {
        var reader = new SegmentedReader("short", [1, 2, 3], [], [2]);

        var align = () => ChunkAligner.Align([reader], 3, "frame", CancellationToken.None).ToList();

        align.Should().Throw<DataSourceException>().WithMessage("*frame*'short'*row 2*");
    }

    [Fact]
    public void A_column_that_runs_past_the_row_count_is_a_data_error()
    {
        var reader = new SegmentedReader("long", [1, 2, 3], [], [2, 1]);

        var align = () => ChunkAligner.Align([reader], 2, "frame", CancellationToken.None).ToList();

        align.Should().Throw<DataSourceException>().WithMessage("*frame*'long'*more than*");
    }
}
