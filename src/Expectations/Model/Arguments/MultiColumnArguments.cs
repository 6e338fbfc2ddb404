namespace Expectations.Model;

/// <summary>Argument checks shared by the multi-column records (they derive from <see cref="Expectation"/>, not <see cref="ColumnMapExpectation"/>).</summary>
internal static class MultiColumnArguments
{
    public static void CheckMostly(ArgumentErrors errors, double? mostly)
    {
        if (mostly is { } m && !(m >= 0 && m <= 1))
        {
            errors.Add("mostly", $"must be between 0 and 1, got {m}");
        }
    }

    public static void CheckColumn(ArgumentErrors errors, string argument, string? column)
    {
        if (string.IsNullOrEmpty(column))
        {
            errors.Add(argument, "is required and must be a column name");
        }
    }
}
