using Expectations.Checks;
using Expectations.Data;
using Expectations.Engine;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;

namespace Expectations.Checks
{
    /// <summary>
    /// GX <c>expect_column_value_lengths_to_be_between</c>: each non-null string has a length (in Unicode code
    /// points, as Python's <c>len</c>) within the bounds, inclusive unless <see cref="StrictMin"/>/<see cref="StrictMax"/>.
    /// </summary>
    public sealed record ColumnValueLengthsToBeBetween : ColumnMapExpectation
    {
        /// <summary>The wire name.</summary>
        public const string TypeName = "expect_column_value_lengths_to_be_between";

        /// <inheritdoc />
        public override string Type => TypeName;

        /// <summary>Smallest allowed length, or null for none.</summary>
        [Kwarg("min_value")]
        public int? MinValue { get; init; }

        /// <summary>Largest allowed length, or null for none.</summary>
        [Kwarg("max_value")]
        public int? MaxValue { get; init; }

        /// <summary>Whether a length equal to <see cref="MinValue"/> is unexpected.</summary>
        [Kwarg("strict_min")]
        public bool StrictMin { get; init; }

        /// <summary>Whether a length equal to <see cref="MaxValue"/> is unexpected.</summary>
        [Kwarg("strict_max")]
        public bool StrictMax { get; init; }

        /// <inheritdoc />
        protected override void CheckArguments(ArgumentErrors errors)
        {
            base.CheckArguments(errors);
            if (MinValue is null && MaxValue is null)
            {
                errors.Add("min_value", "and max_value cannot both be null");
            }

            if (MinValue < 0)
            {
                errors.Add("min_value", $"must not be negative, got {MinValue}");
            }

            if (MaxValue < 0)
            {
                errors.Add("max_value", $"must not be negative, got {MaxValue}");
            }

            if (MinValue > MaxValue)
            {
                errors.Add("min_value", $"({MinValue}) must not be greater than max_value ({MaxValue})");
            }
        }
    }

    /// <summary>GX <c>expect_column_value_lengths_to_equal</c>: each non-null string has exactly <see cref="Value"/> code points.</summary>
    public sealed record ColumnValueLengthsToEqual : ColumnMapExpectation
    {
        /// <summary>The wire name.</summary>
        public const string TypeName = "expect_column_value_lengths_to_equal";

        /// <inheritdoc />
        public override string Type => TypeName;

        /// <summary>The required length.</summary>
        [Kwarg("value", Required = true)]
        public int Value { get; init; }

        /// <inheritdoc />
        protected override void CheckArguments(ArgumentErrors errors)
        {
            base.CheckArguments(errors);
            if (Value < 0)
            {
                errors.Add("value", $"must not be negative, got {Value}");
            }
        }
    }

    internal sealed class LengthBetweenEvaluator(ColumnValueLengthsToBeBetween e) : ColumnMapEvaluator<ColumnValueLengthsToBeBetween>(e)
    {
        protected override RowCheck CreateCheck(ColumnInfo column)
        {
            if (column.Kind != DataKind.String)
            {
                throw Unsupported(column, "the column is not text");
            }

            // Integer bounds become inclusive ones; an impossible range (lo > hi) makes every value unexpected.
            var lo = Spec.MinValue is { } min ? (Spec.StrictMin ? (long)min + 1 : min) : 0;
            var hi = Spec.MaxValue is { } max ? (Spec.StrictMax ? (long)max - 1 : max) : int.MaxValue;
            return new LengthCheck((int)Math.Min(lo, int.MaxValue), (int)Math.Max(hi, -1));
        }
    }

    internal sealed class LengthEqualEvaluator(ColumnValueLengthsToEqual e) : ColumnMapEvaluator<ColumnValueLengthsToEqual>(e)
    {
        protected override RowCheck CreateCheck(ColumnInfo column) =>
            column.Kind == DataKind.String ? new LengthCheck(Spec.Value, Spec.Value) : throw Unsupported(column, "the column is not text");
    }

    /// <summary>Strings whose code-point length lies outside <c>[Lo, Hi]</c> are unexpected; equal bounds share one metric.</summary>
    internal sealed record LengthCheck(int Lo, int Hi) : RowCheck
    {
        public override int CountUnexpected(ColumnBatch batch)
        {
            var strings = (StringBatch)batch;
            return Utf8LengthKernel.CountLengthsOutside(strings.Data.Span, strings.Offsets.Span, strings.Validity.Span, Lo, Hi);
        }

        public override bool IsUnexpected(ColumnBatch batch, int row)
        {
            var length = Utf8LengthKernel.CodePoints(((StringBatch)batch).GetBytes(row));
            return length < Lo || length > Hi;
        }
    }
}

namespace Expectations
{
    /// <summary>String length verbs.</summary>
    public static partial class ColumnVerbs
    {
        /// <summary>
        /// Every value has between <paramref name="min"/> and <paramref name="max"/> characters (Unicode code points;
        /// GX <c>expect_column_value_lengths_to_be_between</c>); null means unbounded.
        /// </summary>
        public static ColumnRules<string> LengthBetween(this ColumnRules<string> c, int? min, int? max, bool strictMin = false, bool strictMax = false) =>
            c.Add(new ColumnValueLengthsToBeBetween { Column = c.Name, MinValue = min, MaxValue = max, StrictMin = strictMin, StrictMax = strictMax });

        /// <summary>
        /// Every value has between <paramref name="min"/> and <paramref name="max"/> characters (GX
        /// <c>expect_column_value_lengths_to_be_between</c>); the column must hold text.
        /// </summary>
        public static ColumnRules<Scalar> LengthBetween(this ColumnRules<Scalar> c, int? min, int? max, bool strictMin = false, bool strictMax = false) =>
            c.Add(new ColumnValueLengthsToBeBetween { Column = c.Name, MinValue = min, MaxValue = max, StrictMin = strictMin, StrictMax = strictMax });

        /// <summary>Every value has exactly <paramref name="length"/> characters (GX <c>expect_column_value_lengths_to_equal</c>).</summary>
        public static ColumnRules<string> LengthEquals(this ColumnRules<string> c, int length) =>
            c.Add(new ColumnValueLengthsToEqual { Column = c.Name, Value = length });

        /// <summary>Every value has exactly <paramref name="length"/> characters (GX <c>expect_column_value_lengths_to_equal</c>); the column must hold text.</summary>
        public static ColumnRules<Scalar> LengthEquals(this ColumnRules<Scalar> c, int length) =>
            c.Add(new ColumnValueLengthsToEqual { Column = c.Name, Value = length });
    }
}
