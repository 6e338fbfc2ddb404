using System.Runtime.Serialization;

namespace Expectations;

/// <summary>Which rows <c>expect_column_pair_values_*</c> skip (GX's <c>ignore_row_if</c> for column pairs).</summary>
public enum PairIgnoreRowIf
{
    /// <summary>Skip rows where both values are null (the default); a row with one null is unexpected.</summary>
    [EnumMember(Value = "both_values_are_missing")]
    BothValuesAreMissing,

    /// <summary>Skip rows where either value is null.</summary>
    [EnumMember(Value = "either_value_is_missing")]
    EitherValueIsMissing,

    /// <summary>Skip no row: rows with nulls are unexpected.</summary>
    [EnumMember(Value = "neither")]
    Neither,
}

/// <summary>Which rows multi-column expectations skip (GX's <c>ignore_row_if</c> for column lists).</summary>
public enum MultiColumnIgnoreRowIf
{
    /// <summary>Skip rows where every listed value is null (the default).</summary>
    [EnumMember(Value = "all_values_are_missing")]
    AllValuesAreMissing,

    /// <summary>Skip rows where any listed value is null.</summary>
    [EnumMember(Value = "any_value_is_missing")]
    AnyValueIsMissing,

    /// <summary>Skip no row: null is a value like any other.</summary>
    [EnumMember(Value = "never")]
    Never,
}
